"""Helpers shared by subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from pierglass_desktop.storage.location import Location, given_or_default


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    from pierglass_desktop.i18n import _

    parser.add_argument(
        "--database",
        metavar=_("FILE"),
        default=argparse.SUPPRESS,
        help=_(
            "database file or postgresql:// address "
            "(default: $PIERGLASS_DATABASE or your data folder)"
        ),
    )


def database_path(args: argparse.Namespace) -> Location:
    """A path, or a server database for a ``postgresql://`` address (also from the environment)."""
    return given_or_default(getattr(args, "database", None))


def existing_database(args: argparse.Namespace) -> Location:
    """The database to use; a missing file is refused before its lock file is made beside it."""
    from pierglass_desktop.domain.errors import StorageError
    from pierglass_desktop.i18n import _

    location = database_path(args)
    if isinstance(location, Path) and not location.is_file():
        raise StorageError(_("There is no database at {path}.").format(path=location))
    return location


def confirmed(question: str) -> bool:
    """True when the person typed yes (in either language) to ``question``; no answer is no."""
    from pierglass_desktop.i18n import _

    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().casefold() in {"yes", _("yes").casefold()}
