"""Commitments made at a meeting and their follow-up at the next one."""

from __future__ import annotations

import pytest

from meeting_fixtures import seed_group, set_status
from pierglass_desktop.domain.enums import FollowUp, MeetingStatus
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.services import commitments


def test_commitments_come_back_for_follow_up_at_the_next_meeting(sessions):
    seeded = seed_group(sessions, meetings=3, held=1)
    first, second, _third = seeded.meeting_ids
    liisa, jussi = seeded.participant_ids[:2]
    commitments.save_commitment(sessions, first, liisa, "Try the e-invoice tool")
    made = commitments.save_commitment(sessions, first, jussi, "Describe one service")
    assert commitments.follow_ups_for(sessions, first) == []
    due = commitments.follow_ups_for(sessions, second)
    assert [(c.name, c.follow_up) for c in due] == [("Jussi Järvinen", None), ("Liisa Laine", None)]
    done = commitments.record_follow_up(
        sessions, made.id, FollowUp.PARTLY, "Half of it", at_meeting_id=second
    )
    assert (done.follow_up, done.follow_up_comment, done.reviewed_at_meeting_id) == (
        FollowUp.PARTLY,
        "Half of it",
        second,
    )


def test_saving_again_replaces_the_members_commitment(sessions):
    seeded = seed_group(sessions, meetings=1)
    meeting, liisa = seeded.meeting_ids[0], seeded.participant_ids[0]
    one = commitments.save_commitment(sessions, meeting, liisa, "first")
    two = commitments.save_commitment(sessions, meeting, liisa, "second")
    assert one.id == two.id
    assert [c.text for c in commitments.meeting_commitments(sessions, meeting)] == ["second"]


def test_cancelled_meeting_is_skipped_when_looking_back(sessions):
    seeded = seed_group(sessions, meetings=3, held=1)
    first, second, third = seeded.meeting_ids
    commitments.save_commitment(sessions, first, seeded.participant_ids[0], "call the bank")
    set_status(sessions, second, MeetingStatus.CANCELLED)
    assert [c.text for c in commitments.follow_ups_for(sessions, third)] == ["call the bank"]


def test_empty_commitment_and_unknown_follow_up_are_refused(sessions):
    seeded = seed_group(sessions, meetings=2)
    with pytest.raises(ValidationError) as empty:
        commitments.save_commitment(sessions, seeded.meeting_ids[0], seeded.participant_ids[0], "")
    assert "text" in empty.value.fields
    made = commitments.save_commitment(
        sessions, seeded.meeting_ids[0], seeded.participant_ids[0], "x"
    )
    with pytest.raises(ValidationError) as odd:
        commitments.record_follow_up(
            sessions, made.id, "maybe", at_meeting_id=seeded.meeting_ids[1]
        )
    assert "follow_up" in odd.value.fields
