"""`pierglass roster import FILE --group ID`, `pierglass person export|erase ID`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument, confirmed, existing_database
from pierglass_desktop.cli.passwords import (
    add_encrypt_arguments,
    file_password,
    say_send_separately,
)
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.i18n import _


def register(subparsers) -> None:
    roster = subparsers.add_parser("roster", help=_("bring a registration list into a group"))
    actions = roster.add_subparsers(dest="roster_action", metavar=_("ACTION"), required=True)
    imported = actions.add_parser(
        "import", help=_("add the people of a spreadsheet (.xlsx, .ods, .csv) to a group")
    )
    imported.add_argument("file", metavar=_("FILE"), help=_("the registration list"))
    imported.add_argument("--group", required=True, metavar="ID", help=_("the group they join"))
    imported.add_argument(
        "--joined",
        type=_day,
        default=None,
        metavar=_("DATE"),
        help=_("joining date (default: today)"),
    )
    imported.add_argument(
        "--mapping",
        metavar=_("FILE.json"),
        help=_("a JSON file saying which heading fills which field (default: guessed)"),
    )
    imported.add_argument(
        "--dry-run", action="store_true", help=_("only show what would happen; write nothing")
    )
    add_database_argument(imported)
    imported.set_defaults(handler=run_roster_import)
    _register_person(subparsers)


def _register_person(subparsers) -> None:
    person = subparsers.add_parser(
        "person", help=_("a person's data: export or erase it; find and merge duplicates")
    )
    actions = person.add_subparsers(dest="person_action", metavar=_("ACTION"), required=True)
    export = actions.add_parser("export", help=_("everything held about one person, in a workbook"))
    export.add_argument("participant", metavar="ID", help=_("the participant's id"))
    export.add_argument("--output", required=True, metavar=_("FILE.xlsx"), help=_("file to write"))
    export.add_argument("--language", dest="export_language", choices=["fi", "en"], default=None)
    add_encrypt_arguments(
        export,
        what=_(
            "protect the file with a password of its own (the default), from "
            "$PIERGLASS_EXPORT_PASSWORD or asked; --no-encrypt writes it plain"
        ),
    )
    add_database_argument(export)
    export.set_defaults(handler=run_person_export)
    erase = actions.add_parser("erase", help=_("forget one person for good (GDPR Art. 17)"))
    erase.add_argument("participant", metavar="ID", help=_("the participant's id"))
    erase.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    erase.add_argument(
        "--delete-backups",
        action="store_true",
        help=_("also delete the older backups that still hold the person"),
    )
    add_database_argument(erase)
    erase.set_defaults(handler=run_person_erase)
    due = actions.add_parser(
        "retention", help=_("list the people whose groups ended longer ago than you keep data")
    )
    due.add_argument(
        "--years",
        type=int,
        default=None,
        help=_("years to keep data after a person's last group ended (default: your preferences)"),
    )
    add_database_argument(due)
    due.set_defaults(handler=run_retention)
    from pierglass_desktop.cli.merge_commands import register_actions

    register_actions(actions)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a date; write it as 2026-09-01.").format(text=text)
        ) from None


# --- roster --------------------------------------------------------------------------------


def run_roster_import(args: argparse.Namespace) -> int:
    from pierglass_desktop.exchange.roster import read_roster
    from pierglass_desktop.paths import data_dir
    from pierglass_desktop.services import roster
    from pierglass_desktop.storage.database import open_database

    table = read_roster(Path(args.file))
    if args.mapping:
        mapping = roster.load_mapping_file(Path(args.mapping), table.header)
    else:
        mapping = roster.remembered_mapping(data_dir(), table.header) or roster.guess_mapping(
            table.header
        )
    with open_database(existing_database(args), create=False) as db:
        preview = roster.preview_roster(db.sessions, table, mapping, args.group)
        _print_preview(table, mapping, preview)
        if args.dry_run:
            print(_("Nothing was written: this was a dry run."))
            return 0
        result = roster.apply_roster(db, table, mapping, args.group, args.joined or date.today())
    roster.remember_mapping(data_dir(), table.header, mapping)
    print(
        _("Added {created} new people; {joined} joined the group.").format(
            created=result.created, joined=result.joined
        )
    )
    if result.backup_path:
        print(_("A backup made before the import is at {path}").format(path=result.backup_path))
    return 0


def _print_preview(table, mapping: dict[int, str], preview) -> None:
    from pierglass_desktop.services.roster import target_caption

    for index, target in sorted(mapping.items()):
        print(
            _("Column “{caption}” → {field}").format(
                caption=table.header[index], field=target_caption(target)
            )
        )
    print(
        _("{rows} rows: {new} new, {matched} already known, {errors} with errors.").format(
            rows=preview.counts["rows"],
            new=preview.counts["new"],
            matched=preview.counts["matched"],
            errors=preview.counts["errors"],
        )
    )
    for error in preview.errors:
        print(_("Row {row}: {reason}").format(row=error.row, reason=error.reason))


# --- person --------------------------------------------------------------------------------


def run_person_export(args: argparse.Namespace) -> int:
    from pierglass_desktop.exchange.person_export import export_person
    from pierglass_desktop.i18n import current_language
    from pierglass_desktop.storage.database import reading

    output = Path(args.output)
    if not output.parent.is_dir():
        raise ValidationError(_("The folder {folder} does not exist.").format(folder=output.parent))
    database = existing_database(args)
    # The person's own password, never the project's: the file goes to someone outside it.
    password = file_password(confirm=True) if args.encrypt else None
    with reading(database) as sessions:
        export_person(
            sessions,
            args.participant,
            output,
            language=args.export_language or current_language(),
            password=password,
        )
    print(_("Wrote {path}").format(path=output))
    if password:
        say_send_separately()
    return 0


def run_person_erase(args: argparse.Namespace) -> int:
    from pierglass_desktop.services import erasure
    from pierglass_desktop.storage.database import open_database

    with open_database(existing_database(args), create=False) as db:
        if erasure.is_erased(db, args.participant):
            erasure.make_clean(db)  # finishes a cleaning another reader kept from finishing
            print(_("The person was erased already; the file was cleaned again."))
            return 0
        plan = erasure.plan_erasure(db, args.participant)
        for line in erasure.describe_plan(plan):
            print(line)
        if not args.yes and not confirmed(_("Erase this person for good? Type yes to confirm: ")):
            print(_("Nothing was erased."))
            return 1
        result = erasure.erase_person(db, args.participant)
        print(_("{name} was erased from the database.").format(name=plan.name))
        for line in erasure.describe_backups(result.backups_holding):
            print(line)
        if args.delete_backups and result.backups_holding:
            erasure.delete_backups(result.backups_holding)
            print(_("The older backups that held the person were deleted."))
    return 0


def run_retention(args: argparse.Namespace) -> int:
    from pierglass_desktop.preferences import load_preferences
    from pierglass_desktop.services.erasure import past_retention
    from pierglass_desktop.storage.database import reading

    years = args.years if args.years is not None else load_preferences().retention_years
    if years < 0:
        raise ValidationError(_("Give the years to keep data as a whole number, 0 or more."))
    with reading(existing_database(args)) as sessions:
        due = past_retention(sessions, years)
    if not due:
        print(_("Nobody is past the {years}-year retention period.").format(years=years))
        return 0
    print(
        _(
            "Past the {years}-year retention period (erase with 'pierglass person erase ID'):"
        ).format(years=years)
    )
    for person in due:
        print(
            _("{id}  {name}, last group ended {day}").format(
                id=person.participant_id, name=person.name, day=person.last_group_ended.isoformat()
            )
        )
    return 0
