"""A tutor's world for sync tests, and a snapshot of what a database holds per sync sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from pierglass_desktop.domain.enums import (
    AssessmentPhase,
    AttendanceStatus,
    ConsentScope,
    MeetingStatus,
    NoteVisibility,
)
from pierglass_desktop.domain.models import (
    AgendaItem,
    Answer,
    AssessmentResponse,
    Attendance,
    Commitment,
    Group,
    GroupTutor,
    Instrument,
    Meeting,
    MeetingFeedback,
    Membership,
    Note,
    Participant,
    Tutor,
)
from pierglass_desktop.exchange.sync_format import ENTITIES, PERSONAL_FIELDS, STAMPS
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.storage.database import open_database


def open_db(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    return open_database(path)


@dataclass
class World:
    group_id: str
    meeting_id: str
    sharing_id: str  # a member who agreed to sharing
    private_id: str  # a member who did not
    note_ids: dict[str, str]  # visibility -> note id


def build_world(
    sessions,
    *,
    tutor: str = "Aino Tutor",
    group: str = "Kotihoito Pori",
    text: str = "Keskustelu",
    people: tuple[tuple[str, str], ...] = (("Liisa", "Laine"), ("Jussi", "Jokinen")),
    instrument_id: str | None = None,
) -> World:
    """A group with a tutor, two members (one sharing, one not), a held meeting and its
    agenda, marks, notes of every visibility, a commitment, feedback and a WHO-5 answer."""
    with sessions.begin() as s:
        t = Tutor(name=tutor, email="aino@example.fi")
        g = Group(name=group, description=text, start_date=date(2026, 1, 15))
        s.add_all([t, g])
        s.flush()
        s.add(GroupTutor(group_id=g.id, tutor_id=t.id))
        members = []
        for index, (first, last) in enumerate(people):
            p = Participant(
                first_name=first,
                last_name=last,
                email=f"{first.lower()}@example.fi",
                business_id="1234567-1",
                consent_scope=ConsentScope.SHARING if index == 0 else ConsentScope.REPORTING,
                consent_date=date(2026, 1, 15),
                pseudonym=f"P{index:04d}{group[:3]}",
                notes=text,
                birth_year=1970 + index,
            )
            s.add(p)
            members.append(p)
        s.flush()
        for p in members:
            s.add(Membership(group_id=g.id, participant_id=p.id, joined_on=date(2026, 1, 15)))
        m = Meeting(
            group_id=g.id,
            number=1,
            theme=text,
            starts_at=datetime(2026, 2, 12, 17, 0),
            status=MeetingStatus.HELD,
            place=text,
        )
        s.add(m)
        s.flush()
        s.add(AgendaItem(meeting_id=m.id, position=0, title=text[:200] or "x", purpose=text))
        s.add(
            Attendance(
                meeting_id=m.id,
                participant_id=members[0].id,
                status=AttendanceStatus.LATE,
                arrived_at=time(17, 25),
                minutes_attended=155,
                remark=text,
            )
        )
        notes = {}
        for visibility in NoteVisibility:
            note = Note(group_id=g.id, meeting_id=m.id, visibility=visibility, body=text)
            s.add(note)
            s.flush()
            notes[visibility.value] = note.id
        s.add(Commitment(meeting_id=m.id, participant_id=members[1].id, text=text or "x"))
        s.add(MeetingFeedback(meeting_id=m.id, usefulness=5, atmosphere=4, comment=text))
        instrument = s.get(Instrument, instrument_id) if instrument_id else None
        # Every database carries the built-in WHO-5; use it unless the test names another.
        instrument = (
            instrument or s.scalars(select(Instrument).where(Instrument.code == "who5")).first()
        )
        if instrument is None:
            instrument = Instrument(
                id=instrument_id, code="who5", name={"fi": "WHO-5", "en": "WHO-5"}, items=[]
            )
            s.add(instrument)
            s.flush()
        response = AssessmentResponse(
            instrument_id=instrument.id,
            participant_id=members[0].id,
            group_id=g.id,
            phase=AssessmentPhase.START,
            answered_on=date(2026, 2, 12),
            score=64,
        )
        s.add(response)
        s.flush()
        s.add(Answer(response_id=response.id, item_key="q1", value=3))
        return World(g.id, m.id, members[0].id, members[1].id, notes)


def snapshot(sessions, sheets=None) -> dict[str, dict[str, dict]]:
    """Sheet -> id -> the values that travel (stamps included), as the database holds them."""
    found: dict[str, dict[str, dict]] = {}
    with sessions() as s:
        for entity in ENTITIES:
            if sheets is not None and entity.sheet not in sheets:
                continue
            keys = (*STAMPS, *entity.value_keys)
            rows = s.execute(select(entity.table)).mappings()
            found[entity.sheet] = {r["id"]: {k: _plain(r[k]) for k in keys} for r in rows}
    return found


def _plain(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


# --- what spreadsheets and people do to a file ---------------------------------------------


def rewrite(source: Path, target: Path, change) -> Path:
    book = load_workbook(source)
    change(book)
    book.save(target)
    return target


def header_of(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def excel_like(book) -> None:
    """What a person's spreadsheet may do: texts that look like dates or numbers become them,
    empty texts become empty cells, columns move, and extra columns and sheets appear."""
    from datetime import datetime

    for sheet in book.worksheets[2:]:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.endswith("Z") and value[:2] == "20":
                    cell.value = datetime.fromisoformat(value[:-1])  # a date now, no zone
                elif value == "":
                    cell.value = None
    participants = book["participants"]
    columns = header_of(participants)
    participants.cell(2, columns["pseudonym"]).value = 12345  # an id that looks like a number
    participants.insert_cols(1)  # columns move
    participants.cell(1, 1).value = "Huomautus"  # an extra column someone added
    participants.cell(2, 1).value = "soitettu"
    meetings = book["meetings"]
    columns = header_of(meetings)
    starts = meetings.cell(2, columns["starts_at"])
    starts.value = datetime.fromisoformat(starts.value)
    book.create_sheet("Muistiinpanot")["A1"] = "oma lisäys"


def set_cell(sheet_name, column, value):
    def change(book):
        sheet = book[sheet_name]
        sheet.cell(2, header_of(sheet)[column]).value = value

    return change


def add_formula(book):
    sheet = book["meetings"]
    cell = sheet.cell(2, header_of(sheet)["number"])
    cell.value = "=1+1"
    cell.data_type = "f"


def shareable(source: dict, world: World) -> dict:
    """What the coordinator may hold of a tutor's data: no private notes, no private names."""
    expected = {sheet: {k: dict(v) for k, v in rows.items()} for sheet, rows in source.items()}
    expected["notes"].pop(world.note_ids["private"])
    for key in PERSONAL_FIELDS:
        expected["participants"][world.private_id][key] = ""
    return expected


def three_tutors(tmp_path: Path) -> tuple[list[Path], list[dict]]:
    """Three tutors' exports, and what the coordinator may hold of each."""
    files, shared = [], []
    for index, name in enumerate(("Aino", "Bertta", "Cecilia")):
        db = open_db(tmp_path / name / "t.sqlite3")
        try:
            world = build_world(
                db.sessions,
                tutor=name,
                group=f"Ryhmä {name}",
                people=((f"{name}n", "Jäsen"), ("Toinen", f"{index}")),
                instrument_id="00000000-0000-4000-8000-000000000005",  # one WHO-5 id everywhere
            )
            files.append(export_sync(db.sessions, tmp_path / f"{name}.xlsx").output)
            shared.append(shareable(snapshot(db.sessions), world))
        finally:
            db.close(automatic_backup=False)
    return files, shared
