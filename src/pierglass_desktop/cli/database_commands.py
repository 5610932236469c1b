"""`pierglass check`, `backup` and `restore`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument, database_path
from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.storage.location import ServerDatabase


def register(subparsers) -> None:
    check = subparsers.add_parser(
        "check", help=_("check the database for damage and show its version")
    )
    add_database_argument(check)
    check.add_argument("--quick", action="store_true", help=_("a faster, shallower check"))
    check.set_defaults(handler=run_check)

    backup = subparsers.add_parser("backup", help=_("make a backup copy of the database now"))
    add_database_argument(backup)
    backup.add_argument(
        "--output", metavar=_("FILE"), help=_("where to write it (default: the backup folder)")
    )
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore", help=_("replace the database with a backup (the current one is kept)")
    )
    restore.add_argument("backup_file", metavar=_("BACKUP"), help=_("the backup to restore"))
    add_database_argument(restore)
    restore.set_defaults(handler=run_restore)


def run_check(args: argparse.Namespace) -> int:
    from pierglass_desktop.storage.check import check_database

    report = check_database(database_path(args), quick=args.quick)
    print(_("Database: {path}").format(path=report.path))
    print(
        _("Schema revision: {revision} (this program writes {head})").format(
            revision=report.revision or _("none"), head=report.head_revision
        )
    )
    if report.server_version is None:  # a file: is it protected?
        print(
            _("Protected with a passphrase: yes")
            if report.encrypted
            else _("Protected with a passphrase: no")
        )
    else:
        print(_("Server: PostgreSQL {version}").format(version=report.server_version))
        for table, rows in report.row_counts:
            print(
                "  "
                + ngettext("{table}: {count} row", "{table}: {count} rows", rows).format(
                    table=table, count=rows
                )
            )
    if report.ok:
        print(_("Integrity: ok"))
        return 0
    count = len(report.problems)
    print(
        ngettext(
            "Integrity: {count} problem found", "Integrity: {count} problems found", count
        ).format(count=count)
    )
    for problem in report.problems:
        print("  " + problem, file=sys.stderr)
    return 1


def run_backup(args: argparse.Namespace) -> int:
    from pierglass_desktop.storage import backup
    from pierglass_desktop.storage.probe import probe

    location = database_path(args)
    if isinstance(location, ServerDatabase):
        return _backup_server(location, args.output)
    database = location.resolve()
    if not database.is_file() or probe(database).revision is None:
        raise StorageError(_("There is no database at {path}.").format(path=database))
    if args.output:
        written = backup.backup_to(database, _new_file(args.output))
    else:
        written = backup.make_backup(database, "manual")
    print(_("Backup written to {path}").format(path=written))
    return 0


def _new_file(given: str) -> Path:
    output = Path(given).expanduser()
    if output.exists():
        raise StorageError(_("{path} already exists; choose a new file name.").format(path=output))
    if not output.parent.is_dir():
        raise StorageError(_("The folder {folder} does not exist.").format(folder=output.parent))
    return output


def _backup_server(location: ServerDatabase, output: str | None) -> int:
    """The server's own backups serve; a copy in a named file is pg_dump's."""
    from pierglass_desktop.storage import server_backup

    if not output:
        raise server_backup.server_backup_refusal(location, command=True)
    written = server_backup.dump(location, _new_file(output))
    print(_("Backup written to {path}").format(path=written))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from pierglass_desktop.storage.restore import restore_backup

    database = database_path(args)
    if isinstance(database, ServerDatabase):
        from pierglass_desktop.storage.server_backup import server_restore_refusal

        raise server_restore_refusal(database)
    kept = restore_backup(Path(args.backup_file), database)
    print(_("Restored {backup} into {path}.").format(backup=args.backup_file, path=database))
    if kept:
        print(_("The replaced database was kept at {path}.").format(path=kept))
    return 0
