"""The headless face: ``pierglass`` with no subcommand opens the window.

Each subcommand lives in its own module with ``register(subparsers)``; a command function takes
the parsed arguments and returns an exit code. Errors a person can cause become one sentence on
standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from pierglass_desktop import __version__
from pierglass_desktop.cli.pipes import tolerating_closed_pipe
from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, set_language

# Subcommand modules, in the order ``--help`` lists them, with the commands each registers.
# Only the module of the command given is imported and built (each brings the services it
# needs: building them all cost 36 ms and the whole data model, before anything ran).
COMMANDS = {
    "pierglass_desktop.cli.database_commands": ("check", "backup", "restore"),
    "pierglass_desktop.cli.demo_commands": ("demo",),
    "pierglass_desktop.cli.list_commands": ("list",),
    "pierglass_desktop.cli.print_commands": ("print",),
    "pierglass_desktop.cli.report_commands": ("report",),
    "pierglass_desktop.cli.library_commands": ("library",),
    "pierglass_desktop.cli.sync_commands": ("export", "import"),
    "pierglass_desktop.cli.people_commands": ("roster", "person"),
    "pierglass_desktop.cli.cipher_commands": ("encrypt", "decrypt"),
    "pierglass_desktop.cli.copy_commands": ("copy",),
}
COMMAND_MODULES = tuple(COMMANDS)
# Options of ``pierglass`` itself that take a value as the next word.
_VALUED_OPTIONS = ("--database", "--language")

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one sentence and exit code 2, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("pierglass: {message}").format(message=message) + "\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv``: with the given command's subparser only, with none when the
    window opens, and with every one for ``--help`` or a word that is no command."""
    import importlib

    parser = _Parser(
        prog="pierglass",
        # No abbreviations (``--lang``): the language and the command are found in the words
        # before the parser is built, and they would be missed there.
        allow_abbrev=False,
        description=_("Pier-glass Desktop: plan, run and report peer-group meetings."),
    )
    parser.add_argument("--version", action="version", version=f"pierglass {__version__}")
    parser.add_argument(
        "--database",
        metavar=_("FILE"),
        help=_("database file or postgresql:// address (default: your data folder)"),
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the window on a fresh demo database")
    )
    parser.add_argument("--language", choices=["fi", "en"], help=_("language of the program"))
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    for name in command_modules(sys.argv[1:] if argv is None else argv):
        importlib.import_module(name).register(subparsers)
    return parser


def command_modules(argv: Sequence[str]) -> tuple[str, ...]:
    """The subcommand modules to build for ``argv``."""
    words = list(argv)
    command = _command_word(words)
    if command is None:
        asks_help = any(word in ("-h", "--help") for word in words)
        return COMMAND_MODULES if asks_help else ()  # no command: the window opens
    for module, names in COMMANDS.items():
        if command in names:
            return (module,)
    return COMMAND_MODULES  # a mistake: argparse names every command there is


def _command_word(words: list[str]) -> str | None:
    """The first word that is not one of ``pierglass``'s own options (or its value)."""
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word in _VALUED_OPTIONS
        else:
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    set_language(_language_from_args(argv))
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        try:
            return _open_window(args)
        except Exception as error:  # e.g. the daily backup at quitting, on a disk now full
            message = _sentence(error, _database_of(args))
            if message is None:
                raise
            print(_("pierglass: {message}").format(message=message), file=sys.stderr)
            return EXIT_USER_ERROR
    output = _new_output(args)
    try:
        _warn_if_unencrypted_connection(args)
        _unlock_database(args)
        with tolerating_closed_pipe():
            return args.handler(args)
    except Exception as error:
        _remove(output)  # a half-written PDF, workbook or backup is worse than none
        message = _sentence(error, _database_of(args))
        if message is None:
            raise
        print(_("pierglass: {message}").format(message=message), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        _remove(output)
        return 130
    finally:
        _say_files_made_private()


def _say_files_made_private() -> None:
    """Once, on standard error: files an older version left readable by others are now private."""
    from pierglass_desktop.private_files import take_tightened, tightened_notice

    tightened = take_tightened()
    if tightened:
        message = tightened_notice(tightened)
        print(_("pierglass: {message}").format(message=message), file=sys.stderr)


def _warn_if_unencrypted_connection(args: argparse.Namespace) -> None:
    """A server elsewhere reached without TLS: said on standard error, and the command runs."""
    from pierglass_desktop.paths import DATABASE_ENV

    given = getattr(args, "database", None)
    if not (given or os.environ.get(DATABASE_ENV)):
        return  # the file in the data folder
    from pierglass_desktop.storage.location import ServerDatabase, given_or_default

    location = given_or_default(given)
    warning = location.tls_warning() if isinstance(location, ServerDatabase) else None
    if warning:
        print(_("pierglass: {message}").format(message=warning), file=sys.stderr)


def _unlock_database(args: argparse.Namespace) -> None:
    """A database protected with a passphrase is unlocked before the command runs."""
    from pierglass_desktop.cli.cipher_commands import unlock_for_command

    if args.command != "encrypt":
        unlock_for_command(args)


def _database_of(args: argparse.Namespace):
    """The database file the command works on, to name it in a sentence (None if it has none)."""
    from pathlib import Path

    given = getattr(args, "database", None)
    if not given or "://" in given:  # a server database is no file
        return None
    return Path(given).expanduser().resolve()


def _sentence(error: Exception, database=None) -> str | None:
    """The sentence for a failed command, or None for a bug (which keeps its traceback).

    A full disk reads the same whichever layer noticed it; other typed errors keep their own
    sentence; the disk's other refusals (read-only, no permission) get theirs from storage.
    """
    from pierglass_desktop.storage.faults import DiskFull, storage_error

    typed = storage_error(error, database)
    if isinstance(typed, DiskFull) or not isinstance(error, PierglassError):
        return None if typed is None else str(typed)
    return str(error)


def _new_output(args: argparse.Namespace):
    """The file the command will write with --output, if it does not exist yet."""
    from pathlib import Path

    given = getattr(args, "output", None)
    if not given:
        return None
    path = Path(given).expanduser()
    return None if path.exists() else path


def _remove(path) -> None:
    import contextlib

    if path is not None:
        with contextlib.suppress(OSError):  # nothing more to do about a file we cannot remove
            path.unlink(missing_ok=True)


def main_gui() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main()


def _language_from_args(argv: Sequence[str] | None) -> str | None:
    args = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(args):
        if word.startswith("--language="):
            return word.removeprefix("--language=")
        if word == "--language" and index + 1 < len(args):
            return args[index + 1]
    from pierglass_desktop.preferences import load_preferences

    return load_preferences().language or None


def _open_window(args: argparse.Namespace) -> int:
    # SQLAlchemy is not imported here: the window shows first and the database, SQLAlchemy and
    # the data model load behind it (ui/app.py). (After PySide6 its ~200 modules load 0.12 s
    # slower, through PySide6's import hook; that is time behind the shown window.)
    if args.demo and not _keep_previous_demo():
        return EXIT_USER_ERROR
    import gc

    # Start-up makes long-lived objects only (modules, classes, the data model): collecting
    # cycles among them found nothing and cost 8 % of the way to the first page's data.
    # ui.app.settle_after_start freezes them and has the GUI thread collect from then on.
    gc.disable()
    try:
        from pierglass_desktop.ui.app import run_app

        return run_app(database=args.database, demo=args.demo, language=args.language)
    finally:
        gc.enable()  # also when the window never opened (a database that would not open)


def _keep_previous_demo() -> bool:
    """Set the previous demo aside as a backup before the window builds a fresh one, and say so.

    A tutor who practised in the demo may want to look back at it; a fresh demo is what the
    option promises.
    """
    from pierglass_desktop.cli.demo_commands import set_previous_demo_aside

    try:
        kept = set_previous_demo_aside()
    except PierglassError as error:
        print(_("pierglass: {message}").format(message=error), file=sys.stderr)
        return False
    if kept is not None:
        print(_("Starting a fresh demo. The previous demo was kept at {path}.").format(path=kept))
    return True
