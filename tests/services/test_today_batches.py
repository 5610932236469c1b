"""Today reads the registers some groups at a time; the lists are the same as read at once."""

from __future__ import annotations

from datetime import date, datetime

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
