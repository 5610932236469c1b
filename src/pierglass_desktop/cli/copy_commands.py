"""`pierglass copy`: move a project between a database file and a PostgreSQL server."""

from __future__ import annotations

import argparse

from pierglass_desktop.i18n import _, ngettext


def register(subparsers) -> None:
    copy = subparsers.add_parser(
        "copy",
        help=_("copy a whole project into a new database file or server database"),
        description=_(
            "Copies every record, with its stamps and deletions, into a new database: a file "
            "that does not exist yet or an empty database on a PostgreSQL server. Each table "
            "is checked against the original before the copy is kept; on any difference "
            "nothing is written."
        ),
    )
    copy.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar=_("DATABASE"),
        help=_("the database to copy: a file or a postgresql:// address"),
    )
    copy.add_argument(
        "--to",
        dest="destination",
        required=True,
        metavar=_("DATABASE"),
        help=_("the new database: a file or a postgresql:// address"),
    )
    copy.set_defaults(handler=run_copy)


def run_copy(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pierglass_desktop.cli.cipher_commands import unlock_file
    from pierglass_desktop.domain.errors import StorageError
    from pierglass_desktop.storage.copy import copy_database
    from pierglass_desktop.storage.location import locate

    source = locate(args.source)
    if isinstance(source, Path) and not source.is_file():
        raise StorageError(_("There is no database at {path}.").format(path=source))
    if isinstance(source, Path):
        unlock_file(source.expanduser())  # a protected file asks for its passphrase
    result = copy_database(source, locate(args.destination))
    print(
        ngettext(
            "Copied {count} record into {database}; every table matches the original.",
            "Copied {count} records into {database}; every table matches the original.",
            result.rows,
        ).format(count=result.rows, database=result.destination)
    )
    if result.protected:
        print(_("The new file is protected with the same passphrase as the original."))
    return 0
