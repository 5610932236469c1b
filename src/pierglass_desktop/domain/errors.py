"""Typed errors raised by services; the UI and CLI turn them into sentences.

Every message is already translated and written for a tutor: what happened and what to do.
"""

from __future__ import annotations


class PierglassError(Exception):
    """Base of every error a person may see."""


class ValidationError(PierglassError):
    """Input that cannot be accepted. ``fields`` maps a field name to its own message."""

    def __init__(self, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.fields = dict(fields or {})


class NotFound(PierglassError):
    """The record asked for does not exist (or was deleted)."""


class Conflict(PierglassError):
    """The action clashes with the current state (locked meeting, duplicate, changed meanwhile)."""


class StorageError(PierglassError):
    """The database file cannot be used: missing, locked, damaged, newer, not ours."""


class DatabaseLocked(StorageError):
    """Another running copy of the program has the database open."""


class NewerDatabase(StorageError):
    """The file was written by a newer version of the program."""


def changed_meanwhile() -> Conflict:
    """An edit of a record someone else changed (or removed) after it was shown: refused."""
    from pierglass_desktop.i18n import _

    return Conflict(
        _(
            "Someone else changed or removed this record after you opened it, so your "
            "change was not saved. Open it again to see theirs, then make your change."
        )
    )


def check_unchanged(updated_at: object, seen_at: object) -> None:
    """Refuse the edit when the record's stamp is no longer the one its form showed
    (``seen_at`` None: the caller showed nothing, so there is nothing to compare)."""
    if seen_at is not None and updated_at != seen_at:
        raise changed_meanwhile()
