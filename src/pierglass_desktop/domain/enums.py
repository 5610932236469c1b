"""Closed sets of values. Stored as their lower-case value strings; labels live in the UI."""

from __future__ import annotations

from enum import StrEnum


class GroupMode(StrEnum):
    FACE_TO_FACE = "face_to_face"
    ONLINE = "online"
    HYBRID = "hybrid"


class GroupStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    FINISHED = "finished"


class TutorRole(StrEnum):
    LEAD = "lead"
    CO_TUTOR = "co_tutor"


class CompanySize(StrEnum):
    SOLE = "sole"  # sole entrepreneur, no employees
    MICRO = "micro"  # 1-9 employees
    SMALL = "small"  # 10-49
    MEDIUM = "medium"  # 50-249


class ConsentScope(StrEnum):
    REPORTING = "reporting"  # kept and reported to the funder, pseudonymised in exports
    SHARING = "sharing"  # may also be shared by name with the project coordinator


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"
    NOT_TOLD = "not_told"


class LabourStatus(StrEnum):
    EMPLOYED = "employed"  # employed, including self-employed (ESF+)
    UNEMPLOYED = "unemployed"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed"
    INACTIVE = "inactive"


class EducationBand(StrEnum):
    ISCED_0_2 = "isced_0_2"  # primary or lower secondary
    ISCED_3_4 = "isced_3_4"  # upper secondary or post-secondary
    ISCED_5_8 = "isced_5_8"  # tertiary


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    EXCUSED = "excused"
    ABSENT = "absent"


class NoteVisibility(StrEnum):
    PRIVATE = "private"  # never leaves this machine
    PROJECT = "project"  # goes to the coordinator
    GROUP = "group"  # may be shown to the group


class FollowUp(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"
    DROPPED = "dropped"


class MethodCategory(StrEnum):
    OPENING = "opening"
    REFLECTION = "reflection"
    PEER_LEARNING = "peer_learning"
    EXPERT = "expert"
    DEVELOPMENT = "development"
    WELLBEING = "wellbeing"
    DIGITAL = "digital"
    CLOSING = "closing"
    BREAK = "break"


class MemberRole(StrEnum):
    """Rotating roles members take at a meeting."""

    HOST = "host"
    TIMEKEEPER = "timekeeper"
    NOTE_TAKER = "note_taker"


class AssessmentPhase(StrEnum):
    START = "start"
    MID = "mid"
    END = "end"
    FOLLOW_UP = "follow_up"  # six months after exit


class FillMode(StrEnum):
    """How a questionnaire's answers came in."""

    TOGETHER = "together"  # member and tutor together
    MEMBER = "member"  # the member alone
    TUTOR = "tutor"  # the tutor afterwards, from the member's paper


class SearchKind(StrEnum):
    """What a search hit is; the values are the ``kind`` column of the search index."""

    NOTE = "note"
    COMMITMENT = "commitment"
    MEETING = "meeting"
    PARTICIPANT = "participant"


class FileStatus(StrEnum):
    """What an import preview found a file to be."""

    OK = "ok"
    REFUSED = "refused"
    ALREADY_IMPORTED = "already_imported"
