"""Test data for the meeting features, made directly with the ORM.

``seed_group`` builds a group like Aino's: members with companies, meetings every four weeks,
an agenda on each. Everything returns plain ids so tests go through the services afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pierglass_desktop.domain.enums import AttendanceStatus, MeetingStatus
from pierglass_desktop.domain.models import (
    AgendaItem,
    Attendance,
    Group,
    GroupTutor,
    Meeting,
    Membership,
    Participant,
    Tutor,
)

MEMBERS = (
    ("Liisa", "Laine", "Kotihoito Laine"),
    ("Jussi", "Järvinen", "Järvisen Hoiva Oy"),
    ("Mikko", "Mäki", "Mäen Palvelu"),
    ("Sanna", "Salo", "Salon Siivous"),
)
AGENDA = (("Check-in round", 15), ("Peer consultation", 45), ("Coffee", 15), ("Commitments", 20))


@dataclass
class Seeded:
    group_id: str
    meeting_ids: list[str]
    participant_ids: list[str]
    agenda_ids: dict[str, list[str]]  # meeting id -> its agenda items in order


def seed_group(
    sessions,
    *,
    members=MEMBERS,
    meetings: int = 3,
    first: datetime = datetime(2026, 9, 3, 17, 0),
    held: int = 0,
    joined_on: date | None = None,
    name: str = "Kotihoidon yrittäjät, Pori",
) -> Seeded:
    """A group, its tutor, ``members`` (joined on the first meeting's day) and ``meetings``.

    The first ``held`` meetings are marked held; the rest are planned.
    """
    joined_on = joined_on or first.date()
    with sessions.begin() as s:
        group = Group(name=name, location="Pori")
        tutor = Tutor(name="Aino Aaltonen")
        s.add_all([group, tutor])
        s.flush()
        s.add(GroupTutor(group_id=group.id, tutor_id=tutor.id))
        people = [
            Participant(first_name=f, last_name=last, company_name=c) for f, last, c in members
        ]
        s.add_all(people)
        s.flush()
        s.add_all(
            Membership(group_id=group.id, participant_id=p.id, joined_on=joined_on) for p in people
        )
        made, agenda = [], {}
        for index in range(meetings):
            meeting = Meeting(
                group_id=group.id,
                number=index + 1,
                theme=f"Theme {index + 1}",
                starts_at=first + timedelta(weeks=4 * index),
                planned_minutes=180,
                place="Pori, Yrityspalvelut",
                status=MeetingStatus.HELD if index < held else MeetingStatus.PLANNED,
            )
            s.add(meeting)
            s.flush()
            items = [
                AgendaItem(meeting_id=meeting.id, position=pos, title=t, duration_minutes=d)
                for pos, (t, d) in enumerate(AGENDA)
            ]
            s.add_all(items)
            s.flush()
            made.append(meeting.id)
            agenda[meeting.id] = [item.id for item in items]
        return Seeded(group.id, made, [p.id for p in people], agenda)


def set_membership(sessions, group_id: str, participant_id: str, joined, left=None) -> None:
    """Replace the member's period in the group."""
    from sqlalchemy import select

    with sessions.begin() as s:
        for membership in s.scalars(
            select(Membership).where(
                Membership.group_id == group_id, Membership.participant_id == participant_id
            )
        ):
            membership.joined_on = joined
            membership.left_on = left


def set_status(sessions, meeting_id: str, status: MeetingStatus) -> None:
    with sessions.begin() as s:
        s.get(Meeting, meeting_id).status = status


def liisa_in_two_groups(sessions):
    """Liisa Laine in Pori and, with the same e-mail, in Rauma: one person, two records.
    Returns the two groups, the record to keep (Pori's) and the other (Rauma's, which has a
    phone number and a mark at Rauma's held meeting)."""
    pori = seed_group(sessions, meetings=2, held=1, name="Kotihoidon yrittäjät, Pori")
    rauma = seed_group(
        sessions,
        meetings=2,
        held=1,
        name="Hoiva-alan yrittäjät, Rauma",
        members=(("Liisa", "Laine", "Kotihoito Laine"), ("Pia", "Peltonen", "Pelto Oy")),
    )
    keep, other = pori.participant_ids[0], rauma.participant_ids[0]
    with sessions.begin() as s:
        s.get(Participant, keep).email = "liisa@kotihoito.fi"
        s.get(Participant, other).email = "Liisa@Kotihoito.fi"
        s.get(Participant, other).phone = "040 555 1234"
        s.add(
            Attendance(
                meeting_id=rauma.meeting_ids[0],
                participant_id=other,
                status=AttendanceStatus.PRESENT,
                minutes_attended=180,
            )
        )
    return pori, rauma, keep, other
