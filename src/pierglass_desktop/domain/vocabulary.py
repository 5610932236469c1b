"""What every closed set of values is called and how it looks: one home, no Qt.

Rows carry enum members; screens, printouts, the command line and workbooks ask here for the
words (translated at the moment they are shown) and for a value's colour or grid symbol. Two
enums may share a stored value ("planned" is a group status and a meeting status), so terms are
looked up by the member's own enum, never by its string.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from pierglass_desktop.domain.enums import (
    AssessmentPhase,
    AttendanceStatus,
    CompanySize,
    ConsentScope,
    EducationBand,
    FileStatus,
    FillMode,
    FollowUp,
    Gender,
    GroupMode,
    GroupStatus,
    LabourStatus,
    MeetingStatus,
    MemberRole,
    MethodCategory,
    NoteVisibility,
    SearchKind,
    TutorRole,
)
from pierglass_desktop.i18n import N_, _

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Term:
    label: str  # marked with N_, translated where shown
    short: str = ""  # for tight places; empty means the label serves
    colour: str = ""  # "#rrggbb" for values shown in colour
    symbol: str = ""  # one character for dense grids


AMBER = "#a35a00"
RED = "#a31515"
GREY = "#6b7780"

TERMS: dict[type[StrEnum], dict[StrEnum, Term]] = {
    GroupMode: {
        GroupMode.FACE_TO_FACE: Term(N_("Face to face")),
        GroupMode.ONLINE: Term(N_("Online")),
        GroupMode.HYBRID: Term(N_("Hybrid")),
    },
    GroupStatus: {
        GroupStatus.PLANNED: Term(N_("Planned")),
        GroupStatus.ACTIVE: Term(N_("Active")),
        GroupStatus.FINISHED: Term(N_("Finished")),
    },
    TutorRole: {
        TutorRole.LEAD: Term(N_("Lead tutor")),
        TutorRole.CO_TUTOR: Term(N_("Co-tutor")),
    },
    CompanySize: {
        CompanySize.SOLE: Term(N_("Sole entrepreneur")),
        CompanySize.MICRO: Term(N_("Micro (1–9 employees)")),
        CompanySize.SMALL: Term(N_("Small (10–49 employees)")),
        CompanySize.MEDIUM: Term(N_("Medium (50–249 employees)")),
    },
    ConsentScope: {
        ConsentScope.REPORTING: Term(N_("Reporting to the funder")),
        ConsentScope.SHARING: Term(N_("Reporting and sharing with the project")),
    },
    Gender: {
        Gender.FEMALE: Term(N_("Woman")),
        Gender.MALE: Term(N_("Man")),
        Gender.NON_BINARY: Term(N_("Non-binary")),
        Gender.NOT_TOLD: Term(N_("Prefers not to say")),
    },
    LabourStatus: {
        LabourStatus.EMPLOYED: Term(N_("Employed, including self-employed")),
        LabourStatus.UNEMPLOYED: Term(N_("Unemployed")),
        LabourStatus.LONG_TERM_UNEMPLOYED: Term(N_("Long-term unemployed")),
        LabourStatus.INACTIVE: Term(N_("Outside the labour force")),
    },
    EducationBand: {
        EducationBand.ISCED_0_2: Term(N_("Primary or lower secondary (ISCED 0–2)")),
        EducationBand.ISCED_3_4: Term(N_("Upper secondary or post-secondary (ISCED 3–4)")),
        EducationBand.ISCED_5_8: Term(N_("Tertiary (ISCED 5–8)")),
    },
    MeetingStatus: {
        MeetingStatus.PLANNED: Term(N_("Planned"), colour="#1f5f7a"),
        MeetingStatus.HELD: Term(N_("Held"), colour="#2f8f5b"),
        MeetingStatus.CANCELLED: Term(N_("Cancelled"), colour="#9aa5ab"),
    },
    AttendanceStatus: {
        AttendanceStatus.PRESENT: Term(N_("Present"), colour="#2d6a3e", symbol="✓"),
        AttendanceStatus.LATE: Term(N_("Late"), colour=AMBER, symbol="◐"),
        AttendanceStatus.LEFT_EARLY: Term(N_("Left early"), colour=AMBER, symbol="◑"),
        AttendanceStatus.EXCUSED: Term(N_("Excused"), colour=GREY, symbol="○"),
        AttendanceStatus.ABSENT: Term(N_("Absent"), colour=RED, symbol="✗"),
    },
    NoteVisibility: {
        NoteVisibility.PRIVATE: Term(N_("Private (this computer only)"), N_("Private")),
        NoteVisibility.PROJECT: Term(N_("Project (goes to the coordinator)"), N_("Project")),
        NoteVisibility.GROUP: Term(N_("Group (may be shown to the group)"), N_("Group")),
    },
    FollowUp: {
        FollowUp.DONE: Term(N_("Done")),
        FollowUp.PARTLY: Term(N_("Partly")),
        FollowUp.NOT_DONE: Term(N_("Not done")),
        FollowUp.DROPPED: Term(N_("Dropped")),
    },
    MethodCategory: {
        MethodCategory.OPENING: Term(N_("Opening"), colour="#2e7d9a"),
        MethodCategory.REFLECTION: Term(N_("Reflection"), colour="#7b5ea7"),
        MethodCategory.PEER_LEARNING: Term(N_("Peer learning"), colour="#2f8f5b"),
        MethodCategory.EXPERT: Term(N_("Expert"), colour="#b5651d"),
        MethodCategory.DEVELOPMENT: Term(N_("Development"), colour="#c0392b"),
        MethodCategory.WELLBEING: Term(N_("Wellbeing"), colour="#d4a017"),
        MethodCategory.DIGITAL: Term(N_("Digital"), colour="#3a5fcd"),
        MethodCategory.CLOSING: Term(N_("Closing"), colour="#55656d"),
        MethodCategory.BREAK: Term(N_("Break"), colour="#9aa5ab"),
    },
    MemberRole: {
        MemberRole.HOST: Term(N_("Host")),
        MemberRole.TIMEKEEPER: Term(N_("Timekeeper")),
        MemberRole.NOTE_TAKER: Term(N_("Note-taker")),
    },
    AssessmentPhase: {
        AssessmentPhase.START: Term(N_("Start")),
        AssessmentPhase.MID: Term(N_("Middle")),
        AssessmentPhase.END: Term(N_("End")),
        AssessmentPhase.FOLLOW_UP: Term(N_("Follow-up (six months after)"), N_("Follow-up")),
    },
    FillMode: {
        FillMode.TOGETHER: Term(N_("Together with the tutor"), N_("Together")),
        FillMode.MEMBER: Term(N_("By the member"), N_("Member")),
        FillMode.TUTOR: Term(N_("By the tutor afterwards"), N_("Tutor")),
    },
    FileStatus: {
        FileStatus.OK: Term(N_("Ready")),
        FileStatus.REFUSED: Term(N_("Refused")),
        FileStatus.ALREADY_IMPORTED: Term(N_("Imported before")),
    },
    SearchKind: {
        SearchKind.NOTE: Term(N_("Note")),
        SearchKind.COMMITMENT: Term(N_("Commitment")),
        SearchKind.MEETING: Term(N_("Session")),
        SearchKind.PARTICIPANT: Term(N_("Participant")),
    },
}


def term(value: StrEnum) -> Term:
    return TERMS[type(value)][value]


def label(value: StrEnum | None) -> str:
    """The value's name in the current language ('' for None)."""
    return _(term(value).label) if value is not None else ""


def short_label(value: StrEnum | None) -> str:
    """A shorter name where one exists, for narrow columns and buttons."""
    if value is None:
        return ""
    found = term(value)
    return _(found.short or found.label)


def colour(value: StrEnum | None) -> str:
    """The value's colour as "#rrggbb", or '' when it has none."""
    return term(value).colour if value is not None else ""


def symbol(value: StrEnum | None) -> str:
    return term(value).symbol if value is not None else ""


def choices(enum: type[E]) -> list[tuple[E, str]]:
    """Every value of an enum with its translated name, in declaration order, for pickers."""
    return [(member, label(member)) for member in enum]
