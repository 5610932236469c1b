"""The participant-hours workbook for ESF+ reporting: one row per person and group, with the
sessions attended, hours and the first and last day, from ``services.hours.HoursReport``."""

from __future__ import annotations

from pathlib import Path

from pierglass_desktop.i18n import _
from pierglass_desktop.services.hours import HoursReport


def hours_workbook(report: HoursReport, output: Path) -> Path:
    from pierglass_desktop.reports import xlsx_base as x

    document = _("Participant hours")
    subject = report.groups[0] if len(report.groups) == 1 else _("All groups")
    columns = [
        x.Col(_("Person"), 28),
        x.Col(_("Code"), 10),
        x.Col(_("Group"), 36),
        x.Col(_("Sessions"), 12, "int"),
        x.Col(_("Hours"), 9, "hours"),
        x.Col(_("First session"), 14, "date"),
        x.Col(_("Last session"), 14, "date"),
    ]
    rows = (
        (r.person, r.pseudonym, r.group, r.meetings, r.hours, r.first, r.last) for r in report.rows
    )
    workbook = x.new_workbook()
    total = (_("Total"), "", "", sum(r.meetings for r in report.rows), report.minutes / 60, "", "")
    x.table_sheet(
        workbook,
        document,
        columns,
        _with_total(rows, total),
        document=document,
        subject=subject,
        landscape=True,
    )
    return x.save_workbook(workbook, output)


def _with_total(rows, total):
    yield from rows
    yield total
