"""`pierglass list groups|participants|sessions|tutors|imports [--json] [--group ID]`.

A table for people by default; ``--json`` prints an array of objects with stable keys, ISO dates
and UTF-8 text, for scripts. Records are read with plain column queries and the JSON is written
one record at a time as they are read, so a coordinator's ten years list in flat memory.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from json.encoder import encode_basestring as encode_string  # type: ignore[attr-defined]
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument, database_path
from pierglass_desktop.domain.errors import StorageError, ValidationError
from pierglass_desktop.domain.fields import GROUP, MEETING, PARTICIPANT, EntityFields
from pierglass_desktop.domain.vocabulary import label
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.storage.location import Location

KINDS = ("groups", "participants", "sessions", "tutors", "imports")
NOTHING_TO_LIST = {
    "groups": N_("There are no groups in this database."),
    "participants": N_("There are no participants to list."),
    "sessions": N_("There are no sessions to list."),
    "tutors": N_("There are no tutors in this database."),
    "imports": N_("Nothing has been imported into this database."),
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "list",
        help=_("print the groups, participants, sessions, tutors or imports"),
        description=_(
            "Prints a table, or with --json an array of records with stable keys, ISO dates "
            "and UTF-8 text. Deleted records are left out; archived groups are included."
        ),
    )
    parser.add_argument("kind", choices=KINDS, help=_("what to list"))
    add_database_argument(parser)
    parser.add_argument(
        "--json", action="store_true", help=_("print a JSON array instead of a table")
    )
    parser.add_argument(
        "--group", metavar="ID", help=_("only the participants or sessions of this group")
    )
    parser.set_defaults(handler=run_list)


def run_list(args: argparse.Namespace) -> int:
    with listing(database_path(args), args.kind, args.group) as rows:
        try:
            _print_rows(args, rows)
        except BrokenPipeError:  # `| head` closed the pipe: stop reading rows nobody reads
            from pierglass_desktop.cli.pipes import silence_stdout

            silence_stdout()
    return 0


def _print_rows(args: argparse.Namespace, rows: Iterator[dict]) -> None:
    if args.json:
        write_json(rows)
        return
    table = list(rows)  # a table's columns are as wide as their widest cell
    if table:
        headers, cells, right = TABLES[args.kind](table)
        print(format_table(headers, cells, right_aligned=right))
    else:
        print(_(NOTHING_TO_LIST[args.kind]))


def fetch_rows(path: Location, kind: str, group_id: str | None) -> list[dict]:
    """The records to print, as plain dicts with the stable keys of the JSON output."""
    with listing(path, kind, group_id) as rows:
        return list(rows)


@contextmanager
def listing(path: Path, kind: str, group_id: str | None) -> Iterator[Iterator[dict]]:
    """The records, read one at a time while the database is open; a refusal (an unknown
    group, a missing file) comes before the first record."""
    from pierglass_desktop.storage.database import reading

    if kind in ("groups", "tutors", "imports") and group_id:
        raise ValidationError(_("--group can be used with participants and sessions only."))
    if (
        isinstance(path, Path) and not path.exists()
    ):  # checked first: opening would leave a lock file behind
        raise StorageError(
            _("There is no database at {path}. Check the file name.").format(path=path)
        )
    with reading(path) as sessions, sessions() as s:  # also while a window has the file open
        yield _records(sessions, s, kind, group_id)


def _records(sessions, s, kind: str, group_id: str | None) -> Iterator[dict]:
    """Each kind's service imported when it is listed (the import service alone is 60 ms)."""
    if kind == "groups":
        from pierglass_desktop.services.groups import list_groups

        return map(_group, list_groups(sessions, include_archived=True))
    if kind == "participants" and group_id is not None:  # with their periods in the group
        from pierglass_desktop.services.participants import list_participants

        return map(_participant, list_participants(sessions, group_id=group_id))
    if kind == "participants":
        from pierglass_desktop.services.participant_list import participant_rows

        return map(_participant, participant_rows(s))
    if kind == "tutors":
        from pierglass_desktop.services.tutors import list_tutors

        return map(_tutor, list_tutors(sessions))
    if kind == "imports":
        from pierglass_desktop.services.sync_import import list_imports

        return map(_import, list_imports(sessions))
    from pierglass_desktop.services.series import meeting_rows

    return map(_session, meeting_rows(s, group_id))


# The keys scripts rely on, in this order; the services' rows carry more. Values stay enums
# here: JSON writes their stored value, the table their name from the vocabulary.
def _group(row) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "mode": row.mode,
        "location": row.location,
        "status": row.status,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "archived": row.archived,
        "members": row.member_count,
        "sessions": row.session_count,
        "tutors": row.tutors,
    }


PARTICIPANT_KEYS = (
    "id",
    "first_name",
    "last_name",
    "company_name",
    "business_id",
    "municipality",
    "email",
    "groups",
    "joined_on",
    "left_on",
)  # a field shown in the table (PARTICIPANT_TABLE) must be here too


def _participant(row) -> dict:
    return {key: getattr(row, key, None) for key in PARTICIPANT_KEYS}  # dates: one group's


def _session(row) -> dict:
    return {
        "id": row.id,
        "group_id": row.group_id,
        "group_name": row.group_name,
        "number": row.number,
        "theme": row.theme,
        "starts_at": row.starts_at,
        "planned_minutes": row.planned_minutes,
        "status": row.status,
        "place": row.place or row.online_link,
    }


def _tutor(row) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "email": row.email,
        "phone": row.phone,
        "organisation": row.organisation,
    }


def _import(row) -> dict:
    return {
        "imported_at": row.imported_at,
        "kind": row.kind,
        "filename": row.filename,
        "sha256": row.sha256,
        "origin": row.origin,
        "exported_at": row.exported_at,
        "records": row.records,
        "backup_path": row.backup_path,
        "groups": list(row.groups) if row.groups is not None else None,  # null: all
        "covers": row.covers,
    }


# --- JSON --------------------------------------------------------------------------------------


def to_plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_plain(item) for item in value]
    return value


def write_json(rows: Iterable[dict]) -> None:
    """An indented JSON array, written record by record as the rows come (the same text
    ``json.dumps(records, ensure_ascii=False, indent=2)`` makes of the whole list)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        write = sys.stdout.write
    else:  # JSON is UTF-8 whatever the console's locale says
        sys.stdout.flush()
        write = codecs.getwriter("utf-8")(stream).write
    opening = "[\n"
    for row in rows:
        write(opening + _record(row))
        opening = ",\n"
    write("[]\n" if opening == "[\n" else "\n]\n")
    (stream or sys.stdout).flush()


def _record(row: dict) -> str:
    """One record as an element of the array, indented as ``json.dumps(indent=2)`` does.

    Written here rather than by ``json.dumps``: with ``indent`` the json module encodes in
    Python, not C, which was half the time of listing 14,000 people.
    """
    fields = ",\n".join(f"    {encode_string(key)}: {_value(value)}" for key, value in row.items())
    return "  {\n" + fields + "\n  }" if fields else "  {}"


_LITERALS = {None: "null", True: "true", False: "false"}


def _value(value) -> str:
    if value is None or value is True or value is False:
        return _LITERALS[value]
    if isinstance(value, str):  # a StrEnum too: its stored value
        return encode_string(value)
    if type(value) is int:
        return int.__repr__(value)
    if isinstance(value, datetime | date):
        return f'"{value.isoformat()}"'
    if isinstance(value, tuple | list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(f"      {_value(item)}" for item in value) + "\n    ]"
    # null, true, false and numbers as json writes them; anything else indented the same way
    return json.dumps(to_plain(value), ensure_ascii=False, indent=2).replace("\n", "\n    ")


# --- tables ------------------------------------------------------------------------------------


def format_table(headers: list[str], rows: list[list[str]], *, right_aligned=frozenset()) -> str:
    """Columns padded to their widest cell, two spaces apart, a rule under the header."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells) -> str:
        padded = [
            str(cell).rjust(width) if index in right_aligned else str(cell).ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def _captions(entity: EntityFields, *keys: str) -> list[str]:
    """Headings of columns that show a stored field: the field's own caption."""
    return [entity[key].caption() for key in keys]


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _group_table(rows):
    headers = [
        *_captions(GROUP, "name", "status", "mode", "location", "start_date", "end_date"),
        _("Members"),
        _("Sessions"),
        _("Tutors"),
        _("ID"),
    ]
    cells = [
        [
            row["name"],
            _("{status}, archived").format(status=label(row["status"]))
            if row["archived"]
            else label(row["status"]),
            label(row["mode"]),
            row["location"],
            _day(row["start_date"]),
            _day(row["end_date"]),
            str(row["members"]),
            str(row["sessions"]),
            ", ".join(row["tutors"]),
            row["id"],
        ]
        for row in rows
    ]
    return headers, cells, {6, 7}


# The fields the participant table shows, in order; headings are the fields' captions.
PARTICIPANT_TABLE = ("last_name", "first_name", "company_name", "business_id", "municipality")


def _participant_table(rows):
    headers = [*_captions(PARTICIPANT, *PARTICIPANT_TABLE), _("Groups"), _("ID")]
    cells = [
        [*(row[key] for key in PARTICIPANT_TABLE), ", ".join(row["groups"]), row["id"]]
        for row in rows
    ]
    return headers, cells, set()


def _session_table(rows):
    theme, status = _captions(MEETING, "theme", "status")
    headers = [_("Date"), _("Time"), _("Group"), _("No."), theme, status, _("ID")]
    cells = [
        [
            row["starts_at"].date().isoformat(),
            row["starts_at"].strftime("%H:%M"),
            row["group_name"],
            str(row["number"]),
            row["theme"],
            label(row["status"]),
            row["id"],
        ]
        for row in rows
    ]
    return headers, cells, {3}


def _tutor_table(rows):
    headers = [_("Name"), _("E-mail"), _("Phone"), _("Organisation"), _("ID")]
    cells = [
        [row["name"], row["email"], row["phone"], row["organisation"], row["id"]] for row in rows
    ]
    return headers, cells, set()


def _import_table(rows):
    headers = [
        _("Imported"),
        _("Kind"),
        _("File"),
        _("Exported"),
        _("Covers"),
        _("Records"),
        _("From"),
    ]
    cells = [
        [
            _moment(row["imported_at"]),
            row["kind"],
            Path(row["filename"]).name,
            _moment(row["exported_at"]),
            row["covers"],
            str(row["records"]),
            row["origin"][:8],
        ]
        for row in rows
    ]
    return headers, cells, {5}


def _moment(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


TABLES = {
    "groups": _group_table,
    "participants": _participant_table,
    "sessions": _session_table,
    "tutors": _tutor_table,
    "imports": _import_table,
}
