"""What each stored field is: its key, its name for people, its kind and its longest value.

One home for these facts, next to the models. Forms take their captions and length limits from
here, list columns and command-line tables their headings, the exchange workbooks their column
keys, and the services their validation limits. A length is read from the column itself, so it
cannot drift from the schema. ``tests/domain/test_fields.py`` fails when a column has no spec.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    Integer,
    LargeBinary,
    String,
    Time,
)
from sqlalchemy.orm import InstrumentedAttribute

from pierglass_desktop.domain.base import UTCDateTime
from pierglass_desktop.domain.models import (
    AgendaItem,
    Answer,
    AppMeta,
    AssessmentResponse,
    Attendance,
    AuditEntry,
    Commitment,
    Group,
    GroupTutor,
    ImportRecord,
    Instrument,
    Material,
    MaterialLink,
    Meeting,
    MeetingFeedback,
    Membership,
    Method,
    Note,
    Participant,
    PlanTemplate,
    SeriesPlan,
    TemplateItem,
    Tutor,
)
from pierglass_desktop.i18n import N_, _

# The longest text one spreadsheet cell holds (Excel's limit). Long text columns have no length
# of their own, so this bounds them wherever text travels or is typed.
LONG_TEXT_LIMIT = 32_767


class Kind(StrEnum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines
    EMAIL = "email"
    PHONE = "phone"
    BUSINESS_ID = "business_id"  # Finnish Y-tunnus, 1234567-8
    LINK = "link"
    INTEGER = "integer"
    YEAR = "year"
    FLAG = "flag"
    DATE = "date"
    TIME = "time"
    LOCAL_DATETIME = "local_datetime"  # a meeting's wall-clock time
    STAMP = "stamp"  # a UTC moment the program records
    CHOICE = "choice"  # one value of an enum
    LOCALIZED = "localized"  # {"fi": ..., "en": ...}
    DATA = "data"  # structured JSON the program writes
    REFERENCE = "reference"  # another record's id
    IDENTIFIER = "identifier"  # an id or code the program makes
    BYTES = "bytes"


# Kinds a person types as free text, trimmed and bounded by the field's length.
TEXT_KINDS = frozenset({Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL, Kind.PHONE, Kind.LINK})


@dataclass(frozen=True)
class FieldSpec:
    key: str  # attribute, column and exchange-column name
    label: str  # marked with N_, translated by ``caption``
    kind: Kind
    max_length: int | None = None  # characters, from the column (or the cell limit)
    required: bool = False  # must not be empty when a person enters it
    enum: type[StrEnum] | None = None
    minimum: int | None = None
    maximum: int | None = None
    target: str | None = None  # the table a reference points at

    def caption(self) -> str:
        return _(self.label)


@dataclass(frozen=True)
class EntityFields:
    """The specs of one entity's own fields, in the order people read them."""

    model: type
    label: str  # the entity's name, marked with N_
    specs: tuple[FieldSpec, ...]

    def __getitem__(self, key: str) -> FieldSpec:
        for spec in self.specs:
            if spec.key == key:
                return spec
        raise KeyError(key)

    def __iter__(self) -> Iterator[FieldSpec]:
        return iter(self.specs)

    def keys(self) -> tuple[str, ...]:
        return tuple(spec.key for spec in self.specs)

    def limit(self, key: str) -> int:
        """The longest text the field holds; for validating what people type."""
        length = self[key].max_length
        if length is None:
            raise KeyError(f"{key} has no length")
        return length

    def caption(self) -> str:
        return _(self.label)


def field(
    attribute: InstrumentedAttribute[Any],
    label: str,
    kind: Kind | None = None,
    *,
    required: bool = False,
    minimum: int | None = None,
    maximum: int | None = None,
) -> FieldSpec:
    """A spec read from the mapped column; ``kind`` narrows what the column type says."""
    column = attribute.property.columns[0]
    derived, length, enum, target = _from_column(column)
    kind = kind or derived
    if kind is Kind.LONG_TEXT and length is None:
        length = LONG_TEXT_LIMIT
    return FieldSpec(
        column.key,
        label,
        kind,
        length,
        required=required,
        enum=enum,
        minimum=minimum,
        maximum=maximum,
        target=target,
    )


def _from_column(
    column: Column[Any],
) -> tuple[Kind, int | None, type[StrEnum] | None, str | None]:
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table.name
        length = column.type.length if isinstance(column.type, String) else None
        return Kind.REFERENCE, length, None, target
    column_type = column.type
    if isinstance(column_type, Enum):
        enum_class = column_type.enum_class
        assert enum_class is not None and issubclass(enum_class, StrEnum), column.key
        return Kind.CHOICE, None, enum_class, None
    if isinstance(column_type, String):
        return (Kind.TEXT if column_type.length else Kind.LONG_TEXT), column_type.length, None, None
    if isinstance(column_type, UTCDateTime):
        return Kind.STAMP, None, None, None
    for sql_type, kind in _SIMPLE_KINDS:
        if isinstance(column_type, sql_type):
            return kind, None, None, None
    raise TypeError(f"no field kind for {column.key}: {column_type!r}")


_SIMPLE_KINDS = (
    (Boolean, Kind.FLAG),
    (Integer, Kind.INTEGER),
    (Date, Kind.DATE),
    (Time, Kind.TIME),
    (DateTime, Kind.LOCAL_DATETIME),
    (JSON, Kind.DATA),
    (LargeBinary, Kind.BYTES),
)

DAY_MINUTES = 24 * 60
# A planned agenda item longer than a working day is a typo.
ITEM_MINUTES = 480
# Items of one template; positions need not be consecutive.
MAX_POSITION = 10_000

TUTOR = EntityFields(
    Tutor,
    N_("Tutor"),
    (
        field(Tutor.name, N_("Name"), required=True),
        field(Tutor.email, N_("E-mail"), Kind.EMAIL),
        field(Tutor.phone, N_("Phone"), Kind.PHONE),
        field(Tutor.organisation, N_("Organisation")),
    ),
)

GROUP = EntityFields(
    Group,
    N_("Group"),
    (
        field(Group.name, N_("Name"), required=True),
        field(Group.description, N_("Description")),
        field(Group.mode, N_("Mode")),
        field(Group.location, N_("Location")),
        field(Group.start_date, N_("Starts")),
        field(Group.end_date, N_("Ends")),
        field(Group.status, N_("Status")),
        field(Group.archived_at, N_("Archived")),
    ),
)

GROUP_TUTOR = EntityFields(
    GroupTutor,
    N_("Group's tutor"),
    (
        field(GroupTutor.group_id, N_("Group")),
        field(GroupTutor.tutor_id, N_("Tutor")),
        field(GroupTutor.role, N_("Role")),
    ),
)

PARTICIPANT = EntityFields(
    Participant,
    N_("Participant"),
    (
        field(Participant.first_name, N_("First name"), required=True),
        field(Participant.last_name, N_("Last name"), required=True),
        field(Participant.email, N_("E-mail"), Kind.EMAIL),
        field(Participant.phone, N_("Phone"), Kind.PHONE),
        field(Participant.municipality, N_("Municipality")),
        field(Participant.company_name, N_("Company")),
        field(Participant.business_id, N_("Business ID"), Kind.BUSINESS_ID),
        field(Participant.company_size, N_("Company size")),
        field(Participant.sector, N_("Sector")),
        field(Participant.job_title, N_("Job title")),
        field(Participant.consent_scope, N_("Consent covers")),
        field(Participant.consent_date, N_("Consent given on")),
        field(Participant.gender, N_("Gender")),
        field(Participant.birth_year, N_("Birth year"), Kind.YEAR),
        field(Participant.labour_status, N_("Labour-market status")),
        field(Participant.education, N_("Education")),
        field(Participant.pseudonym, N_("Pseudonym code"), Kind.IDENTIFIER),
        field(Participant.notes, N_("Notes")),
    ),
)

MEMBERSHIP = EntityFields(
    Membership,
    N_("Membership"),
    (
        field(Membership.group_id, N_("Group")),
        field(Membership.participant_id, N_("Participant")),
        field(Membership.joined_on, N_("Joined on"), required=True),
        field(Membership.left_on, N_("Left on")),
    ),
)

SERIES_PLAN = EntityFields(
    SeriesPlan,
    N_("Series plan"),
    (
        field(SeriesPlan.group_id, N_("Group")),
        field(SeriesPlan.name, N_("Name")),
        field(SeriesPlan.themes, N_("Themes")),
        field(SeriesPlan.every_weeks, N_("Every (weeks)"), minimum=1, maximum=52),
        field(SeriesPlan.weekday, N_("Weekday"), minimum=0, maximum=6),
        field(SeriesPlan.start_time, N_("Starts at")),
        field(SeriesPlan.duration_minutes, N_("Length (min)"), minimum=0, maximum=DAY_MINUTES),
        field(SeriesPlan.first_date, N_("First date")),
        field(SeriesPlan.until, N_("Until")),
        field(SeriesPlan.skip_dates, N_("Dates to skip")),
        field(SeriesPlan.template_id, N_("Template")),
    ),
)

MEETING = EntityFields(
    Meeting,
    N_("Session"),
    (
        field(Meeting.group_id, N_("Group")),
        field(Meeting.number, N_("Number"), minimum=1, maximum=999),
        field(Meeting.theme, N_("Theme")),
        field(Meeting.starts_at, N_("Starts")),
        field(Meeting.planned_minutes, N_("Planned length (min)"), minimum=0, maximum=DAY_MINUTES),
        field(Meeting.actual_minutes, N_("Actual length (min)"), minimum=0, maximum=DAY_MINUTES),
        field(Meeting.place, N_("Place")),
        field(Meeting.online_link, N_("Online link"), Kind.LINK),
        field(Meeting.status, N_("Status")),
        field(Meeting.locked_at, N_("Signed off")),
        field(Meeting.locked_by, N_("Signed off by")),
        field(Meeting.series_id, N_("Series plan")),
        field(Meeting.timer_item_id, N_("Item on now"), Kind.IDENTIFIER),
        field(Meeting.timer_started_at, N_("Item started")),
    ),
)

AGENDA_ITEM = EntityFields(
    AgendaItem,
    N_("Agenda item"),
    (
        field(AgendaItem.meeting_id, N_("Session")),
        field(AgendaItem.position, N_("Position"), minimum=0, maximum=999),
        field(AgendaItem.method_id, N_("Method")),
        field(AgendaItem.title, N_("Title"), required=True),
        field(AgendaItem.duration_minutes, N_("Planned minutes"), minimum=1, maximum=ITEM_MINUTES),
        field(AgendaItem.actual_minutes, N_("Actual minutes"), minimum=0, maximum=DAY_MINUTES),
        field(AgendaItem.purpose, N_("Purpose")),
        field(AgendaItem.instructions, N_("Instructions")),
        field(AgendaItem.materials, N_("Materials")),
        field(AgendaItem.category, N_("Category")),
        field(AgendaItem.is_break, N_("Break")),
        field(AgendaItem.responsible, N_("Led by")),
        field(AgendaItem.member_role, N_("Member role")),
        field(AgendaItem.responsible_participant_id, N_("Led by member")),
    ),
)

ATTENDANCE = EntityFields(
    Attendance,
    N_("Attendance"),
    (
        field(Attendance.meeting_id, N_("Session")),
        field(Attendance.participant_id, N_("Participant")),
        field(Attendance.status, N_("Status")),
        field(Attendance.arrived_at, N_("Arrived at")),
        field(Attendance.left_at, N_("Left at")),
        field(Attendance.minutes_attended, N_("Minutes attended"), minimum=0, maximum=DAY_MINUTES),
        field(Attendance.remark, N_("Remark")),
    ),
)

NOTE = EntityFields(
    Note,
    N_("Note"),
    (
        field(Note.group_id, N_("Group")),
        field(Note.meeting_id, N_("Session")),
        field(Note.participant_id, N_("Participant")),
        field(Note.visibility, N_("Visible to")),
        field(Note.body, N_("Text")),
        field(Note.author, N_("Written by")),
    ),
)

COMMITMENT = EntityFields(
    Commitment,
    N_("Commitment"),
    (
        field(Commitment.meeting_id, N_("Session")),
        field(Commitment.participant_id, N_("Participant")),
        field(Commitment.text, N_("Commitment"), required=True),
        field(Commitment.follow_up, N_("Follow-up")),
        field(Commitment.follow_up_comment, N_("Follow-up comment")),
        field(Commitment.reviewed_at_meeting_id, N_("Reviewed at session")),
    ),
)

MEETING_FEEDBACK = EntityFields(
    MeetingFeedback,
    N_("Feedback"),
    (
        field(MeetingFeedback.meeting_id, N_("Session")),
        field(MeetingFeedback.usefulness, N_("Usefulness"), minimum=1, maximum=5),
        field(MeetingFeedback.atmosphere, N_("Atmosphere"), minimum=1, maximum=5),
        field(MeetingFeedback.comment, N_("Comment")),
    ),
)

METHOD = EntityFields(
    Method,
    N_("Method"),
    (
        field(Method.name, N_("Name"), Kind.LOCALIZED, required=True),
        field(Method.purpose, N_("Purpose"), Kind.LOCALIZED),
        field(Method.steps, N_("Steps"), Kind.LOCALIZED),
        field(Method.materials, N_("Materials"), Kind.LOCALIZED),
        field(Method.duration_minutes, N_("Minutes"), minimum=1, maximum=600),
        field(Method.group_min, N_("Smallest group"), minimum=1, maximum=1000),
        field(Method.group_max, N_("Largest group"), minimum=1, maximum=1000),
        field(Method.category, N_("Category")),
        field(Method.tags, N_("Tags")),
        field(Method.builtin, N_("Built in")),
        field(Method.source, N_("Made by")),
        field(Method.copied_from_id, N_("Copied from")),
    ),
)

PLAN_TEMPLATE = EntityFields(
    PlanTemplate,
    N_("Template"),
    (
        field(PlanTemplate.name, N_("Name"), Kind.LOCALIZED, required=True),
        field(PlanTemplate.description, N_("Description"), Kind.LOCALIZED),
        field(PlanTemplate.builtin, N_("Built in")),
        field(PlanTemplate.source, N_("Made by")),
    ),
)

TEMPLATE_ITEM = EntityFields(
    TemplateItem,
    N_("Template item"),
    (
        field(TemplateItem.template_id, N_("Template")),
        field(TemplateItem.position, N_("Position"), minimum=0, maximum=MAX_POSITION),
        field(TemplateItem.method_id, N_("Method")),
        field(TemplateItem.title, N_("Title")),
        field(
            TemplateItem.duration_minutes, N_("Planned minutes"), minimum=1, maximum=ITEM_MINUTES
        ),
        field(TemplateItem.purpose, N_("Purpose")),
        field(TemplateItem.instructions, N_("Instructions")),
        field(TemplateItem.materials, N_("Materials")),
        field(TemplateItem.category, N_("Category")),
        field(TemplateItem.is_break, N_("Break")),
        field(TemplateItem.member_role, N_("Member role")),
    ),
)

MATERIAL = EntityFields(
    Material,
    N_("File"),
    (
        field(Material.sha256, N_("Checksum"), Kind.IDENTIFIER),
        field(Material.filename, N_("File name"), required=True),
        field(Material.media_type, N_("File type")),
        field(Material.size, N_("Size (bytes)"), minimum=0),
        field(Material.data, N_("Contents")),
    ),
)

MATERIAL_LINK = EntityFields(
    MaterialLink,
    N_("Attached file"),
    (
        field(MaterialLink.material_id, N_("File")),
        field(MaterialLink.method_id, N_("Method")),
        field(MaterialLink.template_id, N_("Template")),
        field(MaterialLink.template_item_id, N_("Template item")),
        field(MaterialLink.meeting_id, N_("Session")),
        field(MaterialLink.agenda_item_id, N_("Agenda item")),
        field(MaterialLink.kind, N_("Kind"), Kind.IDENTIFIER),
        field(MaterialLink.caption, N_("Caption")),
    ),
)

INSTRUMENT = EntityFields(
    Instrument,
    N_("Questionnaire"),
    (
        field(Instrument.code, N_("Code"), Kind.IDENTIFIER, required=True),
        field(Instrument.name, N_("Name"), Kind.LOCALIZED, required=True),
        field(Instrument.version, N_("Version")),
        field(Instrument.items, N_("Questions")),
    ),
)

ASSESSMENT_RESPONSE = EntityFields(
    AssessmentResponse,
    N_("Questionnaire answers"),
    (
        field(AssessmentResponse.instrument_id, N_("Questionnaire")),
        field(AssessmentResponse.participant_id, N_("Participant")),
        field(AssessmentResponse.group_id, N_("Group")),
        field(AssessmentResponse.phase, N_("Time point")),
        field(AssessmentResponse.answered_on, N_("Answered on"), required=True),
        field(AssessmentResponse.score, N_("Score"), minimum=0, maximum=100),
        field(AssessmentResponse.filled_in, N_("Filled in")),
    ),
)

ANSWER = EntityFields(
    Answer,
    N_("Answer"),
    (
        field(Answer.response_id, N_("Questionnaire answers")),
        field(Answer.item_key, N_("Question"), Kind.IDENTIFIER),
        field(Answer.value, N_("Answer"), minimum=0, maximum=10),
    ),
)

AUDIT_ENTRY = EntityFields(
    AuditEntry,
    N_("Change record"),
    (
        field(AuditEntry.actor, N_("Changed by")),
        field(AuditEntry.action, N_("Change"), Kind.IDENTIFIER),
        field(AuditEntry.entity, N_("Record type"), Kind.IDENTIFIER),
        field(AuditEntry.entity_id, N_("Record"), Kind.IDENTIFIER),
        field(AuditEntry.before, N_("Before")),
        field(AuditEntry.after, N_("After")),
        field(AuditEntry.reason, N_("Reason")),
    ),
)

IMPORT_RECORD = EntityFields(
    ImportRecord,
    N_("Import"),
    (
        field(ImportRecord.imported_at, N_("Imported")),
        field(ImportRecord.kind, N_("Kind"), Kind.IDENTIFIER),
        field(ImportRecord.filename, N_("File name")),
        field(ImportRecord.sha256, N_("Checksum"), Kind.IDENTIFIER),
        field(ImportRecord.source_origin, N_("From installation"), Kind.IDENTIFIER),
        field(ImportRecord.format_version, N_("Format version")),
        field(ImportRecord.exported_at, N_("Exported")),
        field(ImportRecord.counts, N_("Counts")),
        field(ImportRecord.backup_path, N_("Backup taken before")),
        field(ImportRecord.scope, N_("Groups covered"), Kind.IDENTIFIER),
        field(ImportRecord.seen, N_("Exports its sender had imported")),
    ),
)

APP_META = EntityFields(
    AppMeta,
    N_("Installation fact"),
    (
        field(AppMeta.key, N_("Key"), Kind.IDENTIFIER),
        field(AppMeta.value, N_("Value")),
    ),
)

ENTITIES: tuple[EntityFields, ...] = (
    TUTOR,
    GROUP,
    GROUP_TUTOR,
    PARTICIPANT,
    MEMBERSHIP,
    SERIES_PLAN,
    MEETING,
    AGENDA_ITEM,
    ATTENDANCE,
    NOTE,
    COMMITMENT,
    MEETING_FEEDBACK,
    METHOD,
    PLAN_TEMPLATE,
    TEMPLATE_ITEM,
    MATERIAL,
    MATERIAL_LINK,
    INSTRUMENT,
    ASSESSMENT_RESPONSE,
    ANSWER,
    AUDIT_ENTRY,
    IMPORT_RECORD,
    APP_META,
)


def fields_of(model: type) -> EntityFields:
    for entity in ENTITIES:
        if entity.model is model:
            return entity
    raise KeyError(model.__name__)
