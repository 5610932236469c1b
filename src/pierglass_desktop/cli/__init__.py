"""The headless face: ``pierglass`` with no subcommand opens the window.

Each subcommand lives in its own module with ``register(subparsers)``; a command function takes
the parsed arguments and returns an exit code. Errors a person can cause become one sentence on
standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pierglass_desktop import __version__
from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, set_language

# Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "pierglass_desktop.cli.database_commands",
    "pierglass_desktop.cli.demo_commands",
    "pierglass_desktop.cli.list_commands",
    "pierglass_desktop.cli.print_commands",
    "pierglass_desktop.cli.library_commands",
    "pierglass_desktop.cli.sync_commands",
)

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one sentence and exit code 2, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("pierglass: {message}").format(message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(
        prog="pierglass",
        description=_("Pier-glass Desktop: plan, run and report peer-group meetings."),
    )
    parser.add_argument("--version", action="version", version=f"pierglass {__version__}")
    parser.add_argument(
        "--database", metavar=_("FILE"), help=_("database file (default: your data folder)")
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the window on a fresh demo database")
    )
    parser.add_argument("--language", choices=["fi", "en"], help=_("language of the program"))
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    set_language(_language_from_args(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _open_window(args)
    try:
        return args.handler(args)
    except PierglassError as error:
        print(_("pierglass: {message}").format(message=error), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


def main_gui() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main()


def _language_from_args(argv: Sequence[str] | None) -> str | None:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--language" in args:
        index = args.index("--language")
        if index + 1 < len(args):
            return args[index + 1]
    from pierglass_desktop.preferences import load_preferences

    return load_preferences().language or None


def _open_window(args: argparse.Namespace) -> int:
    # SQLAlchemy first: once PySide6 is imported, its import hook runs for every later module,
    # which made loading SQLAlchemy's ~200 modules 0.12 s slower.
    import sqlalchemy.orm  # noqa: F401

    from pierglass_desktop.ui.app import run_app

    return run_app(database=args.database, demo=args.demo, language=args.language)
