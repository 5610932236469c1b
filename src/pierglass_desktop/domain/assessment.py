"""Instruments (WHO-5, the project's self-assessment) and members' answers to them."""

from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pierglass_desktop.domain.base import Base, Synced
from pierglass_desktop.domain.columns import enum_column, localized, ref
from pierglass_desktop.domain.enums import AssessmentPhase, FillMode


class Instrument(Synced, Base):
    __tablename__ = "instruments"

    code: Mapped[str] = mapped_column(String(32), unique=True)  # "who5", "selfassessment"
    name: Mapped[dict[str, str]] = localized()
    version: Mapped[str] = mapped_column(String(16), default="1")
    # [{"key": "q1", "text": {"fi": ..., "en": ...}, "min": 0, "max": 5}, ...]
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class AssessmentResponse(Synced, Base):
    __tablename__ = "assessment_responses"

    instrument_id: Mapped[str] = ref("instruments")
    participant_id: Mapped[str] = ref("participants")
    group_id: Mapped[str] = ref("groups")
    phase: Mapped[AssessmentPhase] = enum_column(AssessmentPhase)
    answered_on: Mapped[date] = mapped_column(Date)
    score: Mapped[int | None] = mapped_column(Integer)  # WHO-5: 0-100
    # None for answers saved before revision 0005 ("not recorded")
    filled_in: Mapped[FillMode | None] = enum_column(FillMode, nullable=True)


class Answer(Synced, Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("response_id", "item_key"),)

    response_id: Mapped[str] = ref("assessment_responses")
    item_key: Mapped[str] = mapped_column(String(32))
    value: Mapped[int] = mapped_column(Integer)
