"""Members at risk of dropping out: too few of their last meetings attended.

One rule, read two ways: from a register already built (the Register page), and straight from
the database for many groups at once (Today), reading only the marks of each member's last
meetings instead of every group's whole register.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.models import Attendance
from pierglass_desktop.services.attendance import ATTENDED
from pierglass_desktop.services.membership import Period, membership_periods, period_covers
from pierglass_desktop.services.register import (
    Register,
    RegisterMeeting,
    held_meetings,
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


def members_at_risk(register: Register, threshold: float, window: int) -> list[AtRisk]:
    """Current members who attended less than ``threshold`` of their last ``window`` meetings.

    A member with fewer held meetings than the window in their period is not judged yet, and
    one whose period ended before the latest held meeting has left rather than dropped out.
    """
    window = max(1, window)
    found = []
    for member, row in zip(register.members, register.cells, strict=True):
        recent = [c for c in row if c.in_period][-window:]
        if len(recent) < window or not row[-1].in_period:  # left the group: not at risk
            continue
        attended = sum(1 for c in recent if c.status in ATTENDED)
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
        meetings = held_meetings(s, list(group_ids))
        periods = membership_periods(s, group_ids)
        recent = {
            (group_id, pid): last
            for group_id in group_ids
            for pid, last in _judged(meetings.get(group_id, []), periods.get(group_id, {}), window)
        }
        people = register_people(s, {pid for _group, pid in recent})
        attended = _attended(s, {m for last in recent.values() for m in last})
    found = []
    for group_id in group_ids:
        for pid in people:  # register order: last name, first name
            last = recent.get((group_id, pid))
            if last is None:
                continue
            came = sum(1 for meeting_id in last if (meeting_id, pid) in attended)
            if came / window < threshold:
                found.append(AtRisk(group_id, pid, people[pid].name, window - came, window))
    return found


def _judged(
    meetings: list[RegisterMeeting], periods: dict[str, list[Period]], window: int
) -> Iterable[tuple[str, list[str]]]:
    """(member, ids of their last ``window`` held meetings) for each member judged: one still
    in the group at the latest held meeting, with at least ``window`` held in their period."""
    if not meetings:
        return
    days = [(m.id, m.starts_at.date()) for m in meetings]
    latest = days[-1][1]
    for pid, spans in periods.items():
        if not any(period_covers(span, latest) for span in spans):
            continue  # left the group: not at risk
        inside = [mid for mid, day in days if any(period_covers(span, day) for span in spans)]
        if len(inside) >= window:
            yield pid, inside[-window:]


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
