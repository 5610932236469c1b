"""Every mapped entity, importable from one place."""

from pierglass_desktop.domain.assessment import Answer, AssessmentResponse, Instrument
from pierglass_desktop.domain.base import Base, Synced
from pierglass_desktop.domain.library import (
    Material,
    MaterialLink,
    Method,
    PlanTemplate,
    TemplateItem,
)
from pierglass_desktop.domain.meetings import (
    AgendaItem,
    Attendance,
    Commitment,
    Meeting,
    MeetingFeedback,
    Note,
    SeriesPlan,
    attendance_id,
)
from pierglass_desktop.domain.people import Group, GroupTutor, Membership, Participant, Tutor
from pierglass_desktop.domain.records import AppMeta, AuditEntry, ImportRecord

__all__ = [
    "AgendaItem",
    "Answer",
    "AppMeta",
    "AssessmentResponse",
    "Attendance",
    "AuditEntry",
    "Base",
    "Commitment",
    "Group",
    "GroupTutor",
    "ImportRecord",
    "Instrument",
    "Material",
    "MaterialLink",
    "Meeting",
    "MeetingFeedback",
    "Membership",
    "Method",
    "Note",
    "Participant",
    "PlanTemplate",
    "SeriesPlan",
    "Synced",
    "TemplateItem",
    "Tutor",
    "attendance_id",
]
