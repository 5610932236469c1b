"""The group workbook: Summary, Attendance (meetings × members in colour), Meetings, Members,
Commitments and Feedback, from ``services.group_report.GroupReport``; ready to print."""

from __future__ import annotations

from pathlib import Path

from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.domain.vocabulary import colour, label, symbol
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_date
from pierglass_desktop.services.group_report import GroupReport, mean


def group_workbook(report: GroupReport, output: Path) -> Path:
    from pierglass_desktop.reports import xlsx_base as x

    workbook = x.new_workbook()
    document = _("Group workbook")
    _summary(workbook, report, document)
    _attendance(workbook, report, document)
    _meetings(workbook, report, document)
    _members(workbook, report, document)
    _commitments(workbook, report, document)
    _feedback(workbook, report, document)
    return x.save_workbook(workbook, output)


OUTSIDE = "C9D0D4"  # not a member that day: darker than any status's light tint


def period_text(report: GroupReport) -> str:
    first, last = report.scope.start or report.first_day, report.scope.end or report.last_day
    if first is None and last is None:
        return "–"
    return f"{format_date(first) if first else '…'} – {format_date(last) if last else '…'}"


def summary_rows(report: GroupReport) -> list[tuple[str, object, str]]:
    """(label, value, kind) pairs the workbook's Summary and the PDF's cover share."""
    attended = sum(m.attended for m in report.members)
    possible = sum(m.possible for m in report.members)
    follow = report.follow_through()
    reviewed = sum(n for key, n in follow.items() if key is not None)
    rows: list[tuple[str, object, str]] = [
        (_("Group"), report.group, "text"),
        (_("Tutors"), ", ".join(report.tutors) or "–", "text"),
        (_("Period"), period_text(report), "text"),
        (_("Sessions held"), len(report.meetings), "int"),
        (_("Hours of sessions held"), report.hours_held, "hours"),
        (_("Members"), len(report.members), "int"),
        (_("Attendance rate"), attended / possible if possible else None, "rate"),
        (_("Members' hours in all"), sum(m.minutes for m in report.members) / 60, "hours"),
        (_("Commitments made"), len(report.commitments), "int"),
        (_("Commitments reviewed"), reviewed, "int"),
        (_("Usefulness, average (1–5)"), mean(f.usefulness for f in report.feedback), "average"),
        (_("Atmosphere, average (1–5)"), mean(f.atmosphere for f in report.feedback), "average"),
    ]
    return rows


def _summary(workbook, report: GroupReport, document: str) -> None:
    from pierglass_desktop.reports import xlsx_base as x

    sheet = workbook.create_sheet(x.clean_sheet_title(_("Summary")))
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 50
    x.prepare_print(sheet, document, report.group, landscape=False, freeze="A2")
    sheet.append([x.cell(sheet, document, font=x.BOLD), x.cell(sheet, report.group, font=x.BOLD)])
    count = 1
    for caption, value, kind in summary_rows(report):
        sheet.append([x.cell(sheet, caption), x.cell(sheet, value, kind)])
        count += 1
    x.set_print_area(sheet, 2, count)


def _attendance(workbook, report: GroupReport, document: str) -> None:
    """Members down, meetings across: each mark by name and colour; before joining or after
    leaving a grey blank, never "absent"."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from pierglass_desktop.reports import xlsx_base as x

    sheet = workbook.create_sheet(x.clean_sheet_title(_("Attendance")))
    widths = [26, 22, *([6.5] * len(report.meetings)), 12, 12, 9, 9]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    x.prepare_print(sheet, document, report.group, landscape=True, freeze="C3")
    sheet.print_title_cols = "A:A"
    sheet.print_title_rows = "1:2"
    # Two heading rows, the session's number over its day: a narrow column fits either.
    headings = [
        _("Name"),
        _("Company"),
        *(_("No. {number}").format(number=m.number) for m in report.meetings),
        _("Attended"),
        _("Possible"),
        _("Rate"),
        _("Hours"),
    ]
    sheet.append(x.header_row(sheet, headings))
    blank = [""] * 2 + [f"{m.starts_at:%d.%m.}" for m in report.meetings] + [""] * 4
    sheet.append(x.header_row(sheet, blank))
    outside = PatternFill("solid", fgColor=OUTSIDE)
    fills, fonts = {}, {}
    for member in report.members:
        row = [x.cell(sheet, member.name), x.cell(sheet, member.company)]
        for mark in member.cells:
            if not mark.in_period and mark.status is None:
                row.append(x.cell(sheet, None, fill=outside))
                continue
            made = x.cell(sheet, symbol(mark.status), center=True)
            if mark.status is not None:
                key = mark.status
                fills.setdefault(key, PatternFill("solid", fgColor=x.tint(colour(key), 0.14)))
                fonts.setdefault(key, Font(color=colour(key).lstrip("#").upper(), bold=True))
                made.fill, made.font = fills[key], fonts[key]
            row.append(made)
        row += [
            x.cell(sheet, member.attended, "int"),
            x.cell(sheet, member.possible, "int"),
            x.cell(sheet, member.rate, "rate"),
            x.cell(sheet, member.hours, "hours"),
        ]
        sheet.append(row)
    sheet.append([])
    legend = "   ".join(f"{symbol(s)} {label(s)}" for s in AttendanceStatus)
    sheet.append([x.cell(sheet, legend)])
    sheet.append([x.cell(sheet, _("Grey: not a member on that day (not counted as absent)."))])
    x.set_print_area(sheet, len(widths), len(report.members) + 5)


def _meetings(workbook, report: GroupReport, document: str) -> None:
    from pierglass_desktop.reports import xlsx_base as x

    columns = [
        x.Col(_("No."), 6, "int"),
        x.Col(_("Date"), 14, "date"),
        x.Col(_("Theme"), 40, "wrap"),
        x.Col(_("Hours"), 8, "hours"),
        x.Col(_("Expected"), 11, "int"),
        x.Col(_("Attended"), 12, "int"),
        x.Col(_("Rate"), 8, "rate"),
    ]
    rows = (
        (
            m.number,
            m.starts_at.date(),
            m.theme,
            m.minutes / 60,
            m.expected,
            m.attended,
            m.attended / m.expected if m.expected else None,
        )
        for m in report.meetings
    )
    x.table_sheet(workbook, _("Sessions"), columns, rows, document=document, subject=report.group)


def _members(workbook, report: GroupReport, document: str) -> None:
    from pierglass_desktop.reports import xlsx_base as x

    columns = [
        x.Col(_("Name"), 28),
        x.Col(_("Company"), 28),
        x.Col(_("Possible"), 13, "int"),
        x.Col(_("Attended"), 12, "int"),
        x.Col(_("Rate"), 8, "rate"),
        x.Col(_("Hours"), 8, "hours"),
    ]
    rows = ((m.name, m.company, m.possible, m.attended, m.rate, m.hours) for m in report.members)
    x.table_sheet(workbook, _("Members"), columns, rows, document=document, subject=report.group)


def _commitments(workbook, report: GroupReport, document: str) -> None:
    from pierglass_desktop.reports import xlsx_base as x

    columns = [
        x.Col(_("No."), 6, "int"),
        x.Col(_("Date"), 14, "date"),
        x.Col(_("Member"), 24),
        x.Col(_("Commitment"), 50, "wrap"),
        x.Col(_("Follow-up"), 12),
        x.Col(_("Comment"), 40, "wrap"),
    ]
    rows = (
        (c.meeting_number, c.day, c.member, c.text, label(c.follow_up), c.comment)
        for c in report.commitments
    )
    x.table_sheet(
        workbook,
        _("Commitments"),
        columns,
        rows,
        document=document,
        subject=report.group,
        landscape=True,
    )


def _feedback(workbook, report: GroupReport, document: str) -> None:
    from pierglass_desktop.reports import xlsx_base as x

    columns = [
        x.Col(_("No."), 6, "int"),
        x.Col(_("Date"), 14, "date"),
        x.Col(_("Slips"), 8, "int"),
        x.Col(_("Usefulness"), 12, "average"),
        x.Col(_("Atmosphere"), 12, "average"),
    ]
    rows = ((f.meeting_number, f.day, f.slips, f.usefulness, f.atmosphere) for f in report.feedback)
    x.table_sheet(workbook, _("Feedback"), columns, rows, document=document, subject=report.group)
