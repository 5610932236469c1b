"""`pierglass check`, `backup` and `restore`."""

from __future__ import annotations

import argparse
import sys

from pierglass_desktop.cli.common import add_database_argument, database_path
from pierglass_desktop.i18n import _, ngettext


def register(subparsers) -> None:
    check = subparsers.add_parser(
        "check", help=_("check the database for damage and show its version")
    )
    add_database_argument(check)
    check.add_argument("--quick", action="store_true", help=_("a faster, shallower check"))
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from pierglass_desktop.storage.check import check_database

    report = check_database(database_path(args), quick=args.quick)
    print(_("Database: {path}").format(path=report.path))
    print(
        _("Schema revision: {revision} (this program writes {head})").format(
            revision=report.revision or _("none"), head=report.head_revision
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
