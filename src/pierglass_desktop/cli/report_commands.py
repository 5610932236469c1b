"""`pierglass report group|certificates|hours [--group ID] [--participant ID] [--from DATE]
[--to DATE] [--format pdf|xlsx] [--language fi|en] --output FILE`: the group's documents of
``reports.documents``. ``hours`` without ``--group`` covers every group."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument, database_path
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.i18n import LANGUAGES, _


def register(subparsers) -> None:
    from pierglass_desktop.reports.documents import DOCUMENTS, PDF, XLSX

    parser = subparsers.add_parser(
        "report", help=_("write a group report, certificates or participant hours")
    )
    kinds = ", ".join(f"{name}: {_(d.label)}" for name, d in DOCUMENTS.items())
    kinds += ", indicators: " + _("the project's indicators as JSON (with --json)")
    parser.add_argument(
        "kind", choices=[*DOCUMENTS, "indicators"], help=_("what to write") + f" ({kinds})"
    )
    parser.add_argument("--group", metavar="ID", help=_("the group (hours: leave out for all)"))
    parser.add_argument(
        "--participant", metavar="ID", help=_("certificates: one member's certificate only")
    )
    parser.add_argument("--from", dest="start", metavar=_("DATE"), help=_("first day, YYYY-MM-DD"))
    parser.add_argument("--to", dest="end", metavar=_("DATE"), help=_("last day, YYYY-MM-DD"))
    parser.add_argument(
        "--format",
        choices=[PDF, XLSX],
        help=_("pdf or xlsx (default: from the file name, else the document's first)"),
    )
    parser.add_argument(
        "--language",
        dest="document_language",
        choices=list(LANGUAGES),
        help=_("language of the document (default: the program's)"),
    )
    parser.add_argument("--output", metavar=_("FILE"), help=_("file to write"))
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("indicators: print them as JSON, with the ids of the people behind each figure"),
    )
    add_database_argument(parser)
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from pierglass_desktop.reports.documents import (
        DOCUMENTS,
        DocumentRequest,
        check_request,
        write_document,
    )
    from pierglass_desktop.storage.database import reading

    if args.kind == "indicators":
        return _print_indicators(args)
    if not args.output:
        raise ValidationError(_("Give the file to write with --output FILE."))
    output = Path(args.output)
    if not output.parent.is_dir():
        raise ValidationError(_("The folder {folder} does not exist.").format(folder=output.parent))
    document = DOCUMENTS[args.kind]
    fmt = args.format or _format_from(output, list(document.formats))
    if document.group_required and not args.group:
        raise ValidationError(_("Give the group with --group ID."))
    request = DocumentRequest(
        group_id=args.group,
        participant_id=args.participant,
        start=_day(args.start, "--from"),
        end=_day(args.end, "--to"),
    )
    check_request(args.kind, fmt, request)  # before the database is opened
    with reading(database_path(args)) as sessions:  # also while a window has the file open
        write_document(args.kind, fmt, sessions, output, request, args.document_language)
    print(_("Wrote {path}").format(path=output))
    return 0


def _format_from(output: Path, formats: list[str]) -> str:
    """The file name's format when it names one (a wrong one is refused later), else the
    document's first."""
    from pierglass_desktop.reports.documents import PDF, XLSX

    suffix = output.suffix.lower().lstrip(".")
    return suffix if suffix in (PDF, XLSX) else formats[0]


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("{option} needs a date like 2026-09-30, not “{value}”.").format(
                option=option, value=value
            )
        ) from None


def _print_indicators(args: argparse.Namespace) -> int:
    import json

    from pierglass_desktop.services.indicators import indicators, indicators_json
    from pierglass_desktop.storage.database import reading

    if not args.json:
        raise ValidationError(_("Indicators are printed as JSON: add --json."))
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    with reading(database_path(args)) as sessions:
        found = indicators(sessions, start, end)
    print(json.dumps(indicators_json(found), ensure_ascii=False, indent=2))
    return 0
