"""Opening a database: one decision with four outcomes, under a lock.

- no file or an empty one: create the schema and stamp the head revision;
- at the head revision: nothing to do;
- at an older revision this program knows: back up, then upgrade in one transaction;
- at a revision this program does not know (a newer version wrote it): refuse, write nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop import private_files
from pierglass_desktop.domain.base import new_id
from pierglass_desktop.domain.errors import DatabaseLocked, NewerDatabase, StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.paths import backups_dir_for
from pierglass_desktop.storage import backup
from pierglass_desktop.storage.engine import read_only_engine, session_factory, sqlite_engine
from pierglass_desktop.storage.faults import storage_faults
from pierglass_desktop.storage.library_cache import LibraryCache, attach
from pierglass_desktop.storage.location import Location, ServerDatabase
from pierglass_desktop.storage.lock import DatabaseLock
from pierglass_desktop.storage.probe import probe
from pierglass_desktop.storage.schema import HEAD_REVISION, SQLITE_READ_AS_HEAD
from pierglass_desktop.storage.search_index import create_search_index

INSTALLATION_KEY = "installation_id"


class Outcome(StrEnum):
    CREATED = "created"
    CURRENT = "current"
    UPGRADED = "upgraded"


@dataclass
class Database:
    location: Location  # a file's Path, or a ServerDatabase
    engine: Engine
    sessions: sessionmaker[Session]
    outcome: Outcome
    installation_id: str
    lock: DatabaseLock | None  # a file's lock; a server database has none
    backup_path: Path | None = None
    # The method library's search rows, owned here so two open databases never share them.
    library_cache: LibraryCache = field(default_factory=LibraryCache, repr=False)
    _closed: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        attach(self.sessions, self.library_cache)

    @property
    def name(self) -> str:
        """The file's name, or the server database's: for a window's title."""
        return self.location.name

    @property
    def path(self) -> Path | None:
        """The file, or None on a server (whose own backups serve: no files beside it)."""
        return self.location if isinstance(self.location, Path) else None

    def close(self, *, automatic_backup: bool = True) -> None:
        """Release the file; take the daily automatic backup first if one is due."""
        if self._closed:
            return
        self._closed = True
        try:
            self.engine.dispose()
            path = self.path
            if automatic_backup and path is not None and backup.automatic_backup_due(path):
                backup.make_backup(path, "auto")
        finally:
            if self.lock is not None:
                self.lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_database(location: Location, *, create: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database at ``location``.

    A file's path is resolved first, so a symlink and its target share one lock; a server
    database has no lock (storage/server.py).
    """
    if isinstance(location, ServerDatabase):
        return _open_server(location, create)
    path = Path(location).expanduser().resolve()
    if not path.parent.is_dir():
        raise StorageError(_("The folder {folder} does not exist.").format(folder=path.parent))
    if path.is_dir():
        raise StorageError(_("{path} is a folder, not a database file.").format(path=path))
    with storage_faults(path):
        lock = DatabaseLock(path)
        lock.acquire()
        try:
            private_files.tighten_database(path, backups_dir_for(path))
            backup.remove_leftovers(path)  # a killed backup or restore leaves partial files
            return _open_locked(path, lock, create)
        except BaseException:
            lock.release()
            raise


@contextmanager
def reading(location: Location) -> Iterator[sessionmaker[Session]]:
    """Sessions that can only read: for `list` and `print`, beside a window or on a USB stick.

    No lock file is made and nothing is written, so this works on a read-only medium and while
    a window holds the file (safe in WAL mode). Only a file of an older version whose tables
    differ is first brought up to date, which needs the file to be free and writable. On a
    server the sessions' transactions are read-only.
    """
    if isinstance(location, ServerDatabase):
        with _reading_server(location) as sessions:
            yield sessions
        return
    path = Path(location).expanduser().resolve()
    with storage_faults(path):
        revision = probe(path).revision if path.is_file() else None
        if revision is None:
            raise StorageError(_("There is no database at {path}.").format(path=path))
        if revision != HEAD_REVISION and revision not in SQLITE_READ_AS_HEAD:
            _bring_up_to_date(path, revision)
        engine = read_only_engine(path)
        try:
            yield sessionmaker(bind=engine)
        finally:
            engine.dispose()


def _bring_up_to_date(path: Path, revision: str) -> None:
    _refuse_unknown_revision(path, revision)
    if not folder_is_writable(path.parent):
        raise StorageError(
            _(
                "{path} was saved by an older version of Pier-glass and is in a read-only folder, "
                "so it cannot be updated there. Copy it to a folder you can write to."
            ).format(path=path)
        )
    try:
        open_database(path, create=False).close(automatic_backup=False)
    except DatabaseLocked:
        raise DatabaseLocked(
            _(
                "{path} is open in a Pier-glass window of another version. Close that window first."
            ).format(path=path)
        ) from None


def folder_is_writable(folder: Path) -> bool:
    """False on a read-only medium or a folder we may not write (root is refused by EROFS too)."""
    return os.access(folder, os.W_OK)


def _open_locked(path: Path, lock: DatabaseLock, create: bool) -> Database:
    state = probe(path)
    backup_path = None
    if state.revision is None:
        if not create:
            raise StorageError(_("There is no database at {path}.").format(path=path))
        engine = sqlite_engine(path)
        _create_schema(engine)
        outcome = Outcome.CREATED
    elif state.revision == HEAD_REVISION:
        engine = sqlite_engine(path)
        outcome = Outcome.CURRENT
    else:
        _refuse_unknown_revision(path, state.revision)
        backup_path = backup.make_backup(path, f"before-upgrade-from-{state.revision}")
        engine = sqlite_engine(path)
        _upgrade(engine, path, backup_path)
        outcome = Outcome.UPGRADED
    installation_id = _installation_id(engine)
    _install_builtin_library(engine)
    return Database(
        location=path,
        engine=engine,
        sessions=session_factory(engine, installation_id),
        outcome=outcome,
        installation_id=installation_id,
        lock=lock,
        backup_path=backup_path,
    )


def _create_schema(engine: Engine) -> None:
    """The models' tables plus Alembic's stamp, in one transaction, without importing Alembic."""
    with engine.begin() as connection:
        _create_schema_on(connection)


def _create_schema_on(connection: Connection) -> None:
    from pierglass_desktop.domain.models import Base  # the whole model: only for a new file

    Base.metadata.create_all(connection)
    create_search_index(connection)  # not a model: the search index and its triggers (issue 4)
    connection.exec_driver_sql(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
    )
    connection.execute(
        text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": HEAD_REVISION}
    )
    connection.execute(
        text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"),
        {"k": INSTALLATION_KEY, "v": new_id()},
    )


def _install_builtin_library(engine: Engine) -> None:
    """The built-in method library, when the file is new or the program's copy changed."""
    with engine.begin() as connection:
        _install_builtin_library_on(connection)


def _install_builtin_library_on(connection: Connection) -> None:
    from pierglass_desktop.storage import builtin_instruments, builtin_library

    builtin_library.install(connection)
    builtin_instruments.install(connection)


# --- a server database ------------------------------------------------------------------------


def _open_server(location: ServerDatabase, create: bool) -> Database:
    from pierglass_desktop.storage.server import server_engine, server_faults, under_opening_lock

    engine = server_engine(location)
    try:
        with server_faults(location):
            outcome = under_opening_lock(engine, lambda c: _decide_server(c, location, create))
            installation_id = _installation_id(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(
        location=location,
        engine=engine,
        sessions=session_factory(engine, installation_id),
        outcome=outcome,
        installation_id=installation_id,
        lock=None,
    )


def _decide_server(connection: Connection, location: ServerDatabase, create: bool) -> Outcome:
    """The four outcomes, in the opening's one transaction (DDL included)."""
    from pierglass_desktop.storage.server import revision_of

    revision = revision_of(connection, location)
    if revision is None:
        if not create:
            raise StorageError(_("There is no database at {path}.").format(path=location))
        _create_schema_on(connection)
        outcome = Outcome.CREATED
    elif revision == HEAD_REVISION:
        outcome = Outcome.CURRENT
    else:
        _refuse_unknown_revision(location, revision)
        _upgrade_server(connection, location)
        outcome = Outcome.UPGRADED
    _install_builtin_library_on(connection)
    return outcome


def _upgrade_server(connection: Connection, location: ServerDatabase) -> None:
    from pierglass_desktop.storage.migrate import upgrade_connection

    try:
        upgrade_connection(connection)
    except Exception as error:
        raise StorageError(
            _("Updating {database} to this version failed and was undone: {reason}.").format(
                database=location, reason=_reason(error)
            )
        ) from error


@contextmanager
def _reading_server(location: ServerDatabase) -> Iterator[sessionmaker[Session]]:
    from pierglass_desktop.storage.server import revision_of, server_engine, server_faults

    engine = server_engine(location)
    try:
        with server_faults(location):
            with engine.connect() as connection:
                revision = revision_of(connection, location)
            if revision is None:
                raise StorageError(_("There is no database at {path}.").format(path=location))
            if revision != HEAD_REVISION:
                open_database(location, create=False).close()
            readonly = engine.execution_options(postgresql_readonly=True)
            yield sessionmaker(bind=readonly)
    finally:
        engine.dispose()


def _refuse_unknown_revision(path: Location, revision: str) -> None:
    from pierglass_desktop.storage.migrate import known_revisions

    if revision not in known_revisions():
        raise NewerDatabase(
            _(
                "{path} was saved by a newer version of Pier-glass (database version {revision}). "
                "Install the newest version to open it; the file has not been changed."
            ).format(path=path, revision=revision)
        )


def _upgrade(engine: Engine, path: Path, backup_path: Path) -> None:
    from pierglass_desktop.storage.migrate import upgrade

    try:
        upgrade(engine)
    except Exception as error:
        engine.dispose()
        raise StorageError(
            _(
                "Updating {path} to this version failed and was undone: {reason}. "
                "A copy made before the update is at {backup}."
            ).format(path=path, reason=_reason(error), backup=backup_path)
        ) from error


def _reason(error: Exception) -> str:
    """The disk's own sentence when it caused the failure, else SQLite's or Python's words."""
    from pierglass_desktop.storage.faults import storage_error

    typed = storage_error(error)
    return str(typed if typed is not None else getattr(error, "orig", None) or error)


def _installation_id(engine: Engine) -> str:
    # Plain SQL: the first ORM query configures every mapper (~0.1 s), which a command that
    # needs none should not pay for (the window's start-up configures them on its own, behind
    # the window: ui.app.load_data_model).
    with engine.begin() as connection:
        value = connection.execute(
            text("SELECT value FROM app_meta WHERE key = :k"), {"k": INSTALLATION_KEY}
        ).scalar()
        if value is None:
            value = new_id()
            connection.execute(
                text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"),
                {"k": INSTALLATION_KEY, "v": value},
            )
        return value
