"""A group with a history for the group documents: held sessions, marks, notes of every
visibility, commitments with follow-ups, feedback slips and WHO-5 answers."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta

from pypdf import PdfReader
from sqlalchemy import select

from meeting_fixtures import seed_group, set_membership
from pierglass_desktop.domain.assessment import AssessmentResponse, Instrument
from pierglass_desktop.domain.enums import (
    AssessmentPhase,
    AttendanceStatus,
    ConsentScope,
    FollowUp,
    NoteVisibility,
)
from pierglass_desktop.domain.models import (
    Attendance,
    Commitment,
    MeetingFeedback,
    Note,
    Participant,
)

GROUP_NOTE = "Ryhmän yhteenveto: kassavirta kuntoon"
PRIVATE_NOTE = "Yksityinen huoli Mikon jaksamisesta"
PROJECT_NOTE = "Projektille: tilat vaihtuvat"


@dataclass
class History:
    group_id: str
    meeting_ids: list[str]
    people: list[str]  # Liisa, Jussi, Mikko, Sanna


def group_with_history(
    sessions, members=None, note: str = GROUP_NOTE, consent=ConsentScope.SHARING
) -> History:
    """Four held sessions. Mikko leaves after the second; Sanna joins at the third.

    Everyone agreed to be named to the project (``consent``) and has a code, P-001 onwards."""
    kwargs = {"members": members} if members else {}
    seeded = seed_group(sessions, meetings=5, held=4, **kwargs)
    gid, mids, people = seeded.group_id, seeded.meeting_ids, seeded.participant_ids
    with sessions.begin() as s:
        for number, pid in enumerate(people, start=1):
            person = s.get(Participant, pid)
            person.consent_scope, person.pseudonym = consent, f"P-{number:03}"
    first = date(2026, 9, 3)
    if len(people) >= 4:
        set_membership(sessions, gid, people[2], first, first + timedelta(weeks=5))
        set_membership(sessions, gid, people[3], first + timedelta(weeks=8))
    with sessions.begin() as s:
        present, absent = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT
        marks = {
            0: [present, present, present, None],
            1: [present, absent, present, None],
            2: [present, present, None, AttendanceStatus.LATE],
            3: [present, present, None, present],
        }
        for index, statuses in marks.items():
            for person, status in zip(people, statuses, strict=False):
                if status is not None:
                    minutes = 150 if status == AttendanceStatus.LATE else 180
                    s.add(
                        Attendance(
                            meeting_id=mids[index],
                            participant_id=person,
                            status=status,
                            minutes_attended=minutes if status != absent else 0,
                        )
                    )
        for visibility, body in (
            (NoteVisibility.GROUP, note),
            (NoteVisibility.PRIVATE, PRIVATE_NOTE),
            (NoteVisibility.PROJECT, PROJECT_NOTE),
        ):
            s.add(Note(group_id=gid, meeting_id=mids[1], visibility=visibility, body=body))
        follow = [FollowUp.DONE, FollowUp.PARTLY, FollowUp.DONE, None]
        for person, result in zip(people, follow, strict=False):
            s.add(
                Commitment(
                    meeting_id=mids[0],
                    participant_id=person,
                    text="Soitan pankkiin",
                    follow_up=result,
                )
            )
        for usefulness, atmosphere in ((5, 4), (4, 4), (3, None)):
            s.add(MeetingFeedback(meeting_id=mids[0], usefulness=usefulness, atmosphere=atmosphere))
        who5 = s.scalars(select(Instrument).where(Instrument.code == "who5")).one()  # built in
        for person, start, latest in ((people[0], 40, 60), (people[1], 52, 48)):
            for phase, score, day in (
                (AssessmentPhase.START, start, first),
                (AssessmentPhase.END, latest, first + timedelta(weeks=12)),
            ):
                s.add(
                    AssessmentResponse(
                        instrument_id=who5.id,
                        participant_id=person,
                        group_id=gid,
                        phase=phase,
                        answered_on=day,
                        score=score,
                    )
                )
    return History(gid, mids, people)


def pdf_pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def qpdf_ok(path) -> None:
    """qpdf finds no fault in the file's structure (without qpdf: a strict full read)."""
    if shutil.which("qpdf") is None:
        reader = PdfReader(path, strict=True)
        assert all(page.extract_text() is not None for page in reader.pages)
        return
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
