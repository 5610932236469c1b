"""Members at risk of dropping out: too few of their last meetings attended."""

from __future__ import annotations

from dataclasses import dataclass

from pierglass_desktop.services.attendance import ATTENDED
from pierglass_desktop.services.register import Register


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
