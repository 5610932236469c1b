"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl on a Unix socket in a temp folder.

Each test gets a fresh database copied from a template that already holds the schema
(``CREATE DATABASE … TEMPLATE``), which takes a few milliseconds instead of a schema build.
``initdb`` refuses to run as root, so as root it runs as the ``postgres`` user, who is given
the folder.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

TEMPLATE = "pierglass_template"
PORT = 54329  # names the socket file only: the server listens on no TCP address


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _major(path: str) -> int:
    return int(Path(path).parents[1].name.split(".")[0])


def why_not() -> str | None:
    """None when a cluster can be started here, else the reason (shown when tests skip)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return 'psycopg is not installed (pip install ".[postgresql]")'
    if binaries() is None:
        return "PostgreSQL's initdb and pg_ctl are not installed (Debian package postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres user for initdb"
    return None


class Cluster:
    def __init__(self, *, durable: bool = False) -> None:
        """``durable``: PostgreSQL's own fsync settings (benchmarks); tests run without fsync."""
        self.durable = durable
        self.folder = Path(tempfile.mkdtemp(prefix="pierglass-pg-"))
        self.data = self.folder / "data"
        self._names = itertools.count()
        self._as_root = os.geteuid() == 0
        if self._as_root:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        bin_dir = binaries()
        assert bin_dir is not None
        self._bin = bin_dir

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_root else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run(
            str(self._bin / "initdb"),
            "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        # fsync off: a test cluster need not survive a power cut, and it is much faster.
        options = f"-k {self.folder} -p {PORT} -c listen_addresses=''"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self._bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
            "-l", str(self.folder / "log"), "start",
        )  # fmt: skip
        self._create_template()

    def stop(self) -> None:
        try:
            self._run(str(self._bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.folder}&port={PORT}"

    def location(self, database: str):
        from pierglass_desktop.storage.location import locate

        return locate(self.url(database))

    def execute(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.folder), port=PORT, user="postgres", dbname=database, autocommit=True
        ) as connection:
            connection.execute(statement)

    def empty_database(self) -> str:
        name = f"t{next(self._names)}"
        self.execute(f"CREATE DATABASE {name}")
        return name

    def fresh_database(self) -> str:
        """A new database holding the schema at the head revision (copied from the template)."""
        name = f"t{next(self._names)}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        # Each copy is its own installation, as a new file would be.
        self.execute(
            "UPDATE app_meta SET value = gen_random_uuid()::text WHERE key = 'installation_id'",
            name,
        )
        return name

    def drop(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _create_template(self) -> None:
        from pierglass_desktop.storage.database import open_database

        self.execute(f"CREATE DATABASE {TEMPLATE}")
        open_database(self.location(TEMPLATE)).close()
