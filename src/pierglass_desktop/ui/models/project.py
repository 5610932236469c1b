"""Columns of the Project page: every group of the project, and probable duplicate people."""

from __future__ import annotations

from pathlib import PurePath

from pierglass_desktop.domain.vocabulary import label
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.i18n.formatting import format_date, format_hours
from pierglass_desktop.services.duplicates import REASON_LABELS, DuplicatePair
from pierglass_desktop.services.project_overview import ProjectGroupRow
from pierglass_desktop.ui.models.table import Column, RowTableModel


def origin_text(row: ProjectGroupRow) -> str:
    """Where the group came from, in words: this computer, or the tutor's copy."""
    if row.here:
        return _("This computer")
    return _("Copy {code}").format(code=row.origin[:8] or "?")


def last_import_text(row: ProjectGroupRow) -> str:
    if row.last_import is None:
        return ""
    imported = row.last_import.imported_at.astimezone().date()
    return f"{format_date(imported)} · {PurePath(row.last_import.filename).name}"


PROJECT_GROUP_COLUMNS = (
    Column(N_("Tutors"), lambda r: r.tutor_names),
    Column(N_("Group"), lambda r: r.name),
    Column(N_("Status"), lambda r: label(r.status)),
    Column(N_("Origin"), origin_text),
    Column(
        N_("Last import"),
        last_import_text,
        lambda r: r.last_import.imported_at.timestamp() if r.last_import else None,
    ),
    Column(N_("Members"), lambda r: str(r.members), lambda r: r.members, numeric=True),
    Column(
        N_("Meetings held"), lambda r: str(r.meetings_held), lambda r: r.meetings_held, numeric=True
    ),
    Column(
        N_("Participant hours"),
        lambda r: format_hours(r.participant_minutes),
        lambda r: r.participant_minutes,
        numeric=True,
    ),
)


def _person(p) -> str:
    return f"{p.full_name} ({p.pseudonym})" if p.pseudonym else p.full_name


def reasons_text(pair: DuplicatePair) -> str:
    return "; ".join(_(REASON_LABELS[r]) for r in pair.reasons)


DUPLICATE_COLUMNS = (
    Column(N_("Person"), lambda d: _person(d.first)),
    Column(N_("Possibly the same as"), lambda d: _person(d.second)),
    Column(N_("Why"), reasons_text),
    Column(
        N_("Groups"),
        lambda d: " | ".join((", ".join(d.first.groups), ", ".join(d.second.groups))),
    ),
)


def project_group_model(parent=None) -> RowTableModel:
    """Rows: ProjectGroupRow."""
    return RowTableModel(PROJECT_GROUP_COLUMNS, parent)


def duplicate_model(parent=None) -> RowTableModel:
    """Rows: DuplicatePair."""
    return RowTableModel(DUPLICATE_COLUMNS, parent)
