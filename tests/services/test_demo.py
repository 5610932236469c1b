"""The demo project: realistic, consistent with its own calendar, repeatable, all or nothing."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from pierglass_desktop.demo import generator as demo
from pierglass_desktop.demo.generator import build_demo, create_demo_database, meeting_dates
from pierglass_desktop.domain.errors import Conflict, ValidationError
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
    Membership,
    Note,
    Participant,
    attendance_id,
)
from pierglass_desktop.domain.rules import is_valid_business_id
from pierglass_desktop.paths import backups_dir_for
from pierglass_desktop.storage.database import open_database

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A six-group demo built once for the read-only checks below."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    summary = create_demo_database(path, groups=6, seed=7, today=TODAY)
    db = open_database(path)
    yield db, summary
    db.close(automatic_backup=False)


def _all(db, model):
    with db.sessions() as s:
        return list(s.scalars(select(model)))


def test_demo_has_the_asked_groups_each_with_six_to_fourteen_members(project):
    db, summary = project
    groups = _all(db, Group)
    assert summary.groups == len(groups) == 6
    members = Counter(m.group_id for m in _all(db, Membership))
    assert all(6 <= members[g.id] <= 14 for g in groups)
    assert all(", " in g.name for g in groups)  # "Kotihoidon yrittäjät, Pori"
    assert len({g.name for g in groups}) == len(groups)


def test_every_group_has_one_lead_tutor_and_tutors_share_groups(project):
    db, summary = project
    links = _all(db, GroupTutor)
    leads = Counter(link.group_id for link in links if link.role == "lead")
    assert set(leads.values()) == {1} and len(leads) == 6
    assert summary.tutors == 2  # about one tutor for three groups


def test_participants_look_finnish_and_have_valid_business_ids(project):
    db, _summary = project
    people = _all(db, Participant)
    assert all(is_valid_business_id(p.business_id) for p in people)
    assert len({p.business_id for p in people}) == len(people)
    assert len({p.pseudonym for p in people}) == len(people)
    letters = "".join(p.first_name + p.last_name + p.company_name for p in people)
    assert "ä" in letters and "ö" in letters
    assert any(p.company_name.endswith(" Oy") for p in people)
    assert any(p.company_name.startswith("Toiminimi ") for p in people)
    assert all(p.email.endswith(".example") for p in people)  # never someone's real address


def test_esf_background_has_a_plausible_spread_including_non_binary_and_not_told(project):
    db, _summary = project
    people = _all(db, Participant)
    genders = Counter(p.gender for p in people)
    assert genders["female"] > genders["male"] > 0
    assert genders["non_binary"] >= 1 and genders["not_told"] >= 1
    assert all(TODAY.year - 70 < p.birth_year < TODAY.year - 18 for p in people)
    assert {p.consent_scope for p in people} >= {"reporting", "sharing"}
    assert all((p.consent_date is None) == (p.consent_scope is None) for p in people)


def test_meetings_follow_the_calendar_past_held_future_planned(project):
    db, _summary = project
    meetings = _all(db, Meeting)
    per_group = Counter(m.group_id for m in meetings)
    assert set(per_group.values()) == {18}
    for m in meetings:
        if m.starts_at.date() >= TODAY:
            assert m.status == "planned"
        else:
            assert m.status in ("held", "cancelled")
        assert m.starts_at.month != 7  # the summer break
    statuses = Counter(m.status for m in meetings)
    assert statuses["held"] > statuses["cancelled"] >= 1 and statuses["planned"] > 0
    assert {m.theme for m in meetings if m.number == 1} == {"Aloitustapaaminen"}
    themes = {m.theme for m in meetings}
    assert {"Aloitustapaaminen", "Päätöstapaaminen", "Työhyvinvointi"} <= themes


def test_each_meeting_has_five_to_eight_agenda_items_summing_to_its_plan(project):
    db, _summary = project
    items = defaultdict(list)
    for item in _all(db, AgendaItem):
        items[item.meeting_id].append(item)
    for meeting in _all(db, Meeting):
        agenda = items[meeting.id]
        assert 5 <= len(agenda) <= 8
        assert sorted(i.position for i in agenda) == list(range(len(agenda)))
        assert sum(i.duration_minutes for i in agenda) == meeting.planned_minutes
        if meeting.status == "held":
            assert sum(i.actual_minutes for i in agenda) == meeting.actual_minutes
    titles = {i.title for agenda in items.values() for i in agenda}
    assert {"Kuulumiskierros", "Kahvitauko", "Vertaiskonsultaatio", "Sitoumuskierros"} <= titles


def test_attendance_covers_exactly_the_members_of_each_held_meeting(project):
    """Late joiners are not absent before they joined, leavers not after they left."""
    db, _summary = project
    memberships = defaultdict(list)
    for m in _all(db, Membership):
        memberships[m.group_id].append(m)
    marks = defaultdict(dict)
    for a in _all(db, Attendance):
        assert a.id == attendance_id(a.meeting_id, a.participant_id)
        marks[a.meeting_id][a.participant_id] = a
    for meeting in _all(db, Meeting):
        expected = {
            m.participant_id
            for m in memberships[meeting.group_id]
            if m.covers(meeting.starts_at.date())
        }
        got = set(marks[meeting.id])
        assert got == (expected if meeting.status == "held" else set())


def test_attendance_statuses_carry_times_and_minutes(project):
    db, _summary = project
    meetings = {m.id: m for m in _all(db, Meeting)}
    marks = _all(db, Attendance)
    assert {a.status for a in marks} == {"present", "late", "left_early", "excused", "absent"}
    for a in marks:
        length = meetings[a.meeting_id].actual_minutes
        if a.status == "late":
            assert a.arrived_at is not None and 0 < a.minutes_attended < length
        elif a.status == "left_early":
            assert a.left_at is not None and 0 < a.minutes_attended < length
        elif a.status == "present":
            assert a.minutes_attended == length
        else:
            assert a.minutes_attended == 0
    assert Counter(a.status for a in marks).most_common(1)[0][0] == "present"


def test_a_demo_written_in_several_batches_counts_what_it_wrote(tmp_path):
    """30 groups go in two batches; the summary matches the file, and people come and go."""
    assert demo.GROUPS_PER_BATCH < 30
    path = tmp_path / "many.sqlite3"
    summary = create_demo_database(path, groups=30, seed=3, today=TODAY)
    with sqlite3.connect(path) as connection:

        def count(sql: str) -> int:
            return connection.execute(sql).fetchone()[0]

        assert summary.groups == count("SELECT COUNT(*) FROM groups") == 30
        assert summary.tutors == count("SELECT COUNT(*) FROM tutors") == 10
        assert summary.participants == count("SELECT COUNT(*) FROM participants")
        assert summary.meetings == count("SELECT COUNT(*) FROM meetings") == 30 * 18
        assert summary.held_meetings == count("SELECT COUNT(*) FROM meetings WHERE status='held'")
        assert summary.attendance == count("SELECT COUNT(*) FROM attendance")
        assert summary.assessments == count("SELECT COUNT(*) FROM assessment_responses")
        assert count("SELECT COUNT(*) FROM instruments") == 2  # the built-in questionnaires
        later, left = connection.execute(
            "SELECT SUM(m.joined_on > g.start_date), SUM(m.left_on IS NOT NULL) "
            "FROM memberships m JOIN groups g ON g.id = m.group_id"
        ).fetchone()
    assert later > 0 and left > 0


def test_notes_use_all_three_visibilities(project):
    db, _summary = project
    notes = _all(db, Note)
    assert {n.visibility for n in notes} == {"private", "project", "group"}
    assert any(n.participant_id for n in notes)


def test_commitments_are_reviewed_at_the_next_held_meeting(project):
    db, _summary = project
    meetings = {m.id: m for m in _all(db, Meeting)}
    held = defaultdict(list)
    for m in sorted(meetings.values(), key=lambda m: m.number):
        if m.status == "held":
            held[m.group_id].append(m.id)
    reviewed = 0
    for c in _all(db, Commitment):
        made = meetings[c.meeting_id]
        order = held[made.group_id]
        following = order[order.index(made.id) + 1 :]
        if following:
            assert c.reviewed_at_meeting_id == following[0] and c.follow_up is not None
            reviewed += 1
        else:
            assert c.follow_up is None  # still due at the next meeting
    assert reviewed > 0


def test_who5_answers_score_as_the_sum_times_four(project):
    db, _summary = project
    (instrument,) = [i for i in _all(db, Instrument) if i.code == "who5"]
    assert instrument.code == "who5" and len(instrument.items) == 5
    assert instrument.items[0]["text"]["en"] == "I have felt cheerful and in good spirits"
    assert instrument.items[3]["text"]["fi"] == "Olen herännyt virkeänä ja levänneenä"
    answers = defaultdict(list)
    for answer in _all(db, Answer):
        assert 0 <= answer.value <= 5
        answers[answer.response_id].append(answer.value)
    responses = _all(db, AssessmentResponse)
    assert {r.phase for r in responses} >= {"start", "mid"}
    for response in responses:
        assert len(answers[response.id]) == 5
        assert response.score == sum(answers[response.id]) * 4


def test_every_record_is_stamped_with_this_installation_and_no_future_time(project):
    db, _summary = project
    limit = datetime.combine(TODAY, datetime.min.time(), UTC) + timedelta(hours=12)
    for model in (Group, Participant, Meeting, Attendance, Commitment, Answer):
        for record in _all(db, model):
            assert record.origin == db.installation_id
            assert record.created_at <= record.updated_at <= limit
            assert record.deleted_at is None


_LIBRARY_TABLES = {"methods", "plan_templates", "template_items", "instruments"}
_LIBRARY_STAMPS = {"created_at", "updated_at"}


def _dump(path):
    """Every table's rows, without the installation id that differs between files."""
    with sqlite3.connect(path) as connection:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'app_meta'"
            )
        ]
        dump = {}
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            names = [d[0] for d in cursor.description]
            # The built-in library is stamped with the moment each file was created.
            left_out = {"origin"} | (_LIBRARY_STAMPS if table in _LIBRARY_TABLES else set())
            dump[table] = [
                tuple(v for n, v in zip(names, row, strict=True) if n not in left_out)
                for row in cursor
            ]
    return dump


def test_the_same_seed_and_day_give_the_same_project(tmp_path):
    first, second, other = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3", tmp_path / "c.sqlite3"
    create_demo_database(first, groups=3, seed=5, today=TODAY)
    create_demo_database(second, groups=3, seed=5, today=TODAY)
    create_demo_database(other, groups=3, seed=6, today=TODAY)
    assert _dump(first) == _dump(second)
    assert _dump(first)["participants"] != _dump(other)["participants"]


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_demo_refuses_a_database_that_already_holds_groups_and_changes_nothing(database):
    build_demo(database.sessions, groups=1, seed=1, today=TODAY)
    before = _dump(database.path)
    with pytest.raises(Conflict, match="already holds groups"):
        build_demo(database.sessions, groups=2, seed=2, today=TODAY)
    assert _dump(database.path) == before


@pytest.mark.parametrize("groups", [0, 2001, -3, True, 2.5])
def test_a_group_count_out_of_range_is_refused_with_a_sentence(tmp_path, groups):
    path = tmp_path / "never.sqlite3"
    with pytest.raises(ValidationError, match="from 1 to 2000") as raised:
        create_demo_database(path, groups=groups)
    assert "groups" in raised.value.fields
    assert not path.exists()


def test_a_failure_half_way_leaves_no_demo_at_all(database, monkeypatch):
    original = demo._bulk_insert

    def fail_at_commitments(session, model, rows):
        if model is Commitment:
            raise RuntimeError("disk full")
        original(session, model, rows)

    monkeypatch.setattr(demo, "_bulk_insert", fail_at_commitments)
    with pytest.raises(RuntimeError):
        build_demo(database.sessions, groups=2, seed=1, today=TODAY)
    with database.sessions() as s:
        for model in (Group, Participant, Meeting, Attendance, AssessmentResponse):
            assert s.scalar(select(func.count()).select_from(model)) == 0


def test_creating_a_demo_database_takes_no_automatic_backup(tmp_path):
    path = tmp_path / "demo.sqlite3"
    create_demo_database(path, groups=1, today=TODAY)
    assert not backups_dir_for(path).exists()
    reopened = open_database(path)  # the lock was released
    reopened.close(automatic_backup=False)


def test_demo_reuses_an_existing_who5_instrument(database):
    build_demo(database.sessions, groups=1, seed=1, today=TODAY)
    with database.sessions() as s:
        who5 = select(Instrument.id).where(Instrument.code == "who5")
        assert s.scalar(select(func.count()).select_from(who5.subquery())) == 1
        used = select(AssessmentResponse.instrument_id).distinct()
        assert list(s.scalars(used)) == [s.scalar(who5)]
        assert s.scalar(select(func.count()).select_from(AssessmentResponse)) > 0


@settings(max_examples=60, deadline=None)
@given(
    first=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    weekday=st.integers(0, 4),
    week=st.integers(1, 4),
)
def test_meeting_dates_are_monthly_on_one_weekday_without_july(first, weekday, week):
    month = first.replace(day=1)
    dates = meeting_dates(month, weekday, week, 18)
    assert len(dates) == 18
    assert all(d.weekday() == weekday and d.month != 7 for d in dates)
    assert all(b > a for a, b in pairwise(dates))
    assert all(1 <= (d.day - 1) // 7 + 1 == week for d in dates)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32))
def test_generated_business_ids_always_pass_the_checksum(seed):
    import random

    from pierglass_desktop.demo.data import business_id

    rng = random.Random(seed)
    assert all(is_valid_business_id(business_id(rng)) for _ in range(50))


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_bulk_rows_are_stored_exactly_as_the_orm_stores_them(database):
    """Dates, times, stamps and JSON written in bulk compare and load like ORM-written ones."""
    build_demo(database.sessions, groups=1, seed=1, today=TODAY)
    with database.sessions.begin() as s:
        meeting = s.scalars(select(Meeting).order_by(Meeting.starts_at)).first()
        s.add(Note(group_id=meeting.group_id, meeting_id=meeting.id, body="ORM"))
    with database.sessions() as s:
        found = s.scalars(select(Meeting).where(Meeting.starts_at == meeting.starts_at)).all()
        assert meeting.id in {m.id for m in found}
        since = select(func.count()).select_from(Meeting)
        assert s.scalar(since.where(Meeting.created_at >= meeting.created_at)) >= 1
    with sqlite3.connect(database.path) as connection:
        bulk, orm = (
            connection.execute(
                f"SELECT created_at, typeof(created_at) FROM notes WHERE body {op} 'ORM'"
            ).fetchone()
            for op in ("!=", "=")
        )
        start_time = connection.execute("SELECT start_time FROM series_plans").fetchone()[0]
    assert bulk[1] == orm[1] == "text"
    assert len(bulk[0]) == len(orm[0]) == len("2026-11-28 12:00:00.000000")
    assert len(start_time) == len("17:00:00.000000")


def test_demo_pauses_the_search_index_around_its_bulk_insert(database, monkeypatch):
    """With the search index (schema 0002) present, its triggers are paused while the rows go
    in and the index is rebuilt once, inside the same transaction."""
    import sys
    import types
    from contextlib import contextmanager

    seen = []

    @contextmanager
    def paused(connection):
        seen.append(("paused", connection.in_transaction()))
        yield
        groups = connection.exec_driver_sql("SELECT COUNT(*) FROM groups").scalar()
        seen.append(("rebuilt after", groups))

    fake = types.ModuleType("pierglass_desktop.storage.search_index")
    fake.paused = paused
    monkeypatch.setitem(sys.modules, "pierglass_desktop.storage.search_index", fake)
    build_demo(database.sessions, groups=2, seed=1, today=TODAY)
    assert seen == [("paused", True), ("rebuilt after", 2)]


def test_demo_people_of_one_name_still_have_their_own_email(tmp_path):
    """Shared addresses would make different demo people probable duplicates of each other."""
    path = tmp_path / "demo.sqlite3"
    create_demo_database(path, groups=40, seed=3, today=TODAY)
    with sqlite3.connect(path) as connection:
        people, names, emails = connection.execute(
            "SELECT COUNT(*), COUNT(DISTINCT first_name || ' ' || last_name), "
            "COUNT(DISTINCT email) FROM participants"
        ).fetchone()
    assert names < people  # some share a name, as in real life
    assert emails == people


def test_coordinator_builds_ten_years_of_cohorts_with_the_old_groups_archived(tmp_path):
    path = tmp_path / "ten-years.sqlite3"
    summary = create_demo_database(path, groups=60, seed=2, today=TODAY, years=10)
    assert summary.groups == 60
    with sqlite3.connect(path) as connection:
        groups = connection.execute(
            "SELECT start_date, end_date, status, archived_at FROM groups ORDER BY start_date"
        ).fetchall()
    starts = [date.fromisoformat(g[0]) for g in groups]
    # Successive cohorts over the ten years, not all in the last twenty months.
    assert starts[0] <= TODAY - timedelta(days=9 * 365)
    assert starts[-1] >= TODAY - timedelta(days=60)
    years = Counter(day.year for day in starts)
    assert len(years) >= 10 and max(years.values()) <= 8
    long_ended = [g for g in groups if date.fromisoformat(g[1]) < TODAY - timedelta(days=365)]
    assert long_ended and all(g[2] == "finished" and g[3] is not None for g in long_ended)
    assert any(g[2] == "active" and g[3] is None for g in groups)
    assert any(g[2] == "planned" for g in groups)


def test_the_same_seed_and_years_give_the_same_ten_year_project(tmp_path):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    create_demo_database(first, groups=12, seed=9, today=TODAY, years=10)
    create_demo_database(second, groups=12, seed=9, today=TODAY, years=10)
    assert _dump(first) == _dump(second)


@pytest.mark.parametrize("years", [0, 21, True, 2.5])
def test_a_year_count_out_of_range_is_refused_with_a_sentence(tmp_path, years):
    path = tmp_path / "never.sqlite3"
    with pytest.raises(ValidationError, match="from 1 to 20") as raised:
        create_demo_database(path, groups=3, years=years)
    assert "years" in raised.value.fields
    assert not path.exists()
