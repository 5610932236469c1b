"""SQLite engines with the project's pragmas and real transactions.

pysqlite's own transaction handling is switched off and SQLAlchemy emits BEGIN itself, so DDL
inside a migration is rolled back together with everything else when a step fails.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from pierglass_desktop.domain.base import stamp_changes
from pierglass_desktop.domain.errors import changed_meanwhile
from pierglass_desktop.private_files import create_private_file
from pierglass_desktop.storage import cipher

PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    # FULL: in WAL mode NORMAL may lose the last commits on power loss.
    "PRAGMA synchronous = FULL",
    "PRAGMA busy_timeout = 5000",
    # Erased personal data must not linger in free pages.
    "PRAGMA secure_delete = ON",
)


def sqlite_engine(path: Path) -> Engine:
    if not path.exists():
        create_private_file(path)  # 0600; SQLite gives its WAL and SHM the same mode
    # An encrypted file: sqlcipher3 with the key unlocked for it (storage/cipher.py).
    keyed = cipher.engine_options(path, str(path), check_same_thread=False)
    engine = create_engine(f"sqlite:///{path}", **keyed)
    _apply_recipe(engine)
    return engine


def read_only_engine(path: Path) -> Engine:
    """An engine that cannot write, also beside a window writing the file.

    With a WAL file (a window has the file open) it reads through the WAL, which never blocks
    the writer. Without one the main file holds every commit, and ``immutable`` keeps SQLite
    from making side files: a reader leaves nothing behind, also on a read-only USB stick.
    """
    from pierglass_desktop.storage.probe import read_only_uri

    uri = read_only_uri(path)
    keyed = cipher.engine_options(path, uri, check_same_thread=False)
    engine = create_engine(
        "sqlite://",
        **(keyed or {"creator": lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)}),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout = 5000")

    return engine


def _apply_recipe(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")


class GuardedSession(Session):
    """A session whose lost race with another writer is one sentence, not a StaleDataError."""

    def flush(self, objects: object = None) -> None:
        try:
            super().flush(objects)  # type: ignore[arg-type]
        except StaleDataError as error:
            raise changed_meanwhile() from error


def session_factory(engine: Engine, origin: str) -> sessionmaker[Session]:
    """Sessions that stamp every changed synced record with the time and this installation.

    An importer that must keep the stamps of incoming records sets ``session.info["keep_stamps"]``.
    """
    factory: sessionmaker[Session] = sessionmaker(
        bind=engine, class_=GuardedSession, expire_on_commit=False, info={"origin": origin}
    )

    @event.listens_for(factory, "before_flush")
    def _stamp(session: Session, _context: object, _instances: object) -> None:
        stamp_changes(session)

    return factory
