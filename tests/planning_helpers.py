"""Small builders shared by the planning tests: a group with a meeting, on a real database."""

from __future__ import annotations

from datetime import datetime

from pierglass_desktop.domain.models import Group
from pierglass_desktop.services.series import add_meeting


def make_group(sessions, name: str = "Kotihoidon yrittäjät, Pori") -> str:
    with sessions.begin() as s:
        group = Group(name=name)
        s.add(group)
        s.flush()
        return group.id


def make_meeting(sessions, start=datetime(2026, 12, 3, 17, 0), minutes=180, theme="Digi"):
    group_id = make_group(sessions)
    return add_meeting(sessions, group_id, start, minutes, theme=theme)
