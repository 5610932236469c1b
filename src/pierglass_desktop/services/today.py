"""The Today page's three lists: next sessions, commitments due for review, members at risk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import GroupStatus, MeetingStatus
from pierglass_desktop.domain.meetings import Commitment, Meeting
from pierglass_desktop.domain.people import Group, Participant
from pierglass_desktop.services.at_risk import members_at_risk_in
from pierglass_desktop.services.register import held_in


@dataclass(frozen=True)
class UpcomingMeeting:
    id: str
    group_id: str
    group_name: str
    number: int
    theme: str
    starts_at: datetime
    place: str


@dataclass(frozen=True)
class DueCommitment:
    id: str
    meeting_id: str  # the meeting it was made at
    meeting_number: int
    group_id: str
    group_name: str
    participant_id: str
    name: str
    text: str


@dataclass(frozen=True)
class RiskRow:
    group_id: str
    group_name: str
    participant_id: str
    name: str
    missed: int
    window: int


@dataclass(frozen=True)
class TodayOverview:
    upcoming: tuple[UpcomingMeeting, ...]
    due: tuple[DueCommitment, ...]
    at_risk: tuple[RiskRow, ...]


def today_overview(
    sessions: sessionmaker[Session],
    now: datetime,
    *,
    threshold: float,
    window: int,
    limit: int = 8,
) -> TodayOverview:
    """What a tutor needs before the next meeting; ``now`` is local wall-clock time."""
    with sessions() as s:
        groups = _active_groups(s)
        upcoming = _upcoming(s, groups, now, limit)
        due = _due(s, groups)
    risky = []
    for batch in _batches(list(groups)):
        risky += [
            RiskRow(r.group_id, groups[r.group_id], r.participant_id, r.name, r.missed, r.window)
            for r in members_at_risk_in(sessions, batch, threshold, window)
        ]
    return TodayOverview(tuple(upcoming), tuple(due), tuple(risky))


# Members at risk are read some groups at a time: reading a coordinator's 200 active groups'
# marks in one result held the interpreter lock for 75-90 ms, and the window (which this runs
# behind) stuttered. A batch of 60 groups takes about 12 ms on the 10-year file; batches of 30
# cost 15% more in statements.
REGISTER_BATCH = 60


def _batches(group_ids: list[str]) -> list[list[str]]:
    return [group_ids[i : i + REGISTER_BATCH] for i in range(0, len(group_ids), REGISTER_BATCH)]


def _active_groups(s: Session) -> dict[str, str]:
    """Id -> name of the groups Today looks at, by name (their names are all it shows)."""
    query = select(Group.id, Group.name).where(
        Group.deleted_at.is_(None),
        Group.archived_at.is_(None),
        Group.status != GroupStatus.FINISHED,
    )
    return dict(s.connection().execute(query.order_by(Group.name)).all())


def _upcoming(
    s: Session, groups: dict[str, str], now: datetime, limit: int
) -> list[UpcomingMeeting]:
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    m = Meeting
    query = (
        select(m.id, m.group_id, m.number, m.theme, m.starts_at, m.place)
        .where(
            m.group_id.in_(list(groups)),
            m.status == MeetingStatus.PLANNED,
            m.starts_at >= day_start,
            m.deleted_at.is_(None),
        )
        .order_by(m.starts_at)
        .limit(limit)
    )
    # Columns, not Meeting objects: the first page read at start-up need not warm up the ORM's
    # loading of whole objects.
    return [
        UpcomingMeeting(meeting_id, group_id, groups[group_id], number, theme, starts, place)
        for meeting_id, group_id, number, theme, starts, place in s.connection().execute(query)
    ]


def _due(s: Session, groups: dict[str, str]) -> list[DueCommitment]:
    """Unreviewed commitments made at each group's latest held meeting, in one query."""
    ranked = (
        select(
            Meeting.id,
            Meeting.group_id,
            Meeting.number,
            func.row_number()
            .over(partition_by=Meeting.group_id, order_by=Meeting.starts_at.desc())
            .label("recency"),
        )
        .where(*held_in(list(groups)))
        .subquery()
    )
    query = (
        select(
            Commitment.id,
            Commitment.text,
            ranked.c.id,
            ranked.c.number,
            ranked.c.group_id,
            Participant.id,
            Participant.first_name,
            Participant.last_name,
        )
        .join(ranked, ranked.c.id == Commitment.meeting_id)
        .join(Participant, Participant.id == Commitment.participant_id)
        .where(
            ranked.c.recency == 1,
            Commitment.follow_up.is_(None),
            Commitment.deleted_at.is_(None),
        )
    )
    order = {group_id: position for position, group_id in enumerate(groups)}
    rows = sorted(  # Core rows: ORM rows cost twice as much
        s.connection().execute(query), key=lambda r: (order[r[4]], r[7], r[6])
    )
    return [
        DueCommitment(
            cid,
            meeting_id,
            number,
            group_id,
            groups[group_id],
            pid,
            f"{first} {last}".strip(),
            text,
        )
        for cid, text, meeting_id, number, group_id, pid, first, last in rows
    ]
