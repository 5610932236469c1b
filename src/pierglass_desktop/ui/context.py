"""What every page gets: the open database, the background runner and the change signal."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.preferences import Preferences
from pierglass_desktop.storage.database import Database
from pierglass_desktop.ui.tasks import TaskRunner


class Changes(QObject):
    """Emitted after a service changed data; pages refresh the kinds they show.

    The argument is a set of entity kinds, e.g. {"groups", "participants"}.
    """

    changed = Signal(object)

    def announce(self, *kinds: str) -> None:
        self.changed.emit(set(kinds))


@dataclass
class AppContext:
    database: Database
    tasks: TaskRunner
    changes: Changes
    preferences: Preferences

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.database.sessions
