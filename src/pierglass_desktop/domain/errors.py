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
