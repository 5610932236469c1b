"""A participant gives consent, later widens it: both show in the audit trail, without names,
and erasing the person removes them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from pierglass_desktop.domain.enums import ConsentScope
from pierglass_desktop.domain.records import AuditEntry
from pierglass_desktop.services.erasure import erase_person
from pierglass_desktop.services.participants import (
    ParticipantInput,
    create_participant,
    update_participant,
)


def _consent_entries(sessions):
    with sessions() as s:
        return [
            (e.entity_id, e.before, e.after)
            for e in s.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "consent")
                .order_by(AuditEntry.created_at)
            )
        ]


def test_consent_given_and_widened_is_recorded_and_erased_with_the_person(database):
    sessions = database.sessions
    given = ParticipantInput(
        "Liisa", "Laine", consent_scope=ConsentScope.REPORTING, consent_date=date(2026, 1, 5)
    )
    liisa = create_participant(sessions, given, today=date(2026, 2, 1))
    update_participant(sessions, liisa.id, replace(given, phone="040 1"), today=date(2026, 2, 1))
    widened = replace(given, consent_scope=ConsentScope.SHARING, consent_date=date(2026, 3, 1))
    update_participant(sessions, liisa.id, widened, today=date(2026, 4, 1))
    entries = _consent_entries(sessions)
    assert entries == [
        (
            liisa.id,
            {"consent_scope": None, "consent_date": None},
            {"consent_scope": "reporting", "consent_date": "2026-01-05"},
        ),
        (
            liisa.id,
            {"consent_scope": "reporting", "consent_date": "2026-01-05"},
            {"consent_scope": "sharing", "consent_date": "2026-03-01"},
        ),
    ]
    erase_person(database, liisa.id)
    assert _consent_entries(sessions) == []
