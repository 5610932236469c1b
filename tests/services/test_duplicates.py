"""The coordinator finds the same entrepreneur twice and merges the two records into one."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from tests.meeting_fixtures import seed_group

from pierglass_desktop.domain.enums import (
    AssessmentPhase,
    AttendanceStatus,
    NoteVisibility,
)
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.models import (
    AgendaItem,
    AssessmentResponse,
    Attendance,
    AuditEntry,
    Commitment,
    Instrument,
    Membership,
    Note,
    Participant,
)
from pierglass_desktop.services.duplicates import (
    DuplicateReason,
    find_duplicates,
    live_references,
    merge_participants,
)


def _person(sessions, first, last, **values) -> str:
    with sessions.begin() as s:
        person = Participant(first_name=first, last_name=last, **values)
        s.add(person)
        s.flush()
        return person.id


def _reasons(sessions, a: str, b: str) -> tuple[DuplicateReason, ...]:
    for pair in find_duplicates(sessions):
        if {pair.first.id, pair.second.id} == {a, b}:
            return pair.reasons
    return ()


def test_same_email_in_other_case_and_spaces_is_a_probable_duplicate(sessions):
    a = _person(sessions, "Liisa", "Laine", email="liisa@kotihoito.fi")
    b = _person(sessions, "L.", "Laine-Virta", email="  Liisa@Kotihoito.FI ")
    c = _person(sessions, "Liisa", "Laine", email="other@kotihoito.fi")
    assert _reasons(sessions, a, b) == (DuplicateReason.EMAIL,)
    assert _reasons(sessions, a, c) == ()


def test_same_business_id_is_a_probable_duplicate(sessions):
    a = _person(sessions, "Jussi", "Järvinen", business_id="2345678-0")
    b = _person(sessions, "J", "Järvinen", business_id="2345678-0")
    _person(sessions, "Anyone", "Else", business_id="")
    _person(sessions, "No", "Id", business_id="")
    assert _reasons(sessions, a, b) == (DuplicateReason.BUSINESS_ID,)
    assert len(find_duplicates(sessions)) == 1  # empty IDs never match each other


def test_same_name_needs_the_same_birth_year_and_keeps_accents(sessions):
    a = _person(sessions, "Mikko", "Mäki", birth_year=1970)
    b = _person(sessions, " mikko ", "MÄKI", birth_year=1970)
    c = _person(sessions, "Mikko", "Mäki", birth_year=1971)
    d = _person(sessions, "Mikko", "Maki", birth_year=1970)
    e = _person(sessions, "Mikko  Juhani", "Mäki", birth_year=None)
    f = _person(sessions, "mikko juhani", "mäki", birth_year=None)
    assert _reasons(sessions, a, b) == (DuplicateReason.NAME_AND_BIRTH_YEAR,)
    assert _reasons(sessions, a, c) == ()
    assert _reasons(sessions, a, d) == ()
    assert _reasons(sessions, e, f) == ()  # no birth year: a name alone is too weak


def test_a_pair_found_by_several_rules_is_listed_once_with_every_reason(sessions):
    a = _person(sessions, "Sanna", "Salo", email="s@salo.fi", birth_year=1980)
    b = _person(sessions, "Sanna", "Salo", email="S@salo.fi", birth_year=1980)
    pairs = find_duplicates(sessions)
    assert len(pairs) == 1
    assert pairs[0].reasons == (DuplicateReason.EMAIL, DuplicateReason.NAME_AND_BIRTH_YEAR)
    with sessions.begin() as s:
        s.get(Participant, b).deleted_at = datetime(2026, 1, 1).astimezone()
    assert _reasons(sessions, a, b) == ()  # deleted people are not duplicates


# --- merging -------------------------------------------------------------------------------


@pytest.fixture
def two_records(sessions):
    """Liisa in two groups under two records, with something of each kind pointing at both."""
    pori = seed_group(sessions, meetings=2, held=2, name="Pori")
    rauma = seed_group(sessions, meetings=2, held=2, name="Rauma")
    keep, other = pori.participant_ids[0], rauma.participant_ids[0]
    with sessions.begin() as s:
        s.get(Participant, keep).email = ""
        s.get(Participant, other).email = "liisa@kotihoito.fi"
        s.get(Participant, other).phone = "040 123"
        instrument = s.scalars(select(Instrument).where(Instrument.code == "who5")).one()
        # Liisa also joined Pori under the second record, overlapping the first period.
        s.add(
            Membership(
                group_id=pori.group_id,
                participant_id=other,
                joined_on=date(2026, 8, 1),
                left_on=date(2026, 12, 31),
            )
        )
        for meeting in pori.meeting_ids[:1] + rauma.meeting_ids:
            s.add(
                Attendance(
                    meeting_id=meeting, participant_id=other, status=AttendanceStatus.PRESENT
                )
            )
        s.add(
            Attendance(
                meeting_id=pori.meeting_ids[0],
                participant_id=keep,
                status=AttendanceStatus.LATE,
            )
        )
        s.add(Commitment(meeting_id=rauma.meeting_ids[0], participant_id=other, text="Try it"))
        s.add(
            Note(
                group_id=rauma.group_id,
                participant_id=other,
                visibility=NoteVisibility.GROUP,
                body="Spoke well",
            )
        )
        s.add(
            AssessmentResponse(
                instrument_id=instrument.id,
                participant_id=other,
                group_id=rauma.group_id,
                phase=AssessmentPhase.START,
                answered_on=date(2026, 9, 1),
            )
        )
        item = s.scalar(select(AgendaItem).where(AgendaItem.meeting_id == rauma.meeting_ids[1]))
        item.responsible_participant_id = other
    return pori, rauma, keep, other


def _file_references(db_path, person: str) -> dict[str, int]:
    """Live rows pointing at a person, over every foreign key the database FILE declares."""
    import sqlite3

    connection = sqlite3.connect(db_path)
    try:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        counts = {}
        for table in tables:
            for fk in connection.execute(f"PRAGMA foreign_key_list('{table}')"):
                if fk[2] != "participants":
                    continue
                sql = f'SELECT count(*) FROM "{table}" WHERE "{fk[3]}" = ? AND deleted_at IS NULL'
                counts[f"{table}.{fk[3]}"] = connection.execute(sql, (person,)).fetchone()[0]
        return counts
    finally:
        connection.close()


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_merge_moves_everything_that_points_at_the_merged_person(sessions, two_records, db_path):
    pori, _rauma, keep, other = two_records
    before_keep = _file_references(db_path, keep)
    before_other = _file_references(db_path, other)
    assert all(before_other.values()), before_other  # the fixture fills every reference
    with sessions() as s:
        assert live_references(s, other) == before_other  # the service sees every one too

    result = merge_participants(sessions, keep, other)

    after_keep = _file_references(db_path, keep)
    assert set(_file_references(db_path, other).values()) == {0}
    with sessions() as s:
        for key, count in before_other.items():
            expected = before_keep[key] + count
            if key == "attendance.participant_id":
                expected -= 1  # both had a mark for Pori's first meeting
            if key == "memberships.participant_id":
                expected -= 1  # the two Pori periods became one
            assert after_keep[key] == expected, key
        merged = s.get(Participant, other)
        kept = s.get(Participant, keep)
        assert merged.deleted_at is not None
        assert (kept.email, kept.phone) == ("liisa@kotihoito.fi", "040 123")
        pori_periods = s.execute(
            select(Membership.joined_on, Membership.left_on).where(
                Membership.participant_id == keep,
                Membership.group_id == pori.group_id,
                Membership.deleted_at.is_(None),
            )
        ).all()
        assert pori_periods == [(date(2026, 8, 1), None)]
        mark = s.scalar(
            select(Attendance.status).where(
                Attendance.meeting_id == pori.meeting_ids[0],
                Attendance.participant_id == keep,
            )
        )
        assert mark == AttendanceStatus.LATE  # the kept person's own mark stays
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).one()
        assert (audit.entity, audit.entity_id) == ("participant", other)
        assert audit.after == {"into": keep}
        assert audit.origin == kept.origin != ""
    assert [m.meeting_id for m in result.dropped_marks] == [pori.meeting_ids[0]]
    assert result.joined_memberships == 1
    assert set(result.filled_fields) >= {"email", "phone"}
    assert result.moved["attendance"] == 2


def test_moved_marks_get_the_id_every_copy_derives_for_the_kept_person(sessions, two_records):
    from pierglass_desktop.domain.meetings import attendance_id

    _pori, rauma, keep, other = two_records
    merge_participants(sessions, keep, other)
    with sessions() as s:
        ids = set(
            s.scalars(
                select(Attendance.id).where(
                    Attendance.meeting_id.in_(rauma.meeting_ids),
                    Attendance.participant_id == keep,
                    Attendance.deleted_at.is_(None),
                )
            )
        )
    assert ids == {attendance_id(m, keep) for m in rauma.meeting_ids}


def _snapshot(db_path) -> bytes:
    import sqlite3

    connection = sqlite3.connect(db_path)
    try:
        return "\n".join(connection.iterdump()).encode()
    finally:
        connection.close()


@pytest.mark.parametrize("case", ["same", "missing", "deleted"])
def test_a_refused_merge_changes_nothing(sessions, two_records, db_path, case):
    _pori, _rauma, keep, other = two_records
    if case == "deleted":
        merge_participants(sessions, keep, other)  # the second record is now a tombstone
    before = _snapshot(db_path)
    error = ValidationError if case == "same" else NotFound
    target = {"same": keep, "missing": "no-such-person", "deleted": other}[case]
    with pytest.raises(error) as raised:
        merge_participants(sessions, keep, target)
    assert "Error" not in str(raised.value) and str(raised.value).endswith(".")
    assert _snapshot(db_path) == before
    with sessions() as s:
        merges = s.scalar(select(func.count()).where(AuditEntry.action == "merge"))
    assert merges == (1 if case == "deleted" else 0)


def test_merge_reaches_a_copy_that_had_both_records(sessions, two_records, tmp_path):
    """The coordinator's copy already held both records; after the merge here and an export,
    it holds one person with every mark, and no live row points at the merged record."""
    from pierglass_desktop.services.sync_export import export_sync
    from pierglass_desktop.services.sync_import import apply_import, preview_import
    from pierglass_desktop.storage.database import open_database

    _pori, _rauma, keep, other = two_records
    (tmp_path / "copy").mkdir()
    copy = open_database(tmp_path / "copy" / "copy.sqlite3")
    try:
        export_sync(sessions, tmp_path / "before.xlsx")
        apply_import(copy, preview_import(copy.sessions, [tmp_path / "before.xlsx"]))
        merge_participants(sessions, keep, other)
        export_sync(sessions, tmp_path / "after.xlsx")
        preview = preview_import(copy.sessions, [tmp_path / "after.xlsx"])
        assert preview.files[0].reason == "", preview.files[0].reason
        apply_import(copy, preview)
        with sessions() as here, copy.sessions() as there:
            assert there.get(Participant, other).deleted_at is not None
            assert live_references(there, other) == live_references(here, other)
            assert live_references(there, keep) == live_references(here, keep)
    finally:
        copy.close(automatic_backup=False)
