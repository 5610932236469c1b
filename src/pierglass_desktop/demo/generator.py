"""A realistic demo project, built deterministically from a seed in one transaction.

Rows are generated as plain dicts and written with Core bulk inserts (FINDINGS: several times
faster than ``session.add_all``), so ids and sync stamps are set here, not by the session hooks.
Dates follow ``today``: past meetings are held (a few cancelled), later ones planned.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.demo import data
from pierglass_desktop.domain.base import Base, stamp, utcnow
from pierglass_desktop.domain.errors import Conflict, ValidationError
from pierglass_desktop.domain.models import (
    AgendaItem,
    Answer,
    AppMeta,
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
    SeriesPlan,
    Tutor,
    attendance_id,
)
from pierglass_desktop.domain.scoring import WHO5
from pierglass_desktop.i18n import _
from pierglass_desktop.services.membership import period_covers
from pierglass_desktop.storage.location import ServerDatabase

MIN_GROUPS, MAX_GROUPS = 1, 2000
MIN_YEARS, MAX_YEARS = 1, 20
MEETINGS_PER_GROUP = len(data.MEETING_THEMES)
PROJECT_MONTHS = 20  # groups start over this many months, the first ones about 19 months ago
ARCHIVE_AFTER_DAYS = 365  # in a project of many years, groups that ended a year ago are archived
SUMMER_BREAK_MONTH = 7  # Finnish groups do not meet in July
GROUPS_PER_BATCH = 25
# demo/data.py's shapes: a sector (name, field, service, titles) and an agenda block
# (title, minutes, category, is a break, instructions).
Sector = tuple[str, str, str, tuple[str, ...]]
Block = tuple[str, int, str, bool, str]

# Parents before children, so every foreign key already points at a row.
INSERT_ORDER = (
    Tutor, Group, GroupTutor, SeriesPlan, Participant, Membership, Meeting, AgendaItem,
    Attendance, Note, Commitment, MeetingFeedback, Instrument, AssessmentResponse, Answer,
)  # fmt: skip


@dataclass(frozen=True)
class DemoSummary:
    groups: int
    tutors: int
    participants: int
    meetings: int
    held_meetings: int
    agenda_items: int
    attendance: int
    notes: int
    commitments: int
    feedback: int
    assessments: int


def create_demo_database(
    path: Path | ServerDatabase,
    *,
    groups: int = 6,
    seed: int = 1,
    today: date | None = None,
    years: int | None = None,
) -> DemoSummary:
    """Create (or fill an empty) database at ``path`` with a demo project, then close it."""
    from pierglass_desktop.storage.database import open_database

    check_group_count(groups)
    check_years(years)
    database = open_database(path if isinstance(path, ServerDatabase) else Path(path))
    try:
        return build_demo(database.sessions, groups=groups, seed=seed, today=today, years=years)
    finally:
        database.close(automatic_backup=False)  # a backup of demo data protects nothing


def build_demo(
    sessions: sessionmaker[Session],
    *,
    groups: int = 6,
    seed: int = 1,
    today: date | None = None,
    years: int | None = None,
) -> DemoSummary:
    """Write a whole demo project in one transaction; refuse a database that holds people.

    Without ``years`` the groups start at random over the last 20 months (a tutor's project).
    With it they start in successive cohorts over that many years, as a permanent service's
    groups do, and those that ended over a year ago are archived (a coordinator's database).
    """
    check_group_count(groups)
    check_years(years)
    with sessions.begin() as session:
        _refuse_if_not_empty(session)
        origin = session.info.get("origin") or _installation_id(session)
        builder = _Builder(
            random.Random(seed), today or date.today(), origin, now=today is None, years=years
        )
        builder.start(groups, _existing_who5(session))
        with _search_index_paused(session):
            # In batches inside the one transaction, so memory stays flat at 1000 groups.
            for first in range(0, groups, GROUPS_PER_BATCH):
                builder.add_groups(range(first, min(first + GROUPS_PER_BATCH, groups)))
                builder.flush(lambda model, rows: _bulk_insert(session, model, rows))
        return builder.summary()


def _search_index_paused(session: Session) -> AbstractContextManager[None]:
    """Per-row search-index triggers make bulk inserts many times slower: pause them, and
    rebuild the index once at the end, in the same transaction.
    """
    from pierglass_desktop.storage.search_index import paused

    return paused(session.connection())


def _bulk_insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """One executemany of values already in their stored form, through SQLAlchemy Core.

    Each column type's own converter runs once per distinct value (stamps and dates repeat a
    lot), and the rows go to the driver as tuples: SQLAlchemy's per-row parameter handling
    took longer than SQLite took to write the rows.
    """
    if not rows:
        return
    table = cast(Table, model.__table__)
    dialect = session.get_bind().dialect
    names = list(rows[0])
    for name in names:
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            convert = _memoized(process)
            for row in rows:
                row[name] = convert(row[name])
    from pierglass_desktop.storage.dialect import insert_rows

    insert_rows(session.connection(), table.name, names, list(map(itemgetter(*names), rows)))


def _memoized(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        try:
            return cache[value]
        except KeyError:
            cache[value] = result = process(value)
            return result
        except TypeError:  # lists and dicts (JSON columns) cannot be cached
            return process(value)

    return convert


def check_group_count(groups: int) -> None:
    if (
        isinstance(groups, bool)
        or not isinstance(groups, int)
        or not (MIN_GROUPS <= groups <= MAX_GROUPS)
    ):
        message = _("The number of groups must be a whole number from {low} to {high}.").format(
            low=MIN_GROUPS, high=MAX_GROUPS
        )
        raise ValidationError(message, fields={"groups": message})


def check_years(years: int | None) -> None:
    if years is None:
        return
    if (
        isinstance(years, bool)
        or not isinstance(years, int)
        or not (MIN_YEARS <= years <= MAX_YEARS)
    ):
        message = _("The number of years must be a whole number from {low} to {high}.").format(
            low=MIN_YEARS, high=MAX_YEARS
        )
        raise ValidationError(message, fields={"years": message})


def _refuse_if_not_empty(session: Session) -> None:
    if session.scalar(select(Group.id).limit(1)) or session.scalar(select(Participant.id).limit(1)):
        raise Conflict(
            _(
                "This database already holds groups or participants. Demo data goes only into "
                "a new, empty database: choose a new file name."
            )
        )


def _installation_id(session: Session) -> str:
    from pierglass_desktop.storage.database import INSTALLATION_KEY

    return session.scalar(select(AppMeta.value).where(AppMeta.key == INSTALLATION_KEY)) or ""


def _existing_who5(session: Session) -> str | None:
    """A WHO-5 row already there (a built-in one, say): the code is unique, so reuse it."""
    return session.scalar(select(Instrument.id).where(Instrument.code == WHO5))


# --- dates -------------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _nth_weekday(month_start: date, weekday: int, week: int) -> date:
    """The ``week``-th (1-based) ``weekday`` of the month starting at ``month_start``."""
    first = month_start + timedelta(days=(weekday - month_start.weekday()) % 7)
    return first + timedelta(weeks=week - 1)


def meeting_dates(first_month: date, weekday: int, week: int, count: int) -> list[date]:
    """Monthly meeting days on the same weekday of the same week, skipping the summer break."""
    dates: list[date] = []
    month = first_month
    while len(dates) < count:
        if month.month != SUMMER_BREAK_MONTH:
            dates.append(_nth_weekday(month, weekday, week))
        month = _add_months(month, 1)
    return dates


# --- the builder -------------------------------------------------------------------------------


@dataclass
class _GroupPlan:
    """What the later steps need to know about one generated group."""

    id: str
    series_id: str
    town: str
    venue: str
    sector: Sector
    mode: str
    lead_name: str
    dates: list[date]
    start_time: time
    members: list[dict[str, Any]]  # membership rows
    reliability: dict[str, float]  # participant id -> chance of attending
    meetings: list[dict[str, Any]]  # meeting rows, in order


class _Builder:
    def __init__(
        self, rng: random.Random, today: date, origin: str, *, now: bool, years: int | None = None
    ):
        self.rng = rng
        self.today = today
        self.cohorts = years is not None  # successive start months rather than random ones
        self.months = years * 12 if years is not None else PROJECT_MONTHS
        self.group_count = 1
        self.origin = origin
        # Stamps never lie in the future: the real clock, or noon UTC of the given day.
        self.now = utcnow() if now else datetime.combine(today, time(12), UTC)
        self.rows: dict[type, list[dict[str, Any]]] = defaultdict(list)
        self.used_business_ids: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_pseudonyms: set[str] = set()
        self.used_group_names: set[str] = set()
        self.who5_id = ""
        self.tutors: list[dict[str, Any]] = []
        self.project_start = today
        self.counts: Counter[type] = Counter()
        self.held = 0

    # Identity and stamps shared by every synced row.
    def synced(self, day: date, *, record_id: str | None = None, hour: int = 16) -> dict[str, Any]:
        moment = min(datetime.combine(day, time(hour), UTC), self.now)
        return stamp({"id": record_id or self.new_id(), "deleted_at": None}, self.origin, moment)

    def new_id(self) -> str:
        """A random (version 4) UUID drawn from the seeded generator, so the demo repeats."""
        digits = f"{self.rng.getrandbits(128):032x}"
        variant = "89ab"[int(digits[16], 16) & 3]
        return (
            f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"
        )

    def add(self, model: type, row: dict[str, Any]) -> dict[str, Any]:
        self.rows[model].append(row)
        return row

    def start(self, group_count: int, existing_who5: str | None) -> None:
        """The rows every group refers to: the WHO-5 instrument and the tutors."""
        self.who5_id = self._add_who5_instrument()
        if existing_who5:  # the built-in one: the id drawn above keeps a seed's project the same
            self.who5_id = existing_who5
            self.rows[Instrument].clear()
        self.tutors = self._add_tutors(max(1, round(group_count / 3)))
        self.group_count = group_count
        self.project_start = _add_months(self.today.replace(day=1), -(self.months - 1))

    def add_groups(self, indexes: range) -> None:
        for index in indexes:
            plan = self._add_group(index, self.tutors, self.project_start)
            self._add_members(plan)
            self._add_meetings(plan)
            self._add_meeting_contents(plan)
            self._add_who5_responses(plan)

    def flush(self, write: Callable[[type[Base], list[dict[str, Any]]], None]) -> None:
        """Hand the rows made so far to ``write(model, rows)``, parents first, and forget them."""
        self._ensure_gender_spread()
        self.held += sum(1 for m in self.rows[Meeting] if m["status"] == "held")
        for model in INSERT_ORDER:
            rows = self.rows.pop(model, [])
            self.counts[model] += len(rows)
            write(model, rows)

    def summary(self) -> DemoSummary:
        counts = self.counts
        return DemoSummary(
            groups=counts[Group],
            tutors=counts[Tutor],
            participants=counts[Participant],
            meetings=counts[Meeting],
            held_meetings=self.held,
            agenda_items=counts[AgendaItem],
            attendance=counts[Attendance],
            notes=counts[Note],
            commitments=counts[Commitment],
            feedback=counts[MeetingFeedback],
            assessments=counts[AssessmentResponse],
        )

    # --- people ---------------------------------------------------------------------------------

    def _add_tutors(self, count: int) -> list[dict[str, Any]]:
        tutors = []
        start = self.today - timedelta(days=30 * self.months)
        for _index in range(count):
            first = self.rng.choice(data.FEMALE_FIRST_NAMES + data.MALE_FIRST_NAMES)
            last = self.rng.choice(data.LAST_NAMES)
            row = self.synced(start) | {
                "name": f"{first} {last}",
                "email": f"{data.ascii_slug(first)}.{data.ascii_slug(last)}@tyopeili.example",
                "phone": data.phone_number(self.rng),
                "organisation": self.rng.choice(data.TUTOR_ORGANISATIONS),
            }
            tutors.append(self.add(Tutor, row))
        return tutors

    def _group_name(self, sector: Sector, town: str) -> str:
        name = f"{sector[0]}, {town}"
        number = 2
        while name in self.used_group_names:  # many groups: a second group in the same town
            name = f"{sector[0]} {number}, {town}"
            number += 1
        self.used_group_names.add(name)
        return name

    def _add_group(
        self, index: int, tutors: list[dict[str, Any]], project_start: date
    ) -> _GroupPlan:
        rng = self.rng
        town, venue = rng.choice(data.TOWNS)
        sector = rng.choice(data.SECTORS)
        mode = rng.choices(("face_to_face", "hybrid", "online"), weights=(60, 25, 15))[0]
        first_month = _add_months(project_start, self._start_offset(index))
        weekday, week = rng.randint(0, 3), rng.randint(1, 3)
        dates = meeting_dates(first_month, weekday, week, MEETINGS_PER_GROUP)
        start_time = rng.choice((time(17, 0), time(9, 0), time(12, 30)))
        created = dates[0] - timedelta(days=21)
        row = self.add(Group, self.synced(created) | self._group_fields(sector, town, mode, dates))
        lead = tutors[index // 3 % len(tutors)]
        self._link_tutor(row, lead, "lead", created)
        if len(tutors) > 1 and rng.random() < 0.3:
            co_tutor = rng.choice([t for t in tutors if t is not lead])
            self._link_tutor(row, co_tutor, "co_tutor", created)
        series_id = self._add_series_plan(row["id"], dates, weekday, start_time, created)
        return _GroupPlan(
            row["id"],
            series_id,
            town,
            venue,
            sector,
            mode,
            lead["name"],
            dates,
            start_time,
            [],
            {},
            [],
        )

    def _start_offset(self, index: int) -> int:
        """Months from the project's start to the group's first meeting."""
        if not self.cohorts:
            return self.rng.randint(0, PROJECT_MONTHS)
        # Cohorts in order of index, a few starting each month; the last ones are still planned.
        return (index + 1) * (self.months + 1) // self.group_count - 1

    def _group_fields(
        self, sector: Sector, town: str, mode: str, dates: list[date]
    ) -> dict[str, Any]:
        if dates[0] > self.today:
            status = "planned"
        elif dates[-1] < self.today:
            status = "finished"
        else:
            status = "active"
        archived = None
        ended_long_ago = dates[-1] < self.today - timedelta(days=ARCHIVE_AFTER_DAYS)
        if status == "finished" and ((self.cohorts and ended_long_ago) or self.rng.random() < 0.3):
            archived = min(datetime.combine(dates[-1] + timedelta(days=30), time(9), UTC), self.now)
        return {
            "name": self._group_name(sector, town),
            "description": f"Työpeili-vertaisryhmä: {sector[1].lower()}, {town}.",
            "mode": mode,
            "location": "Verkossa" if mode == "online" else town,
            "start_date": dates[0],
            "end_date": dates[-1],
            "status": status,
            "archived_at": archived,
        }

    def _link_tutor(
        self, group: dict[str, Any], tutor: dict[str, Any], role: str, day: date
    ) -> None:
        row = self.synced(day) | {"group_id": group["id"], "tutor_id": tutor["id"], "role": role}
        self.add(GroupTutor, row)

    def _add_series_plan(
        self, group_id: str, dates: list[date], weekday: int, start: time, day: date
    ) -> str:
        row = self.synced(day) | {
            "group_id": group_id,
            "name": "Työpeili 18 tapaamista",
            "themes": list(data.MEETING_THEMES),
            "every_weeks": 4,
            "weekday": weekday,
            "start_time": start,
            "duration_minutes": 180,
            "first_date": dates[0],
            "until": dates[-1],
            "skip_dates": [],
        }
        plan_id: str = self.add(SeriesPlan, row)["id"]
        return plan_id

    def _add_members(self, plan: _GroupPlan) -> None:
        count = self.rng.randint(6, 14)
        for _index in range(count):
            joined, left = self._membership_period(plan.dates)
            person = self._add_participant(plan, joined)
            row = self.synced(joined) | {
                "group_id": plan.id,
                "participant_id": person["id"],
                "joined_on": joined,
                "left_on": left,
            }
            plan.members.append(self.add(Membership, row))
            # Most members come nearly always; a few miss often (the "at risk" list needs them).
            plan.reliability[person["id"]] = self.rng.choice((0.97, 0.93, 0.9, 0.85, 0.6))

    def _membership_period(self, dates: list[date]) -> tuple[date, date | None]:
        """Joined at the first meeting, or later; some left after a meeting already held."""
        joined = dates[0]
        late_join = dates[self.rng.randint(2, 6)]
        if late_join <= self.today and self.rng.random() < 0.12:
            joined = late_join
        left = None
        leave_after = dates[self.rng.randint(4, 14)]
        if joined < leave_after < self.today and self.rng.random() < 0.1:
            left = leave_after
        return joined, left

    def _add_participant(self, plan: _GroupPlan, joined: date) -> dict[str, Any]:
        rng = self.rng
        gender = rng.choices(("female", "male", "non_binary", "not_told"), (78, 18, 2, 2))[0]
        names = {
            "female": data.FEMALE_FIRST_NAMES,
            "male": data.MALE_FIRST_NAMES,
        }.get(gender, data.NEUTRAL_FIRST_NAMES + data.FEMALE_FIRST_NAMES)
        first, last = rng.choice(names), rng.choice(data.LAST_NAMES)
        size = rng.choices(("sole", "micro", "small", "medium"), (55, 35, 8, 2))[0]
        company = data.company_name(rng, plan.sector[2], first, last, size)
        row = self.synced(joined) | {
            "first_name": first,
            "last_name": last,
            "email": self._own_email(data.email_address(first, last, company, size)),
            "phone": data.phone_number(rng),
            "municipality": plan.town,
            "company_name": company,
            "business_id": self._unique(data.business_id, self.used_business_ids),
            "company_size": size,
            "sector": plan.sector[1],
            "job_title": rng.choice(plan.sector[3]),
            **self._consent_and_background(joined, gender),
            "pseudonym": self._unique(data.pseudonym, self.used_pseudonyms),
            "notes": "",
        }
        return self.add(Participant, row)

    def _consent_and_background(self, joined: date, gender: str) -> dict[str, Any]:
        rng = self.rng
        scope = rng.choices(("reporting", "sharing", None), (55, 40, 5))[0]
        return {
            "consent_scope": scope,
            "consent_date": joined if scope else None,
            "gender": gender,
            "birth_year": self.today.year - rng.randint(25, 66),
            "labour_status": rng.choices(
                ("employed", "unemployed", "long_term_unemployed", "inactive"), (92, 4, 2, 2)
            )[0],
            "education": rng.choices(("isced_0_2", "isced_3_4", "isced_5_8"), (5, 45, 50))[0],
        }

    def _own_email(self, address: str) -> str:
        """Two demo people of one name get two addresses, as real people do (aino.aho2@...):
        a shared one would make them probable duplicates of each other."""
        local, domain = address.split("@")
        candidate, number = address, 1
        while candidate in self.used_emails:
            number += 1
            candidate = f"{local}{number}@{domain}"
        self.used_emails.add(candidate)
        return candidate

    def _unique(self, make: Callable[[random.Random], str], used: set[str]) -> str:
        value = make(self.rng)
        while value in used:
            value = make(self.rng)
        used.add(value)
        return value

    def _ensure_gender_spread(self) -> None:
        """Each batch shows each ESF+ gender answer at least once where it can (small demos)."""
        people = self.rows[Participant]
        present = {p["gender"] for p in people}
        for position, gender in ((3, "non_binary"), (5, "not_told")):
            if gender not in present and len(people) > position:
                people[position]["gender"] = gender

    # --- meetings -------------------------------------------------------------------------------

    def _add_meetings(self, plan: _GroupPlan) -> None:
        place = "" if plan.mode == "online" else f"{plan.venue}, {plan.town}"
        link = (
            "" if plan.mode == "face_to_face" else (f"https://video.tyopeili.example/{plan.id[:8]}")
        )
        for number, (day, theme) in enumerate(zip(plan.dates, data.MEETING_THEMES, strict=True), 1):
            status = "held" if day < self.today else "planned"
            if status == "held" and 1 < number < MEETINGS_PER_GROUP and self.rng.random() < 0.04:
                status = "cancelled"
            row = self.synced(plan.dates[0] - timedelta(days=14)) | {
                "group_id": plan.id,
                "number": number,
                "theme": theme,
                "starts_at": datetime.combine(day, plan.start_time),
                "planned_minutes": 0,  # the agenda's sum, set below
                "actual_minutes": None,
                "place": place,
                "online_link": link,
                "status": status,
                "locked_at": None,
                "locked_by": "",
                "series_id": plan.series_id,
            }
            self._add_agenda(plan, self.add(Meeting, row), number)
            self._sign_off(plan, row, day)
            plan.meetings.append(row)

    def _sign_off(self, plan: _GroupPlan, meeting: dict[str, Any], day: date) -> None:
        """Held meetings older than a week are signed off the day after; the rest stay open."""
        if meeting["status"] != "held" or day > self.today - timedelta(days=7):
            return
        locked = min(datetime.combine(day + timedelta(days=1), time(9), UTC), self.now)
        meeting.update(locked_at=locked, locked_by=plan.lead_name)
        stamp(meeting, self.origin, locked)

    def _agenda_blocks(self, number: int, theme: str) -> list[Block]:
        rng = self.rng
        blocks = [data.CHECK_IN]
        if number > 1:
            blocks.append(data.FOLLOW_UP)
        blocks.append(data.EXPERT_TALK if rng.random() < 0.5 else data.EXTRA_ITEMS[0])
        blocks += [data.COFFEE, data.PEER_CONSULTATION]
        tail = (
            [data.CLOSING]
            if number == MEETINGS_PER_GROUP
            else [data.COMMITMENT_ROUND, data.CLOSING]
        )
        room = 8 - len(blocks) - len(tail)
        blocks += rng.sample(data.EXTRA_ITEMS[1:], rng.randint(0, min(room, 2)))
        return [
            (title.format(theme=theme.lower()), minutes, category, is_break, text)
            for title, minutes, category, is_break, text in blocks + tail
        ]

    def _add_agenda(self, plan: _GroupPlan, meeting: dict[str, Any], number: int) -> None:
        held = meeting["status"] == "held"
        planned = actual = 0
        for position, (title, minutes, category, is_break, purpose) in enumerate(
            self._agenda_blocks(number, meeting["theme"])
        ):
            spent = max(5, minutes + self.rng.choice((-5, 0, 0, 0, 5, 10))) if held else None
            row = self.synced(meeting["created_at"].date()) | {
                "meeting_id": meeting["id"],
                "position": position,
                "method_id": None,
                "title": title,
                "duration_minutes": minutes,
                "actual_minutes": spent,
                "purpose": purpose,
                "instructions": "",
                "materials": "Post-it-laput, fläppitaulu" if category == "development" else "",
                "category": category,
                "is_break": is_break,
                "responsible": plan.lead_name if category == "opening" else "",
                "member_role": None,
                "responsible_participant_id": None,
            }
            self.add(AgendaItem, row)
            planned += minutes
            actual += spent or 0
        meeting.update(planned_minutes=planned, actual_minutes=actual if held else None)

    # --- what happened at held meetings ---------------------------------------------------------

    def _add_meeting_contents(self, plan: _GroupPlan) -> None:
        held = [m for m in plan.meetings if m["status"] == "held"]
        previous_commitments: list[dict[str, Any]] = []
        for meeting in held:
            day = meeting["starts_at"].date()
            for commitment in previous_commitments:
                self._review(commitment, meeting, day)
            attendees = self._add_attendance(plan, meeting, day)
            self._add_notes(plan, meeting, day, attendees)
            self._add_feedback(meeting, day, len(attendees))
            previous_commitments = self._add_commitments(meeting, day, attendees)

    def _add_attendance(self, plan: _GroupPlan, meeting: dict[str, Any], day: date) -> list[str]:
        attendees = []
        for member in plan.members:
            if not period_covers((member["joined_on"], member["left_on"]), day):
                continue  # not a member that day: neither present nor absent
            person = member["participant_id"]
            row = self._attendance_row(meeting, person, plan.reliability[person], day)
            self.add(Attendance, row)
            if row["status"] not in ("excused", "absent"):
                attendees.append(person)
        return attendees

    def _attendance_row(
        self, meeting: dict[str, Any], person: str, reliability: float, day: date
    ) -> dict[str, Any]:
        rng = self.rng
        start, length = meeting["starts_at"], meeting["actual_minutes"]
        status, arrived, left, minutes, remark = "present", None, None, length, ""
        if rng.random() >= reliability:
            status = rng.choices(("excused", "absent"), (65, 35))[0]
            minutes = 0
            remark = rng.choice(data.EXCUSE_REMARKS) if status == "excused" else ""
        elif rng.random() < 0.08:
            status, late = "late", rng.choice((10, 15, 25, 40))
            arrived, minutes = (start + timedelta(minutes=late)).time(), length - late
        elif rng.random() < 0.06:
            status, early = "left_early", rng.choice((20, 30, 45, 60))
            left, minutes = (start + timedelta(minutes=length - early)).time(), length - early
        record_id = attendance_id(meeting["id"], person)
        return self.synced(day, record_id=record_id, hour=20) | {
            "meeting_id": meeting["id"],
            "participant_id": person,
            "status": status,
            "arrived_at": arrived,
            "left_at": left,
            "minutes_attended": minutes,
            "remark": remark,
        }

    def _note(
        self,
        plan: _GroupPlan,
        meeting: dict[str, Any],
        day: date,
        visibility: str,
        body: str,
        participant: str | None = None,
    ) -> None:
        row = self.synced(day, hour=21) | {
            "group_id": plan.id,
            "meeting_id": meeting["id"],
            "participant_id": participant,
            "visibility": visibility,
            "body": body,
            "author": plan.lead_name,
        }
        self.add(Note, row)

    def _add_notes(
        self, plan: _GroupPlan, meeting: dict[str, Any], day: date, attendees: list[str]
    ) -> None:
        rng, theme = self.rng, meeting["theme"].lower()
        if rng.random() < 0.85:
            self._note(
                plan, meeting, day, "group", rng.choice(data.GROUP_NOTES).format(theme=theme)
            )
        if rng.random() < 0.3:
            self._note(plan, meeting, day, "project", rng.choice(data.PROJECT_NOTES))
        if rng.random() < 0.35:
            self._note(plan, meeting, day, "private", rng.choice(data.PRIVATE_NOTES))
        if attendees and rng.random() < 0.2:
            body = rng.choice(data.MEMBER_NOTES)
            self._note(plan, meeting, day, "private", body, participant=rng.choice(attendees))

    def _add_commitments(
        self, meeting: dict[str, Any], day: date, attendees: list[str]
    ) -> list[dict[str, Any]]:
        if meeting["number"] == MEETINGS_PER_GROUP:
            return []  # nothing to try "before next time" after the last meeting
        made = []
        for person in attendees:
            if self.rng.random() < 0.7:
                row = self.synced(day, hour=20) | {
                    "meeting_id": meeting["id"],
                    "participant_id": person,
                    "text": self.rng.choice(data.COMMITMENT_TEXTS),
                    "follow_up": None,
                    "follow_up_comment": "",
                    "reviewed_at_meeting_id": None,
                }
                made.append(self.add(Commitment, row))
        return made

    def _review(self, commitment: dict[str, Any], meeting: dict[str, Any], day: date) -> None:
        """Last time's commitments are gone through at the next held meeting."""
        rng = self.rng
        commitment.update(
            follow_up=rng.choices(("done", "partly", "not_done", "dropped"), (50, 30, 15, 5))[0],
            follow_up_comment=rng.choice(data.FOLLOW_UP_COMMENTS),
            reviewed_at_meeting_id=meeting["id"],
        )
        stamp(commitment, self.origin, min(datetime.combine(day, time(19), UTC), self.now))

    def _add_feedback(self, meeting: dict[str, Any], day: date, attendee_count: int) -> None:
        rng = self.rng
        for _slip in range(round(attendee_count * 0.8)):
            row = self.synced(day, hour=21) | {
                "meeting_id": meeting["id"],
                "usefulness": rng.choices((5, 4, 3, 2), (45, 35, 15, 5))[0],
                "atmosphere": rng.choices((5, 4, 3, 2), (55, 30, 12, 3))[0],
                "comment": rng.choice(data.FEEDBACK_COMMENTS),
            }
            self.add(MeetingFeedback, row)

    # --- WHO-5 ----------------------------------------------------------------------------------

    def _add_who5_instrument(self) -> str:
        items = [
            {"key": f"q{n}", "text": {"fi": fi, "en": en}, "min": 0, "max": 5}
            for n, (en, fi) in enumerate(data.WHO5_ITEMS, 1)
        ]
        start = self.today - timedelta(days=30 * self.months)
        row = self.synced(start) | {
            "code": "who5",
            "name": dict(data.WHO5_NAME),
            "version": "1",
            "items": items,
        }
        instrument_id: str = self.add(Instrument, row)["id"]
        return instrument_id

    def _add_who5_responses(self, plan: _GroupPlan) -> None:
        """Start, middle (meeting 9) and end (meeting 18) answers from members present then."""
        phases = {1: "start", 9: "mid", MEETINGS_PER_GROUP: "end"}
        for member in plan.members:
            level = self.rng.choice((2, 3, 3, 3, 4))
            for meeting in plan.meetings:
                day = meeting["starts_at"].date()
                phase = phases.get(meeting["number"])
                if phase == "start" and member["joined_on"] > day:
                    phase, day = "start", member["joined_on"]  # late joiners answer on joining
                if phase is None or meeting["status"] != "held":
                    continue
                if member["left_on"] is not None and day > member["left_on"]:
                    continue
                level = min(5, level + (phase != "start" and self.rng.random() < 0.3))
                self._who5_response(plan.id, member["participant_id"], phase, day, level)

    def _who5_response(self, group_id: str, person: str, phase: str, day: date, level: int) -> None:
        values = [max(0, min(5, level + self.rng.choice((-1, 0, 0, 1)))) for _ in data.WHO5_ITEMS]
        response = self.synced(day, hour=20) | {
            "instrument_id": self.who5_id,
            "participant_id": person,
            "group_id": group_id,
            "phase": phase,
            "answered_on": day,
            "score": sum(values) * 4,
        }
        self.add(AssessmentResponse, response)
        for number, value in enumerate(values, 1):
            answer = self.synced(day, hour=20) | {
                "response_id": response["id"],
                "item_key": f"q{number}",
                "value": value,
            }
            self.add(Answer, answer)
