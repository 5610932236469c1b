"""Where a project database lives: a SQLite file (a Path) or a PostgreSQL server (a URL).

Everything above storage names a database by a ``Location``. A file keeps the file's ways (a
lock file, backups beside it, WAL); a server database is shared by several coordinators, so it
has no lock file and the server's own backups serve (DESIGN §4, issue 15).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias
from urllib.parse import unquote

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.paths import is_url

DRIVER = "psycopg"
_PASSWORD_IN_ADDRESS = re.compile(r"//([^:/@]*):[^@/]*@")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
SECURE_SSL_MODES = ("require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class ServerDatabase:
    """A PostgreSQL database named by a SQLAlchemy URL (``postgresql+psycopg://…``)."""

    url: URL

    def __str__(self) -> str:
        # Shown in titles and messages: never the password, and as a person would type it.
        shown = self.url.set(drivername="postgresql").render_as_string(hide_password=True)
        return unquote(shown)

    @property
    def name(self) -> str:
        return self.url.database or ""

    def tls_warning(self) -> str | None:
        """A sentence when the server is on another machine and the address does not ask for
        an encrypted connection: names, notes and WHO-5 answers would cross the network
        readable. None for this machine (a Unix socket, localhost) or with ``sslmode``
        require, verify-ca or verify-full (in the address or in ``$PGSSLMODE``)."""
        import os

        host = self.url.host or str(self.url.query.get("host") or "")
        if not host or host.startswith("/") or host in LOCAL_HOSTS:
            return None
        mode = str(self.url.query.get("sslmode") or os.environ.get("PGSSLMODE") or "")
        if mode in SECURE_SSL_MODES:
            return None
        return _(
            "The connection to {host} is not required to be encrypted, so personal data may "
            "cross the network readable. Add ?sslmode=require (or verify-full) to the address."
        ).format(host=host)


Location: TypeAlias = Path | ServerDatabase


def locate(given: str | Path) -> Location:
    """A path (``~`` expanded) or, for text with ``://``, a server database.

    ``postgresql://`` means the psycopg driver; any other scheme is refused in a sentence.
    """
    if isinstance(given, Path) or not is_url(given):
        return Path(given).expanduser()
    try:
        url = make_url(given)
        url.port  # noqa: B018 - a port that is no number fails only when read
    except (ArgumentError, ValueError):
        shown = _PASSWORD_IN_ADDRESS.sub(r"//\1:***@", given)  # never echo a password
        raise StorageError(_("{url} is not a database address.").format(url=shown)) from None
    if url.get_backend_name() != "postgresql":
        raise StorageError(
            _(
                "Pier-glass keeps its data in a file or on a PostgreSQL server; {url} is neither."
            ).format(url=url.render_as_string(hide_password=True))
        )
    if url.drivername != f"postgresql+{DRIVER}":  # the one driver the extra installs
        url = url.set(drivername=f"postgresql+{DRIVER}")
    return ServerDatabase(url)


def given_or_default(given: str | None) -> Location:
    """``--database`` if given, else ``$PIERGLASS_DATABASE``, else the file in the data folder."""
    from pierglass_desktop.paths import default_database, given_database_text

    named = given_database_text(given)
    return locate(named) if named else default_database()


def require_driver() -> None:
    """One sentence, not an ImportError, when the PostgreSQL extra is not installed."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StorageError(
            _(
                "Using a PostgreSQL server needs the psycopg driver, which is not installed: "
                'run pip install "pierglass-desktop[postgresql]".'
            )
        ) from None
