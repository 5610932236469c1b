"""Today reads the registers some groups at a time; the lists are the same as read at once."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierglass_desktop.demo.generator import build_demo
from pierglass_desktop.services import today

TODAY = date(2026, 11, 28)


def test_coordinator_sees_the_same_members_at_risk_however_the_groups_are_batched(
    sessions, monkeypatch
):
    build_demo(sessions, groups=40, seed=6, today=TODAY)
    now = datetime(2026, 11, 28, 9)

    def overview():
        return today.today_overview(sessions, now, threshold=0.7, window=3)

    monkeypatch.setattr(today, "REGISTER_BATCH", 7)
    in_batches = overview()
    monkeypatch.setattr(today, "REGISTER_BATCH", 1000)
    at_once = overview()
    assert in_batches == at_once
    assert len(in_batches.at_risk) > 0  # the demo has members who miss often
    assert len({row.group_id for row in in_batches.at_risk}) > 7  # more groups than a batch


@pytest.mark.parametrize(("threshold", "window"), [(0.7, 3), (0.5, 2), (1.0, 4), (0.3, 1)])
def test_today_finds_the_members_at_risk_the_register_page_finds(sessions, threshold, window):
    """Today reads only each member's last meetings; the Register page judges whole registers.
    Both must name the same people, in the same order, with the same counts."""
    from pierglass_desktop.services.at_risk import members_at_risk, members_at_risk_in
    from pierglass_desktop.services.register import attendance_registers

    build_demo(sessions, groups=25, seed=11, today=TODAY)
    group_ids = sorted(attendance_registers(sessions, _all_groups(sessions)))
    registers = attendance_registers(sessions, group_ids)
    whole = [r for g in group_ids for r in members_at_risk(registers[g], threshold, window)]
    lean = members_at_risk_in(sessions, group_ids, threshold, window)
    assert lean == whole
    assert whole  # the demo has members who miss often


def _all_groups(sessions) -> list[str]:
    from sqlalchemy import select

    from pierglass_desktop.domain.models import Group

    with sessions() as s:
        return list(s.scalars(select(Group.id)))


@pytest.mark.parametrize(
    ("in_period", "judged"),
    [
        ([True, True, True, True], [1, 2, 3]),  # the last three
        ([True, False, True, True], [0, 2, 3]),  # a gap between two periods is skipped
        ([False, False, True, True], None),  # joined late: two held so far, not judged yet
        ([True, True, True, False], None),  # left before the latest: not a drop-out
        ([], None),
    ],
)
def test_whose_last_meetings_are_judged(in_period, judged):
    from pierglass_desktop.services.at_risk import last_meetings_judged

    assert last_meetings_judged(in_period, 3) == judged


@given(st.lists(st.booleans(), max_size=40), st.integers(min_value=1, max_value=6))
def test_the_rule_read_from_the_end_is_the_rule(in_period, window):
    """Read backwards and stopping early, it judges as the rule says: the member is in the
    group at the latest held meeting, and their last ``window`` meetings in their periods."""
    from pierglass_desktop.services.at_risk import last_meetings_judged

    inside = [i for i, covered in enumerate(in_period) if covered]
    expected = inside[-window:] if in_period and in_period[-1] and len(inside) >= window else None
    assert last_meetings_judged(in_period, window) == expected


def test_a_deleted_member_is_nobodys_risk(sessions):
    """A person tombstoned while her memberships stay live (an import can bring the
    tombstone alone) keeps her marks, but neither Today nor the Register page names her."""
    from sqlalchemy import update

    from pierglass_desktop.domain.base import utcnow
    from pierglass_desktop.domain.models import Participant
    from pierglass_desktop.services.at_risk import members_at_risk, members_at_risk_in
    from pierglass_desktop.services.register import attendance_registers

    build_demo(sessions, groups=25, seed=11, today=TODAY)
    group_ids = sorted(_all_groups(sessions))
    before = members_at_risk_in(sessions, group_ids, 0.7, 3)
    gone = before[0].participant_id
    with sessions.begin() as s:
        s.execute(update(Participant).where(Participant.id == gone).values(deleted_at=utcnow()))
    after = members_at_risk_in(sessions, group_ids, 0.7, 3)
    assert after == [row for row in before if row.participant_id != gone]
    registers = attendance_registers(sessions, group_ids)
    assert after == [r for g in group_ids for r in members_at_risk(registers[g], 0.7, 3)]
