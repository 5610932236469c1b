"""Meetings (the design's "sessions"), their agendas, attendance, notes, commitments, feedback.

Named Meeting in code so it never gets confused with a database session; users see "session".
Meeting times are local wall-clock times of the place the group meets.
"""

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pierglass_desktop.domain.base import Base, Synced, UTCDateTime, derived_id
from pierglass_desktop.domain.columns import enum_column, ref
from pierglass_desktop.domain.enums import (
    AttendanceStatus,
    FollowUp,
    MeetingStatus,
    MemberRole,
    MethodCategory,
    NoteVisibility,
)


class SeriesPlan(Synced, Base):
    """A group's plan of themes and the rule that generates its meetings."""

    __tablename__ = "series_plans"

    group_id: Mapped[str] = ref("groups")
    name: Mapped[str] = mapped_column(String(200), default="")
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    every_weeks: Mapped[int] = mapped_column(Integer, default=4)
    weekday: Mapped[int] = mapped_column(Integer, default=3)  # Monday = 0
    start_time: Mapped[time] = mapped_column(Time, default=time(17, 0))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=180)
    first_date: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    skip_dates: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISO dates
    template_id: Mapped[str | None] = ref("plan_templates", nullable=True)


class Meeting(Synced, Base):
    __tablename__ = "meetings"

    group_id: Mapped[str] = ref("groups")
    number: Mapped[int] = mapped_column(Integer, default=1)
    theme: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # local wall-clock time
    planned_minutes: Mapped[int] = mapped_column(Integer, default=180)
    actual_minutes: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(200), default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[MeetingStatus] = enum_column(MeetingStatus, default=MeetingStatus.PLANNED)
    # Signed off: changes need an explicit unlock, which the audit trail records.
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_by: Mapped[str] = mapped_column(String(200), default="")
    series_id: Mapped[str | None] = ref("series_plans", nullable=True)
    # The run-session timer, kept so a dead battery loses nothing: the agenda item on now, and
    # while its clock runs, the moment it would have started had it never paused (UTC).
    timer_item_id: Mapped[str | None] = mapped_column(String(36))
    timer_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position"
    )


class AgendaItem(Synced, Base):
    __tablename__ = "agenda_items"

    meeting_id: Mapped[str] = ref("meetings")
    position: Mapped[int] = mapped_column(Integer, default=0)
    method_id: Mapped[str | None] = ref("methods", nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=15)
    actual_minutes: Mapped[int | None] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(Text, default="")
    instructions: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[MethodCategory | None] = enum_column(MethodCategory, nullable=True)
    is_break: Mapped[bool] = mapped_column(Boolean, default=False)
    responsible: Mapped[str] = mapped_column(String(200), default="")
    member_role: Mapped[MemberRole | None] = enum_column(MemberRole, nullable=True)
    responsible_participant_id: Mapped[str | None] = ref("participants", nullable=True)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")


def attendance_id(meeting_id: str, participant_id: str) -> str:
    """The one id every installation gives this person's mark at this meeting."""
    return derived_id("attendance", meeting_id, participant_id)


class Attendance(Synced, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id"),)

    meeting_id: Mapped[str] = ref("meetings")
    participant_id: Mapped[str] = ref("participants")
    status: Mapped[AttendanceStatus] = enum_column(AttendanceStatus)
    arrived_at: Mapped[time | None] = mapped_column(Time)
    left_at: Mapped[time | None] = mapped_column(Time)
    minutes_attended: Mapped[int | None] = mapped_column(Integer)
    remark: Mapped[str] = mapped_column(Text, default="")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("id", attendance_id(kwargs["meeting_id"], kwargs["participant_id"]))
        super().__init__(**kwargs)


class Note(Synced, Base):
    __tablename__ = "notes"

    group_id: Mapped[str] = ref("groups")
    meeting_id: Mapped[str | None] = ref("meetings", nullable=True)
    participant_id: Mapped[str | None] = ref("participants", nullable=True)
    visibility: Mapped[NoteVisibility] = enum_column(NoteVisibility, default=NoteVisibility.PRIVATE)
    body: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")


class Commitment(Synced, Base):
    """What a member will try before the next meeting, and later how it went."""

    __tablename__ = "commitments"

    meeting_id: Mapped[str] = ref("meetings")
    participant_id: Mapped[str] = ref("participants")
    text: Mapped[str] = mapped_column(Text)
    follow_up: Mapped[FollowUp | None] = enum_column(FollowUp, nullable=True)
    follow_up_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_at_meeting_id: Mapped[str | None] = ref("meetings", nullable=True)


class MeetingFeedback(Synced, Base):
    """One anonymous feedback slip."""

    __tablename__ = "meeting_feedback"

    meeting_id: Mapped[str] = ref("meetings")
    usefulness: Mapped[int | None] = mapped_column(Integer)  # 1-5
    atmosphere: Mapped[int | None] = mapped_column(Integer)  # 1-5
    comment: Mapped[str] = mapped_column(Text, default="")
