"""A project database on a PostgreSQL server: its engine, and the server's part of opening.

There is no lock file: several coordinators share the database. The opening decision (create,
current, upgrade, refuse a newer one) runs in one transaction under an advisory lock, so two
programs opening a new database at once create its schema once; PostgreSQL's DDL is
transactional, so a failed upgrade leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.storage.location import ServerDatabase, require_driver

# Keys of pg_advisory_xact_lock: one for opening, one for imports (storage/import_lock.py).
OPENING_LOCK = 0x50676C01

T = TypeVar("T")


def server_engine(location: ServerDatabase) -> Engine:
    require_driver()
    return create_engine(location.url, pool_pre_ping=True)


@contextmanager
def server_faults(location: ServerDatabase) -> Iterator[None]:
    """A server that cannot be reached, or refuses us, is one sentence."""
    try:
        yield
    except OperationalError as error:
        raise StorageError(
            _("The database server for {database} cannot be reached: {reason}.").format(
                database=location, reason=_first_line(error)
            )
        ) from error


def _first_line(error: DBAPIError) -> str:
    return str(error.orig or error).strip().splitlines()[0].rstrip(".")


def revision_of(connection: Connection, location: ServerDatabase) -> str | None:
    """The schema revision, None for an empty database; a database of another program refused."""
    tables = set(
        connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )
    revision = None
    if "alembic_version" in tables:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None and tables:
        raise StorageError(
            _(
                "{path} is a database of some other program. Pier-glass leaves it untouched; "
                "choose another file."
            ).format(path=location)
        )
    return revision


def under_opening_lock(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in one transaction that no other program's opening runs beside."""
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": OPENING_LOCK})
        result = work(connection)
        connection.commit()
    return result


def server_version(connection: Connection) -> str:
    return str(connection.execute(text("SHOW server_version")).scalar())


def vacuum(engine: Engine) -> None:
    """After an erasure: reclaim the deleted rows so their words do not linger in free space."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM")


def holds_schema(location: ServerDatabase) -> bool:
    """Whether the server database has Pier-glass's tables yet (a dry run must not make them)."""
    engine = server_engine(location)
    try:
        with server_faults(location), engine.connect() as connection:
            return revision_of(connection, location) is not None
    finally:
        engine.dispose()
