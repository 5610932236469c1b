"""The group's documents in one list, for ``pierglass report`` and the Reports page: the group
report (PDF or workbook), participation certificates (PDF) and participant hours (workbook).

Like ``reports.printables`` each entry names where its data comes from (``services``) and what
draws it (a renderer here, which never reads the database). A document may be written in
another language than the program's: only the drawing switches, in this thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.i18n import N_, _, in_language

PDF, XLSX = "pdf", "xlsx"


@dataclass(frozen=True)
class DocumentRequest:
    group_id: str | None = None
    participant_id: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Document:
    name: str
    label: str  # N_(): translate where shown
    formats: dict[str, tuple[Callable[[Any, DocumentRequest], Any], Callable[[Any, Path], Path]]]
    default_file: str  # N_(): a file name stem
    group_required: bool = True  # hours: without a group, every group
    per_member: bool = False  # may be asked for one member alone
    dated: bool = True  # honours a date range
    whole_project: bool = False  # covers every group: a group asked for is refused, not ignored


def _scope(request: DocumentRequest):
    from pierglass_desktop.services.group_report import Scope

    return Scope(request.group_id or "", request.participant_id, request.start, request.end)


def _group_data(sessions, request: DocumentRequest):
    from pierglass_desktop.services.group_report import group_report_data

    return group_report_data(sessions, _scope(request))


def _certificates_data(sessions, request: DocumentRequest):
    from pierglass_desktop.services.group_report import certificates_data

    return certificates_data(sessions, _scope(request))


def _hours_data(sessions, request: DocumentRequest):
    from pierglass_desktop.services.hours import hours_data

    return hours_data(sessions, request.group_id)


def _project_data(sessions, request: DocumentRequest):
    from pierglass_desktop.services.indicators import indicators

    return indicators(sessions, request.start, request.end)


def _project_pdf(data, output: Path) -> Path:
    from pierglass_desktop.reports.project_report import project_report_pdf

    return project_report_pdf(data, output)


def _project_xlsx(data, output: Path) -> Path:
    from pierglass_desktop.reports.project_report import project_workbook

    return project_workbook(data, output)


def _group_pdf(data, output: Path) -> Path:
    from pierglass_desktop.reports.group_report import group_report_pdf

    return group_report_pdf(data, output)


def _group_xlsx(data, output: Path) -> Path:
    from pierglass_desktop.reports.group_workbook import group_workbook

    return group_workbook(data, output)


def _certificates_pdf(data, output: Path) -> Path:
    from pierglass_desktop.reports.certificates import certificates_pdf

    return certificates_pdf(data, output)


def _hours_xlsx(data, output: Path) -> Path:
    from pierglass_desktop.reports.hours_workbook import hours_workbook

    return hours_workbook(data, output)


DOCUMENTS: dict[str, Document] = {
    d.name: d
    for d in (
        Document(
            "group",
            N_("Group report"),
            {PDF: (_group_data, _group_pdf), XLSX: (_group_data, _group_xlsx)},
            N_("group-report"),
        ),
        Document(
            "certificates",
            N_("Participation certificates"),
            {PDF: (_certificates_data, _certificates_pdf)},
            N_("certificates"),
            per_member=True,
        ),
        Document(
            "hours",
            N_("Participant hours"),
            {XLSX: (_hours_data, _hours_xlsx)},
            N_("participant-hours"),
            group_required=False,
            dated=False,
        ),
        Document(
            "project",
            N_("Project report"),
            {PDF: (_project_data, _project_pdf), XLSX: (_project_data, _project_xlsx)},
            N_("project-report"),
            group_required=False,
            whole_project=True,
        ),
    )
}


def check_request(name: str, fmt: str, request: DocumentRequest) -> Document:
    """The document asked for, or one sentence saying what is missing."""
    document = DOCUMENTS[name]
    if fmt not in document.formats:
        formats = ", ".join(document.formats)
        raise ValidationError(
            _("The {document} can be written as {formats} only.").format(
                document=_(document.label).lower(), formats=formats
            )
        )
    if document.group_required and not request.group_id:
        raise ValidationError(_("Choose the group first."))
    if request.group_id and document.whole_project:
        raise ValidationError(
            _("The {document} covers every group; leave the group out.").format(
                document=_(document.label).lower()
            )
        )
    if request.participant_id and not document.per_member:
        raise ValidationError(
            _("The {document} covers the whole group; leave the person out.").format(
                document=_(document.label).lower()
            )
        )
    if (request.start or request.end) and not document.dated:
        raise ValidationError(
            _("The {document} covers every session held; leave the dates out.").format(
                document=_(document.label).lower()
            )
        )
    return document


def write_document(
    name: str,
    fmt: str,
    sessions,
    output: Path,
    request: DocumentRequest,
    language: str | None = None,
) -> Path:
    """Read the data (one read transaction), then draw it to ``output`` (written atomically)
    in ``language`` (None: the program's)."""
    document = check_request(name, fmt, request)
    read, render = document.formats[fmt]
    data = read(sessions, request)
    with in_language(language):
        return render(data, Path(output))
