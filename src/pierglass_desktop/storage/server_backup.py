"""Backups of a server database: the server's own backups serve; pg_dump writes a copy on request.

A database file is backed up beside itself (storage/backup.py). A database on a server is
shared, and its administrator's backups protect it; Pier-glass writes no files beside it, and
never replaces it for everyone from a backup. Asked for a copy in a named file, it runs
PostgreSQL's own ``pg_dump`` when that is installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.private_files import create_private_file
from pierglass_desktop.storage.location import ServerDatabase


def server_backup_refusal(location: ServerDatabase, *, command: bool = False) -> StorageError:
    """For the window; ``command``: for `pierglass backup`, which can write a copy on request."""
    if command:
        text = _(
            "{database} is on a database server, whose own backups keep it safe: ask its "
            "administrator. To write a copy of your own, give a file with --output."
        )
    else:
        text = _(
            "{database} is on a database server, whose own backups keep it safe: ask its "
            "administrator."
        )
    return StorageError(text.format(database=location))


def server_restore_refusal(location: ServerDatabase) -> StorageError:
    return StorageError(
        _(
            "{database} is on a database server and shared: the server's administrator restores "
            "it from the server's own backups. To move a file's records there, use pierglass "
            "copy."
        ).format(database=location)
    )


def pg_dump_program() -> str | None:
    found = shutil.which("pg_dump")
    if found:
        return found
    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))
    return installed[-1] if installed else None


def dump(location: ServerDatabase, output: Path) -> Path:
    """The whole database in pg_dump's custom format (pg_restore reads it back)."""
    program = pg_dump_program()
    if program is None:
        raise StorageError(
            _(
                "Writing a copy of a server database needs PostgreSQL's pg_dump, which is not "
                "installed here. The server's own backups keep the database safe."
            )
        )
    url = location.url.set(drivername="postgresql", password=None)
    environment = dict(os.environ)
    if location.url.password:  # not on the command line, where other users could read it
        environment["PGPASSWORD"] = str(location.url.password)
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)  # pg_dump keeps the mode of a file that exists: the owner's only
    result = subprocess.run(
        [
            program,
            "--format=custom",
            "--file",
            str(partial),
            url.render_as_string(hide_password=False),
        ],
        capture_output=True,
        text=True,
        env=environment,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        reason = (result.stderr.strip().splitlines() or [""])[-1].removeprefix("pg_dump: ")
        raise StorageError(
            _("pg_dump could not copy {database}: {reason}").format(
                database=location, reason=reason
            )
        )
    partial.replace(output)
    return output
