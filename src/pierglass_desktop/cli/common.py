"""Helpers shared by subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from pierglass_desktop.paths import default_database


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    from pierglass_desktop.i18n import _

    parser.add_argument(
        "--database",
        metavar=_("FILE"),
        default=argparse.SUPPRESS,
        help=_("database file (default: $PIERGLASS_DATABASE or your data folder)"),
    )


def database_path(args: argparse.Namespace) -> Path:
    given = getattr(args, "database", None)
    return Path(given).expanduser() if given else default_database()
