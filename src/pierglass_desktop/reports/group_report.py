"""The group report: a cover with the key figures, the sessions held, attendance per session and
per member as charts, members' hours, how commitments were followed through, feedback, WHO-5 as
group means, and the notes marked for the group. ``services.group_report`` gathers the facts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pierglass_desktop.domain.vocabulary import label
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.i18n.formatting import format_date
from pierglass_desktop.services.group_report import GroupReport, mean


def group_report_pdf(report: GroupReport, output: Path) -> Path:
    from pierglass_desktop.reports.pdf_base import build_pdf

    return build_pdf(
        output,
        report_flowables(report),
        title=_("Group report"),
        footer=_("Group report · {group}").format(group=report.group),
    )


def report_flowables(report: GroupReport) -> list:
    from reportlab.platypus import PageBreak

    return [
        *_cover(report),
        PageBreak(),
        *_sessions(report),
        *_members(report),
        *_commitments(report),
        *_feedback(report),
        *_wellbeing(report),
        *_notes(report),
    ]


# ---------------------------------------------------------------- helpers


def number(value: float | None, digits: int = 1) -> str:
    from pierglass_desktop.i18n.formatting import format_number

    return "–" if value is None else format_number(value, digits)


def percent(value: float | None) -> str:
    from pierglass_desktop.i18n.formatting import format_percent

    return "–" if value is None else format_percent(value)


def hours(value: float) -> str:
    from pierglass_desktop.i18n.formatting import format_hours

    return format_hours(value * 60)  # it counts in minutes


def table(rows, widths, *, header: bool = True):
    """A table in the printouts' look: accent rule under the heading, light row stripes.
    Columns of figures (plain strings from ``_right``) are right-aligned."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    from pierglass_desktop.reports.pdf_base import ACCENT, FONT, RULE

    made = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    body = rows[1:] if header else rows
    figures = [
        column
        for column in range(len(widths))
        if body and all(isinstance(row[column], str) for row in body)
    ]
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, 9.5, 12),
        *(("ALIGN", (c, 0), (c, -1), "RIGHT") for c in figures),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 1 if header else 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        commands += [
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f4f7f8")]),
        ]
    made.setStyle(TableStyle(commands))
    return made


def _p(value, style_name: str = "cell"):
    from pierglass_desktop.reports.pdf_base import para

    return para(value, report_styles()[style_name])


@cache
def report_styles() -> dict:
    """The printouts' styles, and a large one for the name on a cover or certificate."""
    from reportlab.lib.styles import ParagraphStyle

    from pierglass_desktop.reports.pdf_base import FONT_BOLD, styles

    found = styles()
    found["h2"].keepWithNext = 1  # a heading never ends a page alone
    found["note_head"] = ParagraphStyle("note_head", parent=found["small"], keepWithNext=1)
    found["cover"] = ParagraphStyle(
        "cover", parent=found["body"], fontName=FONT_BOLD, fontSize=22, leading=27
    )
    return found


def _right(value) -> str:
    """A figure we formatted (never user text): a plain cell, right-aligned by ``table()``.
    Plain strings cost a tenth of a Paragraph, and a report has hundreds of them."""
    return str(value)


def _frame_width() -> float:
    from reportlab.lib.pagesizes import A4

    from pierglass_desktop.reports.pdf_base import PAGE_MARGIN

    return A4[0] - 2 * PAGE_MARGIN


def _heading(text: str) -> list:
    return [_p(text, "h2")]


# ---------------------------------------------------------------- sections


def _cover(report: GroupReport) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pierglass_desktop.reports.group_workbook import summary_rows

    figures = []
    for caption, value, kind in summary_rows(report)[1:]:
        if kind == "hours":
            value = hours(value)
        elif kind == "rate":
            value = percent(value)
        elif kind == "average":
            value = number(value)
        figures.append([_p(caption, "bold"), _p(value)])
    flow = [
        Spacer(1, 30 * mm),
        _p(_("Group report"), "title"),
        _p(report.group, "cover"),
        Spacer(1, 4 * mm),
    ]
    if report.description.strip():
        flow += [_p(report.description[:1500], "body"), Spacer(1, 4 * mm)]
    if report.location.strip():
        flow += [_p(report.location, "small"), Spacer(1, 6 * mm)]
    flow.append(table(figures, [70 * mm, None], header=False))
    return flow


def _sessions(report: GroupReport) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pierglass_desktop.reports.charts import meeting_chart

    flow = _heading(_("Sessions held"))
    if not report.meetings:
        return [*flow, _p(_("No sessions have been held in this period."), "body")]
    rows = [[_p(h, "bold") for h in (_("No."), _("Date"), _("Theme"), _("Hours"), _("Came"))]]
    for m in report.meetings:
        rows.append(
            [
                _p(m.number),
                _p(format_date(m.starts_at.date())),
                _p(m.theme or "–"),
                _right(hours(m.minutes / 60)),
                _right(f"{m.attended} / {m.expected}"),
            ]
        )
    width = _frame_width()
    flow += [table(rows, [12 * mm, 28 * mm, None, 20 * mm, 20 * mm]), Spacer(1, 5 * mm)]
    flow += _heading(_("Attendance per session"))
    flow.append(
        meeting_chart(
            [m.number for m in report.meetings],
            [m.expected for m in report.meetings],
            [m.attended for m in report.meetings],
            width,
        )
    )
    flow.append(
        _p(
            _(
                "A member counts for the sessions held while they belonged to the group: "
                "nobody is counted absent before joining or after leaving."
            ),
            "small",
        )
    )
    return flow


def _members(report: GroupReport) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pierglass_desktop.reports.charts import member_charts

    flow = _heading(_("Members' attendance and hours"))
    if not report.members:
        return [*flow, _p(_("The group has no members in this period."), "body")]
    headings = (_("No."), _("Name"), _("Company"), _("Came"), _("Rate"), _("Hours"))
    rows = [[_p(h, "bold") for h in headings]]
    for index, m in enumerate(report.members, start=1):
        rows.append(
            [
                _p(index),
                _p(m.name),
                _p(m.company or "–"),
                _right(f"{m.attended} / {m.possible}"),
                _right(percent(m.rate)),
                _right(hours(m.hours)),
            ]
        )
    flow.append(table(rows, [10 * mm, None, 50 * mm, 18 * mm, 16 * mm, 18 * mm]))
    if any(m.coded for m in report.members):
        flow.append(
            _p(
                _(
                    "Members who have not agreed to be named to the project appear under "
                    "their code."
                ),
                "small",
            )
        )
    flow.append(Spacer(1, 4 * mm))
    flow += member_charts([m.rate for m in report.members], _frame_width())
    return flow


def _commitments(report: GroupReport) -> list:
    from reportlab.lib.units import mm

    flow = _heading(_("Commitments followed through"))
    if not report.commitments:
        return [*flow, _p(_("No commitments were recorded."), "body")]
    counts = report.follow_through()
    total = len(report.commitments)
    rows = [[_p(h, "bold") for h in (_("Follow-up"), _("Commitments"), _("Share"))]]
    for value, count in counts.items():
        rows.append(
            [
                _p(label(value) if value else _("Not yet reviewed")),
                _right(count),
                _right(percent(count / total)),
            ]
        )
    flow.append(table(rows, [70 * mm, 32 * mm, 22 * mm]))
    return flow


def _feedback(report: GroupReport) -> list:
    from reportlab.lib.units import mm

    flow = _heading(_("Feedback"))
    if not report.feedback:
        return [*flow, _p(_("No feedback slips were entered."), "body")]
    headings = (_("No."), _("Date"), _("Slips"), _("Usefulness"), _("Atmosphere"))
    rows = [[_p(h, "bold") for h in headings]]
    for f in report.feedback:
        rows.append(
            [
                _p(f.meeting_number),
                _p(format_date(f.day)),
                _right(f.slips),
                _right(number(f.usefulness)),
                _right(number(f.atmosphere)),
            ]
        )
    rows.append(
        [
            _p(""),
            _p(_("All"), "bold"),
            _right(sum(f.slips for f in report.feedback)),
            _right(number(mean(f.usefulness for f in report.feedback))),
            _right(number(mean(f.atmosphere for f in report.feedback))),
        ]
    )
    flow.append(table(rows, [12 * mm, 30 * mm, 18 * mm, 28 * mm, 28 * mm]))
    flow.append(_p(_("Ratings from 1 (poor) to 5 (excellent); the slips are anonymous."), "small"))
    return flow


def _wellbeing(report: GroupReport) -> list:
    from reportlab.lib.units import mm

    flow = _heading(_("Wellbeing (WHO-5)"))
    w = report.wellbeing
    if not w.people:
        return [
            *flow,
            _p(_("No member has answered WHO-5 both at the start and later."), "body"),
        ]
    if w.start_mean is None:
        return [
            *flow,
            _p(
                ngettext(
                    "{count} member has answered WHO-5 both at the start and later. Averages "
                    "are shown from five members on, so that no one's answers can be told.",
                    "{count} members have answered WHO-5 both at the start and later. Averages "
                    "are shown from five members on, so that no one's answers can be told.",
                    w.people,
                ).format(count=w.people),
                "body",
            ),
        ]
    rows = [
        [_p(_("Members with both answers"), "bold"), _right(w.people)],
        [_p(_("Average at the start (0–100)"), "bold"), _right(number(w.start_mean))],
        [_p(_("Average at the latest answer (0–100)"), "bold"), _right(number(w.latest_mean))],
        [_p(_("Up by 10 points or more"), "bold"), _right(w.better)],
        [_p(_("Down by 10 points or more"), "bold"), _right(w.worse)],
    ]
    flow.append(table(rows, [105 * mm, 25 * mm], header=False))
    flow.append(
        _p(
            _(
                "A change of 10 points is meaningful. The index is a prompt for a caring "
                "conversation, never a diagnosis; no member's own score is shown here."
            ),
            "small",
        )
    )
    return flow


def _notes(report: GroupReport) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    flow = _heading(_("Notes for the group"))
    if not report.notes:
        return [*flow, _p(_("No notes were marked for the group."), "body")]
    for note in report.notes:
        when = format_date(note.day)
        if note.meeting_number is not None:
            when = _("Session {number}, {day}").format(number=note.meeting_number, day=when)
        flow += [_p(when, "note_head"), _p(note.body, "body"), Spacer(1, 3 * mm)]
    count = len(report.notes)
    flow.append(_p(ngettext("{n} note", "{n} notes", count).format(n=count), "small"))
    return flow
