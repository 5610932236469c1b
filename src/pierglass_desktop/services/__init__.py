"""Use cases: one function per user action, one transaction each, plain rows out. No Qt here.

This package module also holds the few helpers the service modules share.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.orm import Session

from pierglass_desktop.domain.base import Synced
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.people import Group
from pierglass_desktop.i18n import _

if TYPE_CHECKING:  # the fields' module brings the whole data model (see ui.app.load_data_model)
    from pierglass_desktop.domain.fields import FieldSpec

T = TypeVar("T", bound=Synced)


def get_live(session: Session, model: type[T], record_id: str, what: str) -> T:
    """The record with this id, unless it is missing or deleted (then NotFound saying ``what``)."""
    record = session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise NotFound(what)
    return record


def live_group(session: Session, group_id: str) -> Group:
    """The live group with this id, or NotFound in words a tutor understands."""
    return get_live(
        session,
        Group,
        group_id,
        _("The group was not found; it may have been deleted meanwhile."),
    )


def clean_text(value: str | None, spec: FieldSpec, errors: dict[str, str]) -> str:
    """Trimmed text; a value longer than the field holds is noted in ``errors`` under its key."""
    cleaned = (value or "").strip()
    limit = spec.max_length
    if limit is not None and len(cleaned) > limit:
        errors[spec.key] = _("Shorten this to at most {limit} characters.").format(limit=limit)
    return cleaned


def in_range(value: int, spec: FieldSpec) -> bool:
    """Whether a whole number lies within the field's bounds (a missing bound is no bound)."""
    low = spec.minimum if spec.minimum is not None else value
    high = spec.maximum if spec.maximum is not None else value
    return low <= value <= high


def raise_if_errors(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(_("Some fields need checking; see the notes under them."), errors)


def casefolded(*parts: str | None) -> str:
    """One lower-cased haystack for searching, Finnish letters included."""
    return " ".join(p for p in parts if p).casefold()


def shown_date(day: date | None) -> str:
    """A date as the current language writes it, for sentences in error messages."""
    from pierglass_desktop.i18n.formatting import format_date

    return format_date(day)
