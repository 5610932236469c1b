"""Small builders shared by the planning tests: a group with a meeting, on a real database."""

from __future__ import annotations

from datetime import date, datetime, time

from pierglass_desktop.domain.models import Group
from pierglass_desktop.services.series import SeriesInput, add_meeting


def make_group(sessions, name: str = "Kotihoidon yrittäjät, Pori") -> str:
    with sessions.begin() as s:
        group = Group(name=name)
        s.add(group)
        s.flush()
        return group.id


def make_meeting(sessions, start=datetime(2026, 12, 3, 17, 0), minutes=180, theme="Digi"):
    group_id = make_group(sessions)
    return add_meeting(sessions, group_id, start, minutes, theme=theme)


SPRING_THEMES = ("Aloitus", "Sote-uudistus ja palvelusetelit", "Digitaalinen työ")


def spring_plan(**changes) -> SeriesInput:
    """Thursdays every four weeks at 17.00 in the first half of 2027; ``changes`` override."""
    values = dict(
        first_date=date(2027, 1, 1),
        until=date(2027, 6, 30),
        every_weeks=4,
        weekday=3,
        start_time=time(17, 0),
        themes=SPRING_THEMES,
    )
    values.update(changes)
    return SeriesInput(**values)
