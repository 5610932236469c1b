"""What a project-sync export holds: the queries per sheet, and pseudonymisation.

Tombstones travel (``deleted_at`` set) so deletions reach the coordinator; private notes never
leave, nor do the audit trail's entries about them. A participant without consent to sharing
goes out under the pseudonym code only: the personal columns (``PERSONAL_FIELDS``) are empty
and ``pseudonymised`` is true, so the importer keeps a name it already knows instead of
blanking it. Merges and erasures of participants travel as audit entries (no personal data in
them), with the merged-away or erased person's tombstone. Rows are streamed from the database,
never all held at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, false, func, or_, select, true, union
from sqlalchemy.orm import Session

from pierglass_desktop.domain.enums import ConsentScope, NoteVisibility
from pierglass_desktop.domain.models import (
    AgendaItem,
    AssessmentResponse,
    Attendance,
    AuditEntry,
    Commitment,
    Group,
    GroupTutor,
    Material,
    MaterialLink,
    Meeting,
    Membership,
    Note,
    Participant,
)
from pierglass_desktop.domain.records import SYNC_KIND, ImportRecord
from pierglass_desktop.domain.rules import shares_name
from pierglass_desktop.exchange.sync_format import (
    BY_SHEET,
    PERSONAL_FIELDS,
    PSEUDONYMISED,
    STAMPS,
    Seen,
    SyncEntity,
    saw,
    scope_groups,
    seen_from_json,
)

MERGE_ACTION = "merge"
ERASE_ACTION = "erase"
PERSON_ACTIONS = (MERGE_ACTION, ERASE_ACTION)
EVIDENCE_KIND = "signin_evidence"
BATCH = 2_000


@dataclass(frozen=True)
class Scope:
    """Which groups an export covers (None: every group, deleted ones included)."""

    group_ids: tuple[str, ...] | None
    pseudonymise: bool

    def groups(self, column: Any) -> Any:
        return column.in_(self.group_ids) if self.group_ids is not None else true()


def _meetings(scope: Scope) -> Select:
    return select(Meeting.id).where(scope.groups(Meeting.group_id))


def _person_audit() -> Any:
    return (AuditEntry.entity == "participant") & AuditEntry.action.in_(PERSON_ACTIONS)


def _participants(scope: Scope) -> Any:
    """Ids of everyone the exported rows name, and of merged-away or erased people."""
    meetings = _meetings(scope)
    return union(
        select(Membership.participant_id).where(scope.groups(Membership.group_id)),
        select(Attendance.participant_id).where(Attendance.meeting_id.in_(meetings)),
        select(Commitment.participant_id).where(Commitment.meeting_id.in_(meetings)),
        select(Note.participant_id).where(
            scope.groups(Note.group_id), Note.visibility != NoteVisibility.PRIVATE
        ),
        select(AgendaItem.responsible_participant_id).where(AgendaItem.meeting_id.in_(meetings)),
        select(AssessmentResponse.participant_id).where(scope.groups(AssessmentResponse.group_id)),
        select(AuditEntry.entity_id).where(_person_audit()),
    )


def query(sheet: str, scope: Scope) -> Select:
    """The rows of one sheet, as table rows, in a stable order."""
    entity = BY_SHEET[sheet]
    table = entity.table
    meetings = _meetings(scope)
    where: Any
    if sheet == "tutors":
        where = table.c.id.in_(select(GroupTutor.tutor_id).where(scope.groups(GroupTutor.group_id)))
    elif sheet in ("groups",):
        where = scope.groups(table.c.id)
    elif sheet in ("group_tutors", "memberships", "meetings", "assessment_responses"):
        where = scope.groups(table.c.group_id)
    elif sheet == "notes":
        where = scope.groups(table.c.group_id) & (table.c.visibility != NoteVisibility.PRIVATE)
    elif sheet in ("agenda_items", "attendance", "commitments", "feedback"):
        where = table.c.meeting_id.in_(meetings)
    elif sheet == "participants":
        where = table.c.id.in_(_participants(scope))
    elif sheet == "instruments":
        where = table.c.id.in_(
            select(AssessmentResponse.instrument_id).where(
                scope.groups(AssessmentResponse.group_id)
            )
        )
    elif sheet == "answers":
        where = table.c.response_id.in_(
            select(AssessmentResponse.id).where(scope.groups(AssessmentResponse.group_id))
        )
    elif sheet == "audit_entries":
        where = or_(_person_audit(), _meeting_audit(meetings))
    else:  # pragma: no cover - every sheet is named above
        where = false()
    return select(table).where(where).order_by(table.c.id)


def _meeting_audit(meetings: Select) -> Any:
    """The trail of signed-off meetings: entries about the meeting or naming it, except those
    about a note that was private before or after the change (they hold its words)."""
    named = AuditEntry.after["meeting_id"].as_string()
    named_before = AuditEntry.before["meeting_id"].as_string()
    return (
        or_(
            (AuditEntry.entity == "meeting") & AuditEntry.entity_id.in_(meetings),
            named.in_(meetings),
            named_before.in_(meetings),
        )
        & ~_private_note_audit()
    )


def _private_note_audit() -> Any:
    private = NoteVisibility.PRIVATE.value
    sides = (AuditEntry.before["visibility"], AuditEntry.after["visibility"])
    # A side without the key (an entry made when the note was added or deleted) reads NULL.
    return (AuditEntry.entity == "note") & or_(
        *(func.coalesce(side.as_string(), "") == private for side in sides)
    )


def count(s: Session, sheet: str, scope: Scope) -> int:
    return s.scalar(select(func.count()).select_from(query(sheet, scope).subquery())) or 0


def rows(s: Session, sheet: str, scope: Scope) -> Iterator[dict[str, Any]]:
    """The sheet's records as plain values, pseudonymised where they must be."""
    entity = BY_SHEET[sheet]
    keys = (*STAMPS, *entity.value_keys)
    result = s.execute(query(sheet, scope).execution_options(yield_per=BATCH))
    columns = list(result.keys())
    pick = itemgetter(*(columns.index(key) for key in keys))  # a tuple at C speed
    for row in result:
        record = dict(zip(keys, pick(row), strict=True))
        if sheet == "participants":
            _pseudonymise_if_needed(record, row._mapping, scope.pseudonymise)
        yield record


def must_pseudonymise(consent_scope: Any, pseudonymise: bool) -> bool:
    return pseudonymise or not shares_name(consent_scope)


def _pseudonymise_if_needed(record: dict[str, Any], row: Any, pseudonymise: bool) -> None:
    hidden = must_pseudonymise(row["consent_scope"], pseudonymise)
    record[PSEUDONYMISED] = hidden
    if hidden:
        for key in PERSONAL_FIELDS:
            record[key] = ""


def pseudonymised_count(s: Session, scope: Scope) -> int:
    ids = select(Participant.id).where(Participant.id.in_(_participants(scope)))
    if not scope.pseudonymise:
        ids = ids.where(
            or_(
                Participant.consent_scope.is_(None),
                Participant.consent_scope != ConsentScope.SHARING,
            )
        )
    return s.scalar(select(func.count()).select_from(ids.subquery())) or 0


def private_notes_count(s: Session, scope: Scope) -> int:
    query_ = select(func.count(Note.id)).where(
        scope.groups(Note.group_id),
        Note.visibility == NoteVisibility.PRIVATE,
        Note.deleted_at.is_(None),
    )
    return s.scalar(query_) or 0


@dataclass(frozen=True)
class EvidenceFile:
    link_id: str
    meeting_id: str
    material_id: str
    filename: str
    media_type: str
    size: int
    sha256: str

    @property
    def path_in_zip(self) -> str:
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in self.filename)
        return f"{self.meeting_id}/{self.sha256[:12]}-{safe or 'file'}"


def evidence_files(s: Session, scope: Scope) -> list[EvidenceFile]:
    """The signed sign-in sheets kept for the exported meetings."""
    found = s.execute(
        select(MaterialLink, Material)
        .join(Material, Material.id == MaterialLink.material_id)
        .where(
            MaterialLink.kind == EVIDENCE_KIND,
            MaterialLink.deleted_at.is_(None),
            MaterialLink.meeting_id.in_(_meetings(scope)),
        )
        .order_by(MaterialLink.meeting_id, MaterialLink.created_at)
    )
    return [
        EvidenceFile(
            link.id,
            link.meeting_id or "",
            material.id,
            material.filename,
            material.media_type,
            material.size,
            material.sha256,
        )
        for link, material in found
    ]


def existing_groups(s: Session, group_ids: Sequence[str]) -> set[str]:
    return set(s.scalars(select(Group.id).where(Group.id.in_(list(group_ids)))))


def entity(sheet: str) -> SyncEntity:
    return BY_SHEET[sheet]


def seen_rows(s: Session) -> list[dict[str, Any]]:
    """What this installation has seen of others, whole or per group: the newest export of
    each imported here, and what those files' installations had seen in turn (after a whole
    file this one holds everything its sender held; after one of chosen groups, that much of
    those groups). Its own id is left out."""
    here = s.info.get("origin", "")
    seen: Seen = {}
    imports = s.execute(
        select(
            ImportRecord.source_origin,
            ImportRecord.exported_at,
            ImportRecord.scope,
            ImportRecord.seen,
        ).where(ImportRecord.kind == SYNC_KIND, ImportRecord.exported_at.is_not(None))
    )
    for origin, exported_at, scope, passed_on in imports:
        carried = scope_groups(scope)  # None: all of its groups
        for group in carried or ("",):
            saw(seen, origin, group, exported_at)
        for (other, group), moment in seen_from_json(passed_on or ()).items():
            for kept in _within(group, carried):
                saw(seen, other, kept, moment)
    return [
        {"origin": origin, "group_id": group, "exported_at": moment}
        for (origin, group), moment in sorted(seen.items())
        if origin and origin != here
    ]


def _within(group: str, carried: tuple[str, ...] | None) -> tuple[str, ...]:
    """Of what a sender had seen for ``group`` ("" for all), what a file that carried
    ``carried`` (None: all) passed on."""
    if carried is None:
        return (group,)
    if not group:
        return carried
    return (group,) if group in carried else ()
