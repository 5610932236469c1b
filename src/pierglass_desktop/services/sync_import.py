"""The coordinator's import of tutors' exports: preview first, then apply in one transaction.

``preview_import`` reads and checks every file whole (nothing is written) and says per file
whether it would be imported, refused (with one sentence and its errors) or was imported
before, with counts per sheet and the conflicts to resolve. ``apply_import`` backs the database
up and applies the accepted files in one transaction, resolving conflicts as told; when a
conflict has no resolution nothing at all is written. Files refused are never written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.collector import collector_paused
from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.enums import FileStatus
from pierglass_desktop.domain.errors import Conflict, StorageError, ValidationError
from pierglass_desktop.domain.models import ImportRecord
from pierglass_desktop.domain.records import SYNC_KIND
from pierglass_desktop.exchange.sync_format import (
    ENTITIES,
    FORMAT_VERSION,
    scope_groups,
    scope_words,
)
from pierglass_desktop.exchange.sync_merge import (
    ConflictItem,
    FieldDiff,
    FileOutcome,
    MergeRun,
    Resolution,
)
from pierglass_desktop.exchange.sync_read import RefusedFile, RowError, SyncFile, read_sync_file
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.changes import IMPORTED, changes
from pierglass_desktop.services.read_ahead import read_ahead

if TYPE_CHECKING:
    from pierglass_desktop.services.erasure import HeldBackup

__all__ = [
    "SYNC_KIND",
    "ConflictItem",
    "EntityCounts",
    "FieldDiff",
    "FilePreview",
    "FileStatus",
    "ImportPreview",
    "ImportResult",
    "Resolution",
    "RowError",
    "apply_import",
    "file_note",
    "forgetting_lines",
    "import_files",
    "list_imports",
    "preview_import",
    "sync_files_in",
]

# A file exported this much after this computer's now tells of a clock set wrong.
CLOCK_SLACK = timedelta(hours=1)

# progress(files done, files in all)
Progress = Callable[[int, int], None]
# Files larger than this in all hold about 5,000 rows or more: the search index is then rebuilt
# once after the import instead of row by row.
BULK_BYTES = 500_000


@dataclass(frozen=True)
class EntityCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    errors: int = 0


@dataclass(frozen=True)
class FilePreview:
    path: Path
    status: FileStatus
    reason: str  # one sentence for people; empty when the file is fine
    counts: Mapping[str, EntityCounts] = field(default_factory=dict)
    errors: tuple[RowError, ...] = ()
    conflicts: tuple[ConflictItem, ...] = ()
    origin: str = ""
    tutor: str = ""
    exported_at: datetime | None = None
    format_version: int = 0
    saved_by: str = ""  # a spreadsheet program that saved the file on the way
    # People erased where the file came from, whole here until it: forgotten by the import.
    forgotten: tuple[str, ...] = ()
    # Exported later than this computer's clock says it is now: one of the clocks is wrong.
    clock_ahead: bool = False
    sync: SyncFile | None = field(default=None, compare=False, repr=False)

    @property
    def upgraded(self) -> bool:
        """Made by an older program; read as if it were current."""
        return 0 < self.format_version < FORMAT_VERSION

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.counts.values())


@dataclass(frozen=True)
class ImportPreview:
    files: tuple[FilePreview, ...]

    @property
    def accepted(self) -> tuple[FilePreview, ...]:
        return tuple(f for f in self.files if f.status is FileStatus.OK)

    @property
    def refused(self) -> tuple[FilePreview, ...]:
        return tuple(f for f in self.files if f.status is FileStatus.REFUSED)

    @property
    def conflicts(self) -> tuple[ConflictItem, ...]:
        return tuple(c for f in self.files for c in f.conflicts)


@dataclass(frozen=True)
class ImportResult:
    files: tuple[FilePreview, ...]  # what was done, per file
    backup_path: Path | None
    # After an import that forgot people erased elsewhere: the backups that still hold them
    # (the one made before the import among them), and why the file could not be cleaned yet.
    backups_holding: tuple[HeldBackup, ...] = ()
    cleaning_unfinished: str = ""

    @property
    def forgotten(self) -> tuple[str, ...]:
        return tuple(p for f in self.applied for p in f.forgotten)

    @property
    def applied(self) -> tuple[FilePreview, ...]:
        return tuple(f for f in self.files if f.status is FileStatus.OK)

    @property
    def refused(self) -> tuple[FilePreview, ...]:
        return tuple(f for f in self.files if f.status is FileStatus.REFUSED)


# ---------------------------------------------------------------- preview


def sync_files_in(paths: Sequence[Path]) -> list[Path]:
    """The files named, a folder standing for the .xlsx files directly in it, by name."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx"))
        else:
            found.append(path)
    return found


@collector_paused()  # the records read are many objects that live until the preview ends
def preview_import(
    sessions: sessionmaker[Session],
    paths: Sequence[Path],
    progress: Progress | None = None,
    password: str | None = None,
) -> ImportPreview:
    """What importing ``paths`` would do; nothing is written. ``password`` opens protected files."""
    return _preview_read(sessions, _reading(_files_to_import(paths), progress, password))


def _preview_read(
    sessions: sessionmaker[Session], read: Iterable[FilePreview | SyncFile]
) -> ImportPreview:
    from pierglass_desktop.storage import search_index

    with sessions() as s:
        # The search index is not needed to say what would change: its per-row triggers are
        # dropped inside the transaction, and the rollback brings them back untouched.
        search_index.drop_triggers(s.connection())
        previews = _merge_all(s, read, None)
        s.rollback()
    return ImportPreview(tuple(previews))


def _files_to_import(paths: Sequence[Path]) -> list[Path]:
    files = sync_files_in(paths)
    if not files:
        raise ValidationError(_("There are no .xlsx files to import there."))
    return files


def _reading(
    files: list[Path], progress: Progress | None, password: str | None
) -> Iterator[FilePreview | SyncFile]:
    """Each file read and checked whole, in order, while the caller merges the ones before
    (``read_ahead``)."""
    return read_ahead(partial(_read, password=password), files, progress)


def _imported_hashes(s: Session) -> set[str]:
    return set(s.scalars(select(ImportRecord.sha256).where(ImportRecord.kind == SYNC_KIND)))


def _read(path: Path, password: str | None = None) -> FilePreview | SyncFile:
    try:
        return read_sync_file(path, password)
    except RefusedFile as refusal:
        return FilePreview(path, FileStatus.REFUSED, str(refusal), errors=refusal.errors)


def _merge_all(
    s: Session,
    read: Iterable[FilePreview | SyncFile],
    decide: Callable[[ConflictItem], Resolution | None] | None,
    *,
    backup: str = "",
) -> list[FilePreview]:
    from pierglass_desktop.storage.bulk import bulk_page_cache, plain_indexes_built_after

    connection = s.connection()
    run = MergeRun(connection, decide, origin=s.info.get("origin", ""))
    with bulk_page_cache(connection), plain_indexes_built_after(connection, run.empty_at_start):
        return _merge_each(s, run, read, backup)


def _merge_each(
    s: Session, run: MergeRun, read: Iterable[FilePreview | SyncFile], backup: str
) -> list[FilePreview]:
    imported = _imported_hashes(s)
    previews = []
    for item in read:
        if isinstance(item, FilePreview):
            previews.append(item)
            continue
        if item.sha256 in imported:
            previews.append(_already(item))
            continue
        imported.add(item.sha256)
        outcome = run.merge_file(item)
        preview = _preview_of(item, outcome)
        if preview.status is FileStatus.OK:
            # Also in the preview (rolled back): a later file from the same installation
            # then finds this one's export time, as it will when the import runs.
            run.record_import(item, outcome, backup)
        previews.append(preview)
    return previews


def _already(sync: SyncFile) -> FilePreview:
    return FilePreview(
        sync.path,
        FileStatus.ALREADY_IMPORTED,
        _("{name} was imported before; importing it again changes nothing.").format(
            name=sync.path.name
        ),
        **_about(sync),
    )


def _about(sync: SyncFile) -> dict[str, Any]:
    return {
        "origin": sync.origin,
        "tutor": sync.meta.extra.get("tutor", ""),
        "exported_at": sync.exported_at,
        "format_version": sync.meta.format_version,
        "saved_by": sync.saved_by,
        "clock_ahead": sync.exported_at is not None and sync.exported_at > utcnow() + CLOCK_SLACK,
    }


def _preview_of(sync: SyncFile, outcome: FileOutcome) -> FilePreview:
    tally = outcome.tally
    errors_per_sheet: dict[str, int] = {}
    for error in outcome.errors:
        errors_per_sheet[error.sheet] = errors_per_sheet.get(error.sheet, 0) + 1
    counts = {
        e.sheet: EntityCounts(
            tally.new[e.sheet],
            tally.updated[e.sheet],
            tally.unchanged[e.sheet],
            tally.conflicts[e.sheet],
            errors_per_sheet.get(e.sheet, 0),
        )
        for e in ENTITIES
    }
    if outcome.errors:
        status, reason = FileStatus.REFUSED, outcome.errors[0].sentence(sync.path.name)
    else:
        status, reason = FileStatus.OK, ""
    return FilePreview(
        sync.path,
        status,
        reason,
        MappingProxyType(counts),
        tuple(outcome.errors),
        tuple(outcome.conflicts),
        forgotten=tuple(outcome.forgotten),
        sync=sync,
        **_about(sync),
    )


# ---------------------------------------------------------------- apply


@changes(*IMPORTED)
@collector_paused()
def apply_import(
    database_or_sessions: Any,
    preview: ImportPreview,
    resolution: Resolution | None = None,
    per_conflict: Mapping[str, Resolution] | None = None,
) -> ImportResult:
    """Back up, then apply the preview's accepted files in one transaction.

    ``per_conflict`` (keyed by ``ConflictItem.key``) wins over ``resolution``. If a conflict is
    left without a resolution, ``Conflict`` is raised and nothing is written.
    """
    sessions, path = _sessions_and_path(database_or_sessions)
    if not preview.accepted:
        return ImportResult(preview.files, None)
    choices = dict(per_conflict or {})

    def decide(conflict: ConflictItem) -> Resolution | None:
        return choices.get(conflict.key) or resolution

    backup = _backup(path)
    read = [f if f.sync is None or f.status is not FileStatus.OK else f.sync for f in preview.files]
    done = _merge_in_one_transaction(
        sessions,
        read,
        decide,
        backup,
        bulk=_bulk(f.path for f in preview.accepted),
        keep_conflicts=False,
    )
    return _after_forgetting(sessions, path, ImportResult(tuple(done), backup))


@changes(*IMPORTED)
@collector_paused()
def import_files(
    database_or_sessions: Any,
    paths: Sequence[Path],
    resolution: Resolution | None = None,
    progress: Progress | None = None,
    password: str | None = None,
) -> tuple[ImportPreview, ImportResult | None]:
    """Preview and import in one pass, for when nobody looks at the preview in between (the
    command line): the files are read and merged once, after a backup, in one transaction.

    What is done is what ``preview_import`` followed by ``apply_import`` would do. When a
    conflict is left without ``resolution`` nothing is written and the result is None: the
    preview then lists the conflicts.
    """
    sessions, path = _sessions_and_path(database_or_sessions)
    files = _files_to_import(paths)
    reading = _reading(files, progress, password)
    with sessions() as s:
        imported = _imported_hashes(s)
    before: list[FilePreview | SyncFile] = []  # read up to the first file with something new
    for item in reading:
        before.append(item)
        if isinstance(item, SyncFile) and item.sha256 not in imported:
            break
    else:
        return _preview_read(sessions, before), None  # nothing to write: no backup needed
    backup = _backup(path)  # while the next files are read
    done = _merge_in_one_transaction(
        sessions,
        chain(before, reading),
        lambda _conflict: resolution,
        backup,
        bulk=_bulk(files),
        keep_conflicts=True,
    )
    if any(f.conflicts for f in done):
        return ImportPreview(tuple(done)), None
    result = _after_forgetting(sessions, path, ImportResult(tuple(done), backup))
    return ImportPreview(tuple(done)), result


def file_note(item: FilePreview) -> str:
    """What a person should know of an importable file before importing it: a clock that
    looks wrong, and people it erases here."""
    from pierglass_desktop.i18n.formatting import format_datetime

    notes = []
    if item.clock_ahead:
        notes.append(
            _(
                "It was exported on {moment}, later than this computer's clock says it is now: "
                "one of the two clocks is wrong, so which change is the newer may be judged "
                "wrongly. Check both clocks before importing."
            ).format(moment=format_datetime(item.exported_at))
        )
    if item.forgotten:
        count = len(item.forgotten)
        notes.append(
            ngettext(
                "Importing it erases {count} person held here: they were erased where the file "
                "came from.",
                "Importing it erases {count} people held here: they were erased where the file "
                "came from.",
                count,
            ).format(count=count)
        )
    return " ".join(notes)


def forgetting_lines(result: ImportResult) -> list[str]:
    """What an import that forgot people erased elsewhere tells: how many, the backups that
    still hold them, and a cleaning another program kept from finishing."""
    from pierglass_desktop.services.erasure import describe_backups

    if not result.forgotten:
        return []
    count = len(result.forgotten)
    lines = [
        ngettext(
            "{count} person erased where the files came from was erased here too.",
            "{count} people erased where the files came from were erased here too.",
            count,
        ).format(count=count)
    ]
    lines += describe_backups(result.backups_holding)
    if result.cleaning_unfinished:
        lines.append(result.cleaning_unfinished)
    return lines


def _after_forgetting(
    sessions: sessionmaker[Session], path: Path | None, result: ImportResult
) -> ImportResult:
    """An import that forgot people erased elsewhere cleans the file as the erasure does
    (freed pages and the write-ahead log hold their data until then) and lists the backups
    that still hold them."""
    from dataclasses import replace

    from pierglass_desktop.services.erasure import clean_file, held_backups

    if not result.forgotten:
        return result
    unfinished = ""
    try:
        clean_file(path, sessions.kw["bind"])
    except StorageError as error:
        unfinished = str(error)
    held = held_backups(path, *result.forgotten)
    return replace(result, backups_holding=held, cleaning_unfinished=unfinished)


def _bulk(files: Iterable[Path]) -> bool:
    """Whether the files are large enough for one rebuild of the search index to be cheaper
    than its per-row triggers (judged by their size, known before they are read)."""
    return sum(path.stat().st_size for path in files if path.is_file()) > BULK_BYTES


class _UnresolvedConflicts(Exception):
    """Rolls the import's transaction back; the previews say which conflicts were left."""

    def __init__(self, done: list[FilePreview]):
        super().__init__()
        self.done = done


def _merge_in_one_transaction(
    sessions: sessionmaker[Session],
    read: Iterable[FilePreview | SyncFile],
    decide: Callable[[ConflictItem], Resolution | None],
    backup: Path | None,
    *,
    bulk: bool,
    keep_conflicts: bool,
) -> list[FilePreview]:
    """Merge ``read`` and commit; with a conflict left, write nothing and either raise
    ``Conflict`` or (``keep_conflicts``) return the previews that list them."""
    from pierglass_desktop.storage import search_index
    from pierglass_desktop.storage.import_lock import import_lock

    try:
        with sessions.begin() as s:
            import_lock(s)  # a server database: one import at a time (storage/import_lock.py)
            connection = s.connection()
            if bulk and search_index.index_exists(connection):
                with search_index.paused(connection):
                    done = _merge_all(s, read, decide, backup=str(backup or ""))
            else:
                done = _merge_all(s, read, decide, backup=str(backup or ""))
            if any(f.conflicts for f in done):
                raise _UnresolvedConflicts(done)
    except _UnresolvedConflicts as unresolved:
        if keep_conflicts:
            return unresolved.done
        left = sum(len(f.conflicts) for f in unresolved.done)
        raise Conflict(
            ngettext(
                "{count} record was changed both here and in the files since the last "
                "import; choose whose version to keep. Nothing was imported.",
                "{count} records were changed both here and in the files since the last "
                "import; choose whose version to keep. Nothing was imported.",
                left,
            ).format(count=left)
        ) from None
    return done


def _sessions_and_path(database_or_sessions: Any) -> tuple[sessionmaker[Session], Path | None]:
    sessions = getattr(database_or_sessions, "sessions", database_or_sessions)
    path = getattr(database_or_sessions, "path", None)
    if path is None:
        bind = sessions.kw.get("bind")
        name = getattr(getattr(bind, "url", None), "database", None)
        path = Path(name) if name else None
    return sessions, path


def _backup(path: Path | None) -> Path | None:
    from pierglass_desktop.storage.backup import make_backup

    if path is None or not path.is_file():
        return None
    return make_backup(path, "before-sync-import")


# ---------------------------------------------------------------- history


@dataclass(frozen=True)
class ImportRow:
    imported_at: datetime
    kind: str
    filename: str
    sha256: str
    origin: str
    exported_at: datetime | None
    records: int  # new and updated
    backup_path: str
    groups: tuple[str, ...] | None = None  # the groups a sync file carried; None: all of them

    @property
    def covers(self) -> str:
        """What a sync file covered, in words; empty for other kinds of import."""
        if self.kind != SYNC_KIND:
            return ""
        return scope_words(self.groups)


def list_imports(sessions: sessionmaker[Session]) -> list[ImportRow]:
    """Every file imported into this database, the latest first."""
    with sessions() as s:
        records = s.scalars(select(ImportRecord).order_by(ImportRecord.imported_at.desc()))
        return [
            ImportRow(
                r.imported_at,
                r.kind,
                r.filename,
                r.sha256,
                r.source_origin,
                r.exported_at,
                sum(
                    v
                    for k, v in (r.counts or {}).items()
                    if k.endswith("_new") or k.endswith("_updated")
                ),
                r.backup_path,
                scope_groups(r.scope),
            )
            for r in records
        ]
