"""What every page gets: the open database, the background runner and the change signal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.preferences import Preferences
from pierglass_desktop.services.changes import Change
from pierglass_desktop.storage.database import Database
from pierglass_desktop.ui.tasks import TaskRunner


class Changes(QObject):
    """Emitted after a service changed data; pages refresh the kinds they show.

    The argument is a ``frozenset[Change]``, e.g. {Change.GROUPS, Change.MEMBERSHIPS}. Only
    ``Change`` members are accepted: a misspelt string kind would be a page that never refreshes.
    """

    changed = Signal(object)

    def announce(self, kinds: Iterable[Change]) -> None:
        kinds = frozenset(kinds)
        strays = [kind for kind in kinds if not isinstance(kind, Change)]
        if strays:
            raise TypeError(f"not a Change: {strays!r}")
        if kinds:
            self.changed.emit(kinds)


@dataclass
class AppContext:
    database: Database
    tasks: TaskRunner
    changes: Changes
    preferences: Preferences

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.database.sessions
