"""Tutors, groups, participants and who belongs where."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Date, String, Text, UniqueConstraint, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pierglass_desktop.domain.base import Base, Synced, UTCDateTime
from pierglass_desktop.domain.columns import enum_column, ref
from pierglass_desktop.domain.enums import (
    CompanySize,
    ConsentScope,
    EducationBand,
    Gender,
    GroupMode,
    GroupStatus,
    LabourStatus,
    TutorRole,
)


class Tutor(Synced, Base):
    __tablename__ = "tutors"

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")


class Group(Synced, Base):
    __tablename__ = "groups"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[GroupMode] = enum_column(GroupMode, default=GroupMode.FACE_TO_FACE)
    location: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[GroupStatus] = enum_column(GroupStatus, default=GroupStatus.PLANNED)
    # Archived groups are kept for reporting but hidden from everyday lists.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list["Membership"]] = relationship(back_populates="group")
    tutor_links: Mapped[list["GroupTutor"]] = relationship(back_populates="group")


class GroupTutor(Synced, Base):
    __tablename__ = "group_tutors"
    __table_args__ = (UniqueConstraint("group_id", "tutor_id"),)

    group_id: Mapped[str] = ref("groups")
    tutor_id: Mapped[str] = ref("tutors")
    role: Mapped[TutorRole] = enum_column(TutorRole, default=TutorRole.LEAD)

    group: Mapped[Group] = relationship(back_populates="tutor_links")
    tutor: Mapped[Tutor] = relationship()


class Participant(Synced, Base):
    __tablename__ = "participants"

    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    municipality: Mapped[str] = mapped_column(String(100), default="")
    company_name: Mapped[str] = mapped_column(String(200), default="")
    # Finnish business ID (Y-tunnus) in the form 1234567-8, checksum verified by the services.
    business_id: Mapped[str] = mapped_column(String(9), default="", index=True)
    company_size: Mapped[CompanySize | None] = enum_column(CompanySize, nullable=True)
    sector: Mapped[str] = mapped_column(String(100), default="")
    job_title: Mapped[str] = mapped_column(String(100), default="")
    # Consent: no scope means no consent recorded yet.
    consent_scope: Mapped[ConsentScope | None] = enum_column(ConsentScope, nullable=True)
    consent_date: Mapped[date | None] = mapped_column(Date)
    # ESF+ background, all optional.
    gender: Mapped[Gender | None] = enum_column(Gender, nullable=True)
    birth_year: Mapped[int | None] = mapped_column()
    labour_status: Mapped[LabourStatus | None] = enum_column(LabourStatus, nullable=True)
    education: Mapped[EducationBand | None] = enum_column(EducationBand, nullable=True)
    # Stable code used instead of the name in pseudonymised exports.
    pseudonym: Mapped[str] = mapped_column(String(16), default="", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    memberships: Mapped[list["Membership"]] = relationship(back_populates="participant")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def known_as(self) -> str:
        return known_as(self.first_name, self.last_name, self.pseudonym)

    @property
    def erased(self) -> bool:
        return is_erased_record({k: getattr(self, k) for k in ("deleted_at", *erased_values())})


def known_as(first_name: str, last_name: str, pseudonym: str) -> str:
    """The full name, or the pseudonym code where the name is not held here (a coordinator's
    copy of a member without consent to sharing)."""
    return f"{first_name} {last_name}".strip() or pseudonym


# What an erased participant's record keeps: its identity and stamps, so sync carries the
# erasure. Everything else is personal data, a pseudonym code and background answers too.
KEPT_WHEN_ERASED = frozenset({"id", "created_at", "updated_at", "origin", "deleted_at"})


def erased_values() -> dict[str, Any]:
    """The fields of an erased person's record: all empty but its identity and stamps."""
    return {
        column.name: None if column.nullable else ""
        for column in Participant.__table__.columns
        if column.name not in KEPT_WHEN_ERASED
    }


def is_erased_record(values: Any) -> bool:
    """Whether a participant's values (a row mapping or a dict) are an erased person's: a
    tombstone holding nothing but its identity and stamps."""
    if values["deleted_at"] is None:
        return False
    return all(values[name] == blank for name, blank in erased_values().items())


def still_held() -> ColumnElement[bool]:
    """SQL: the participant is not erased (their record holds something of them)."""
    table = Participant.__table__
    return or_(
        table.c.deleted_at.is_(None),
        *(
            table.c[name].is_not(None) if blank is None else table.c[name] != blank
            for name, blank in erased_values().items()
        ),
    )


class Membership(Synced, Base):
    """A participant's period in a group: before joining or after leaving is not absence."""

    __tablename__ = "memberships"

    group_id: Mapped[str] = ref("groups")
    participant_id: Mapped[str] = ref("participants")
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)

    group: Mapped[Group] = relationship(back_populates="memberships")
    participant: Mapped[Participant] = relationship(back_populates="memberships")

    def covers(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)
