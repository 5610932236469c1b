"""Consent changes go to the audit trail: what the person agreed to, and from when.

The entry holds only the scope and the date (no name), so it may travel with the project's
copy; erasing the person deletes it with their other audit entries.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from sqlalchemy.orm import Session

from pierglass_desktop.domain.enums import ConsentScope
from pierglass_desktop.domain.records import AuditEntry

CONSENT = "consent"
Consent = tuple[ConsentScope | None, date | None]


class HasConsent(Protocol):
    @property
    def consent_scope(self) -> ConsentScope | None: ...

    @property
    def consent_date(self) -> date | None: ...


def consent_of(record: HasConsent) -> Consent:
    return (record.consent_scope, record.consent_date)


def record_consent(s: Session, participant_id: str, before: Consent, after: Consent) -> None:
    """Add an audit entry in the caller's transaction when the consent changed."""
    if before == after:
        return
    s.add(
        AuditEntry(
            action=CONSENT,
            entity="participant",
            entity_id=participant_id,
            before=_plain(before),
            after=_plain(after),
        )
    )


def _plain(consent: Consent) -> dict[str, str | None]:
    scope, day = consent
    return {
        "consent_scope": scope.value if scope is not None else None,
        "consent_date": day.isoformat() if day is not None else None,
    }
