"""What a write changed, said in types: the UI refreshes the pages that show those kinds.

Each public write function in ``services/`` carries ``@changes(Change.GROUPS, ...)``; the UI's
one helper (``ui/ops.py``) reads the declaration and announces it after the call succeeds. A
read that opens a transaction only for a consistent snapshot says ``@changes()``. A test walks
every service module and fails on a write that declares nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TypeVar


class Change(Enum):
    """A kind of data a page shows; one announcement names every kind a write touched."""

    GROUPS = "groups"
    PARTICIPANTS = "participants"
    TUTORS = "tutors"
    MEMBERSHIPS = "memberships"
    MEETINGS = "meetings"
    AGENDA = "agenda"
    ATTENDANCE = "attendance"
    NOTES = "notes"
    COMMITMENTS = "commitments"
    FEEDBACK = "feedback"
    EVIDENCE = "evidence"
    SIGN_OFF = "sign_off"
    METHODS = "methods"
    TEMPLATES = "templates"
    MATERIALS = "materials"
    SEARCH = "search"
    PREFERENCES = "preferences"
    LANGUAGE = "language"
    ASSESSMENTS = "assessments"
    IMPORTS = "imports"


# Everything a person's records touch: merging two records or erasing one changes all of it.
PEOPLE_DATA: frozenset[Change] = frozenset(
    {Change.PARTICIPANTS, Change.MEMBERSHIPS, Change.GROUPS, Change.ATTENDANCE, Change.NOTES}
    | {Change.COMMITMENTS, Change.ASSESSMENTS, Change.AGENDA, Change.SEARCH}
)
# What a project-sync file can bring: every synced kind but the library.
IMPORTED: frozenset[Change] = PEOPLE_DATA | {
    Change.TUTORS,
    Change.MEETINGS,
    Change.FEEDBACK,
    Change.EVIDENCE,
    Change.SIGN_OFF,
    Change.IMPORTS,
}

ALL: frozenset[Change] = frozenset(Change)
"""Everything: another database was opened, so every page reloads."""

F = TypeVar("F", bound=Callable[..., object])


def changes(*kinds: Change) -> Callable[[F], F]:
    """Declare on a service function what a successful call changes (nothing: a read)."""
    declared = frozenset(kinds)

    def mark(fn: F) -> F:
        fn.__changes__ = declared  # type: ignore[attr-defined]
        return fn

    return mark


def changes_of(fn: Callable[..., object]) -> frozenset[Change] | None:
    """What ``fn`` declared, or None if it declared nothing (also through functools.partial)."""
    inner = getattr(fn, "func", fn)
    return getattr(inner, "__changes__", None)
