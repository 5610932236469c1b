"""Members at risk of dropping out: too few of their last meetings attended.

One rule, read two ways: from a register already built (the Register page), and straight from
the database for many groups at once (Today), reading only the marks of each member's last
meetings instead of every group's whole register.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.meetings import Attendance
from pierglass_desktop.domain.rules import ATTENDED
from pierglass_desktop.services.membership import Period, membership_periods, period_covers
from pierglass_desktop.services.register import (
    Register,
    held_meeting_days,
    register_people,
)

CHUNK = 500  # ids per IN list


@dataclass(frozen=True)
class AtRisk:
    group_id: str
    participant_id: str
    name: str
    missed: int
    window: int  # the last this-many held meetings of the member's period


class InPeriod(Protocol):
    """For each held meeting, in order: whether it fell in the member's periods."""

    def __len__(self) -> int: ...

    def __getitem__(self, position: int, /) -> bool: ...


def last_meetings_judged(in_period: InPeriod, window: int) -> list[int] | None:
    """Positions of a member's last ``window`` (at least 1) held meetings inside their period, or
    None when they are not judged: fewer than ``window`` held in their period yet, or no longer
    in the group at the latest held meeting (they left rather than dropped out). The one rule
    both readers below apply. ``in_period`` is read from its end, only as far as needed."""
    if not in_period or not in_period[-1]:
        return None
    last: list[int] = []
    for position in range(len(in_period) - 1, -1, -1):  # from the latest: most stop early
        if in_period[position]:
            last.append(position)
            if len(last) == window:
                return last[::-1]
    return None


def members_at_risk(register: Register, threshold: float, window: int) -> list[AtRisk]:
    """Current members who attended less than ``threshold`` of their last ``window`` meetings."""
    window = max(1, window)
    found = []
    for member, row in zip(register.members, register.cells, strict=True):
        last = last_meetings_judged([c.in_period for c in row], window)
        if last is None:
            continue
        attended = sum(1 for i in last if row[i].status in ATTENDED)
        if attended / window < threshold:
            found.append(
                AtRisk(
                    register.group_id, member.participant_id, member.name, window - attended, window
                )
            )
    return found


def members_at_risk_in(
    sessions: sessionmaker[Session], group_ids: Sequence[str], threshold: float, window: int
) -> list[AtRisk]:
    """``members_at_risk`` for each of ``group_ids``, in their order, without their registers."""
    window = max(1, window)
    with sessions() as s:
        meetings = held_meeting_days(s, list(group_ids))
        periods = membership_periods(s, group_ids)
        recent = {
            (group_id, pid): last
            for group_id in group_ids
            for pid, last in _judged(meetings.get(group_id, []), periods.get(group_id, {}), window)
        }
        attended = _attended(s, {m for last in recent.values() for m in last})
        missed: dict[str, dict[str, int]] = {group_id: {} for group_id in group_ids}
        for (group_id, pid), last in recent.items():
            came = sum(1 for meeting_id in last if (meeting_id, pid) in attended)
            if came / window < threshold:
                missed[group_id][pid] = window - came
        # Names only for those found: most members judged are not at risk.
        people = register_people(s, {pid for found in missed.values() for pid in found})
    order = {pid: position for position, pid in enumerate(people)}  # last name, first name
    return [
        AtRisk(group_id, pid, people[pid].name, found[pid], window)
        for group_id, found in missed.items()
        # people holds the live participants only: a deleted one is nobody's risk
        for pid in sorted(found.keys() & people.keys(), key=order.__getitem__)
    ]


def _judged(
    meetings: list[tuple[str, date]], periods: dict[str, list[Period]], window: int
) -> Iterable[tuple[str, list[str]]]:
    """(member, ids of their last ``window`` held meetings) for each member judged;
    ``meetings`` are a group's held meetings' (id, day), in order."""
    days = [day for _id, day in meetings]
    for pid, spans in periods.items():
        last = last_meetings_judged(_InPeriod(days, spans), window)
        if last is not None:
            yield pid, [meetings[i][0] for i in last]


class _InPeriod:
    """Whether each held meeting's day falls in one of a member's periods, decided only for
    the days asked: the rule reads a long group's history from its end and stops early."""

    def __init__(self, days: list[date], spans: list[Period]):
        self.days, self.spans = days, spans

    def __len__(self) -> int:
        return len(self.days)

    def __getitem__(self, position: int) -> bool:
        day = self.days[position]
        return any(period_covers(span, day) for span in self.spans)


def _attended(s: Session, meeting_ids: set[str]) -> set[tuple[str, str]]:
    """(meeting, person) of every live mark that counts as attended, in those meetings."""
    found: set[tuple[str, str]] = set()
    listed = sorted(meeting_ids)
    for start in range(0, len(listed), CHUNK):
        query = select(Attendance.meeting_id, Attendance.participant_id).where(
            Attendance.meeting_id.in_(listed[start : start + CHUNK]),
            Attendance.status.in_(ATTENDED),
            Attendance.deleted_at.is_(None),
        )
        found.update((m, p) for m, p in s.connection().execute(query).all())
    return found
