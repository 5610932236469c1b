"""The tutor's export for the project: one ``pierglass-sync`` workbook (issue 10).

``plan_export`` says what an export would hold without writing; ``export_sync`` writes it, and
with ``with_evidence`` a companion zip of the signed sign-in sheets beside it, each file listed
in the workbook's ``evidence`` sheet by sha256 so an auditor's copy can be checked.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.errors import NotFound, StorageError, ValidationError
from pierglass_desktop.domain.models import Material
from pierglass_desktop.exchange import sync_collect as collect
from pierglass_desktop.exchange.sync_format import (
    ENTITIES,
    EVIDENCE_SHEET,
    SEEN_SHEET,
    SYNC_FORMAT,
    scope_text,
    scope_words,
)
from pierglass_desktop.exchange.workbook import write_workbook
from pierglass_desktop.i18n import _

T = TypeVar("T")

# progress(step, steps): called after each sheet is written.
Progress = Callable[[int, int], None]
EVIDENCE_SUFFIX = "-evidence.zip"


@dataclass(frozen=True)
class ExportPlan:
    """What an export holds (or would hold)."""

    counts: Mapping[str, int]  # sheet -> rows, tombstones included
    pseudonymised: int  # people sent under their pseudonym code only
    private_notes_kept: int  # private notes that stay on this machine
    evidence_files: int = 0
    output: Path | None = None
    evidence_zip: Path | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def plan_export(
    sessions: sessionmaker[Session], group_ids: list[str] | None, pseudonymise: bool
) -> ExportPlan:
    """What ``export_sync`` with these choices would write; writes nothing."""
    with sessions() as s:
        scope = _scope(s, group_ids, pseudonymise)
        return _plan(s, scope)


def export_sync(
    sessions: sessionmaker[Session],
    output: Path,
    *,
    group_ids: Sequence[str] | None = None,
    pseudonymise: bool = False,
    with_evidence: bool = False,
    progress: Progress | None = None,
    tutor: str = "",
    password: str | None = None,
) -> ExportPlan:
    """Write the export to ``output`` (atomically) and return what it holds.

    With a ``password`` the workbook is encrypted (``exchange.protected``)."""
    output = Path(output)
    if not output.parent.is_dir():
        raise ValidationError(_("The folder {folder} does not exist.").format(folder=output.parent))
    with sessions() as s:
        scope = _scope(s, list(group_ids) if group_ids is not None else None, pseudonymise)
        pseudonymised = collect.pseudonymised_count(s, scope)
        private_notes_kept = collect.private_notes_count(s, scope)
        origin = str(s.info.get("origin", ""))
        tutor = tutor or _tutors_of(s, scope)
        evidence = collect.evidence_files(s, scope) if with_evidence else []
        zip_path = output.with_name(output.stem + EVIDENCE_SUFFIX) if with_evidence else None
        if zip_path is not None:
            _write_evidence_zip(s, zip_path, evidence)
        step = _Steps(len(ENTITIES), progress)
        data: dict[str, Iterable[dict[str, Any]]] = {
            e.sheet: step.counted(e.sheet, collect.rows(s, e.sheet, scope)) for e in ENTITIES
        }
        data[EVIDENCE_SHEET] = [_evidence_row(f) for f in evidence]
        data[SEEN_SHEET] = collect.seen_rows(s)
        write_workbook(
            output,
            SYNC_FORMAT,
            data,
            origin=origin,
            about=_about(pseudonymised, tutor, scope),
            extra_meta={
                "tutor": tutor,
                "scope": scope_text(scope.group_ids),
                "pseudonymised": "true" if pseudonymise else "false",
            },
            password=password,
        )
    return ExportPlan(
        MappingProxyType(step.counts),  # the rows written: no second count of the database
        pseudonymised,
        private_notes_kept,
        len(evidence),
        output,
        zip_path,
    )


class _Steps:
    """Counts the rows of each sheet as they are written, and tells the progress callback
    each time a sheet is done."""

    def __init__(self, total: int, progress: Progress | None):
        self.done, self.total, self.progress = 0, total, progress
        self.counts: dict[str, int] = {}

    def counted(self, sheet: str, rows: Iterable[T]) -> Iterator[T]:
        self.counts[sheet] = 0
        for row in rows:
            self.counts[sheet] += 1
            yield row
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


def _scope(s: Session, group_ids: list[str] | None, pseudonymise: bool) -> collect.Scope:
    if group_ids is not None:
        ids = tuple(dict.fromkeys(g.strip().lower() for g in group_ids))
        missing = set(ids) - collect.existing_groups(s, ids)
        if missing:
            raise NotFound(
                _("There is no group with the id {id} in this database.").format(
                    id=sorted(missing)[0]
                )
            )
        return collect.Scope(ids, pseudonymise)
    return collect.Scope(None, pseudonymise)


def _plan(s: Session, scope: collect.Scope) -> ExportPlan:
    counts = {e.sheet: collect.count(s, e.sheet, scope) for e in ENTITIES}
    return ExportPlan(
        MappingProxyType(counts),
        collect.pseudonymised_count(s, scope),
        collect.private_notes_count(s, scope),
    )


def _tutors_of(s: Session, scope: collect.Scope) -> str:
    """Who exported, when no name is set in the preferences: the groups' tutors, each once, in
    the order they lead or help, so the coordinator's preview names the file's people."""
    from pierglass_desktop.services.membership import tutor_names

    names: dict[str, None] = {}
    for group_names in tutor_names(s, scope.group_ids).values():
        names.update(dict.fromkeys(group_names))
    return ", ".join(names)


def _about(pseudonymised: int, tutor: str, scope: collect.Scope) -> list[str]:
    return [
        _("Pier-glass project export"),
        _("Exported by: {tutor}").format(tutor=tutor or _("unknown")),
        _("Covers: {groups}").format(groups=scope_words(scope.group_ids)),
        _("Participants under a pseudonym code only: {count}").format(count=pseudonymised),
        _("Private notes are never exported."),
        _(
            "Import this file in Pier-glass: Import and export → Import, "
            "or `pierglass import FILE`."
        ),
        _("The sheets after this one are read by the program; change them only if you know how."),
    ]


def _evidence_row(item: collect.EvidenceFile) -> dict[str, Any]:
    return {
        "link_id": item.link_id,
        "meeting_id": item.meeting_id,
        "filename": item.filename,
        "media_type": item.media_type,
        "size": item.size,
        "sha256": item.sha256,
        "path_in_zip": item.path_in_zip,
    }


def _write_evidence_zip(s: Session, path: Path, files: list[collect.EvidenceFile]) -> None:
    from pierglass_desktop.private_files import create_private_file

    partial = path.with_name(path.name + ".partial")
    try:
        create_private_file(partial)  # 0600: signed sheets name people
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
            for item in files:  # photos and PDFs are compressed already
                data = s.scalar(select(Material.data).where(Material.id == item.material_id))
                archive.writestr(item.path_in_zip, data or b"")
        partial.replace(path)
    except OSError as error:
        raise StorageError(
            _("{path} could not be written ({reason}).").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    finally:
        partial.unlink(missing_ok=True)
