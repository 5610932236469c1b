"""`pierglass print KIND --output FILE.pdf [--session ID] [--method ID …] [--template ID]
[--per-page 1|2|4]`: every printable of ``reports.printables``, by name."""

from __future__ import annotations

import argparse
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument, database_path
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.i18n import _


def register(subparsers) -> None:
    from pierglass_desktop.domain.rules import CARDS_PER_PAGE
    from pierglass_desktop.reports.printables import PRINTABLES

    parser = subparsers.add_parser("print", help=_("print a document to a PDF file"))
    kinds = ", ".join(f"{name}: {_(p.label)}" for name, p in PRINTABLES.items())
    parser.add_argument("kind", choices=list(PRINTABLES), help=_("what to print") + f" ({kinds})")
    parser.add_argument("--session", metavar="ID", help=_("the session (meeting) to print"))
    parser.add_argument(
        "--method",
        action="append",
        default=[],
        metavar="ID",
        help=_("a method to print as a card (repeat for more)"),
    )
    parser.add_argument(
        "--template", metavar="ID", help=_("print the cards of a template's methods")
    )
    parser.add_argument(
        "--per-page",
        type=int,
        default=1,
        choices=CARDS_PER_PAGE,
        help=_("cards on each A4 page"),
    )
    parser.add_argument("--output", required=True, metavar=_("FILE.pdf"), help=_("PDF to write"))
    add_database_argument(parser)
    parser.set_defaults(handler=run_print)


def run_print(args: argparse.Namespace) -> int:
    from pierglass_desktop.reports.printables import PRINTABLES, Needs, PrintRequest, print_document
    from pierglass_desktop.storage.database import reading

    printable = PRINTABLES[args.kind]
    if printable.needs is Needs.SESSION and not args.session:
        raise ValidationError(_("Give the session with --session ID."))
    output = Path(args.output)
    if not output.parent.is_dir():
        raise ValidationError(_("The folder {folder} does not exist.").format(folder=output.parent))
    request = PrintRequest(
        session_id=args.session,
        method_ids=tuple(args.method),
        template_id=args.template,
        per_page=args.per_page,
    )
    with reading(database_path(args)) as sessions:  # also while a window has the file open
        print_document(args.kind, sessions, output, request)
    print(_("Wrote {path}").format(path=output))
    return 0
