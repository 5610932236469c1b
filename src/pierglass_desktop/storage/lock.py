"""One running program per database file: an OS lock on a file beside it.

The operating system drops the lock when the process dies, so a crash never leaves it stuck.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import IO

from pierglass_desktop.domain.errors import DatabaseLocked
from pierglass_desktop.i18n import _


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class DatabaseLock:
    def __init__(self, database: Path):
        self.path = lock_path_for(database)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        # Created 0600: it names the computer and sits beside personal data (issue 16).
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        handle = os.fdopen(descriptor, "a+", encoding="utf-8")  # held until release
        try:
            _lock(handle)
        except OSError:
            holder = _read_holder(handle)
            handle.close()
            raise DatabaseLocked(
                _(
                    "The database {path} is already open in another Pier-glass window{holder}. "
                    "Close that window first, or open a different database."
                ).format(path=self.path.with_suffix(""), holder=f" ({holder})" if holder else "")
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{socket.gethostname()}, pid {os.getpid()}")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            # The file stays: unlinking it could let two processes lock two different files.
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _read_holder(handle: IO[str]) -> str:
    try:
        handle.seek(0)
        return handle.read(200).strip()
    except OSError:  # Windows refuses to read a locked region
        return ""
