"""The register when a person's deletion arrived but their membership is still live."""

from __future__ import annotations

from meeting_fixtures import seed_group
from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.models import Participant
from pierglass_desktop.services.register import attendance_register


def test_register_leaves_out_a_deleted_person_whose_membership_is_still_live(sessions):
    seeded = seed_group(sessions, meetings=2, held=2)
    gone = seeded.participant_ids[1]
    with sessions.begin() as s:  # as a sync brings a person's deletion before the membership's
        s.get(Participant, gone).deleted_at = utcnow()
    register = attendance_register(sessions, seeded.group_id)
    shown = [member.participant_id for member in register.members]
    assert sorted(shown) == sorted(pid for pid in seeded.participant_ids if pid != gone)
    assert len(register.cells) == len(shown)
