"""Feedback slips, agenda timing with a fake clock, and the Today overview."""

from __future__ import annotations

import pytest

from meeting_fixtures import seed_group
from pierglass_desktop.domain.enums import AttendanceStatus, FollowUp, MeetingStatus
from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.models import Meeting
from pierglass_desktop.services import attendance, commitments, feedback, running, today


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


def test_anonymous_slips_average_their_ratings(sessions):
    seeded = seed_group(sessions, meetings=1, held=1)
    meeting = seeded.meeting_ids[0]
    feedback.add_feedback(sessions, meeting, 5, 4, "Useful peer talk")
    summary = feedback.add_feedback(sessions, meeting, 3, None)
    assert (summary.slips, summary.usefulness, summary.atmosphere) == (2, 4.0, 4.0)
    assert summary.comments == ("Useful peer talk",)


@pytest.mark.parametrize("bad", [0, 6, -1, True])
def test_rating_outside_one_to_five_is_refused_at_the_field(sessions, bad):
    seeded = seed_group(sessions, meetings=1, held=1)
    with pytest.raises(ValidationError) as caught:
        feedback.add_feedback(sessions, seeded.meeting_ids[0], bad, 3)
    assert set(caught.value.fields) == {"usefulness"}
    assert feedback.feedback_summary(sessions, seeded.meeting_ids[0]).slips == 0


def test_agenda_clock_counts_overrun_and_keeps_time_when_going_back(sessions):
    seeded = seed_group(sessions, meetings=1)
    items = running.meeting_agenda(sessions, seeded.meeting_ids[0])
    clock = FakeClock()
    timer = running.AgendaClock(items, clock)
    timer.start()
    clock.advance(19)  # check-in planned 15
    assert timer.over_run() and timer.remaining_seconds() == -4 * 60
    left, minutes = timer.next()
    assert (left.title, minutes) == ("Check-in round", 19)
    clock.advance(10)
    timer.previous()
    clock.advance(1)
    assert timer.minutes(0) == 20 and timer.minutes(1) == 10
    saved = running.record_actual_minutes(sessions, left.id, timer.minutes(0))
    assert (saved.planned_minutes, saved.actual_minutes) == (15, 20)


def test_nonsense_minutes_are_refused(sessions):
    seeded = seed_group(sessions, meetings=1)
    item = seeded.agenda_ids[seeded.meeting_ids[0]][0]
    with pytest.raises(ValidationError):
        running.record_actual_minutes(sessions, item, -5)


def test_today_shows_next_sessions_due_commitments_and_members_at_risk(sessions):
    seeded = seed_group(sessions, meetings=5, held=3)
    liisa, jussi, _mikko, _sanna = seeded.participant_ids
    for meeting in seeded.meeting_ids[:3]:
        for person in (liisa, jussi):
            attendance.mark(sessions, meeting, person, AttendanceStatus.PRESENT)
    last_held = seeded.meeting_ids[2]
    done = commitments.save_commitment(sessions, last_held, liisa, "Open a web shop")
    commitments.save_commitment(sessions, last_held, jussi, "Price list")
    commitments.record_follow_up(
        sessions, done.id, FollowUp.DONE, at_meeting_id=seeded.meeting_ids[3]
    )
    with sessions() as s:
        fourth_starts = s.get(Meeting, seeded.meeting_ids[3]).starts_at
    view = today.today_overview(sessions, fourth_starts.replace(hour=9), threshold=0.5, window=3)
    assert [m.id for m in view.upcoming] == seeded.meeting_ids[3:]
    assert [(d.name, d.text) for d in view.due] == [("Jussi Järvinen", "Price list")]
    assert sorted(r.name for r in view.at_risk) == ["Mikko Mäki", "Sanna Salo"]


def test_finishing_a_meeting_marks_it_held_with_its_real_length(sessions):
    seeded = seed_group(sessions, meetings=1)
    running.finish_meeting(sessions, seeded.meeting_ids[0], 195)
    with sessions() as s:
        meeting = s.get(Meeting, seeded.meeting_ids[0])
        assert (meeting.status, meeting.actual_minutes) == (MeetingStatus.HELD, 195)
