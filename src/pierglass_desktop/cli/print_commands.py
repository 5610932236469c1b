"""`pierglass print KIND --output FILE.pdf [--session ID]`.

Each printable names the function that writes it: ``fn(sessions, output, session_id=...)``.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument, database_path
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.i18n import N_, _

# kind -> (module, function, needs a session id, help text)
PRINTABLES: dict[str, tuple[str, str, bool, str]] = {}
PRINTABLES["agenda"] = (
    "pierglass_desktop.reports.agenda_handout",
    "write_agenda",
    True,
    N_("agenda handout"),
)
PRINTABLES["script"] = (
    "pierglass_desktop.reports.script",
    "write_script",
    True,
    N_("facilitator's script"),
)
PRINTABLES["cards"] = ("pierglass_desktop.reports.cards", "write_cards", False, N_("method cards"))


def register(subparsers) -> None:
    if not PRINTABLES:
        return
    parser = subparsers.add_parser("print", help=_("print a document to a PDF file"))
    parser.add_argument("kind", choices=sorted(PRINTABLES), help=_("what to print"))
    parser.add_argument("--session", metavar="ID", help=_("the session (meeting) to print"))
    parser.add_argument("--output", required=True, metavar=_("FILE.pdf"), help=_("PDF to write"))
    add_database_argument(parser)
    parser.set_defaults(handler=run_print)


def run_print(args: argparse.Namespace) -> int:
    from pierglass_desktop.storage.database import reading

    module_name, function_name, needs_session, _help = PRINTABLES[args.kind]
    if needs_session and not args.session:
        raise ValidationError(_("Give the session with --session ID."))
    output = Path(args.output)
    if not output.parent.is_dir():
        raise ValidationError(_("The folder {folder} does not exist.").format(folder=output.parent))
    writer = getattr(importlib.import_module(module_name), function_name)
    with reading(database_path(args)) as sessions:  # also while a window has the file open
        kwargs = {"session_id": args.session} if needs_session else {}
        writer(sessions, output, **kwargs)
    print(_("Wrote {path}").format(path=output))
    return 0


PRINTABLES["signin"] = (
    "pierglass_desktop.reports.signin",
    "write_signin_sheet",
    True,
    N_("sign-in sheet of a session, with arrival, leaving and signature columns"),
)
