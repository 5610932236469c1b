"""The project report for the funder: the indicators of ``services.indicators`` for a period,
as a PDF (``project_report_pdf``) or a workbook (``project_workbook``), in either language.

Both draw the same sections (``sections()``). Averages of fewer than five answers are left out
(shown as "–" with their count): this document leaves the laptop.
"""

from __future__ import annotations

from pathlib import Path

from pierglass_desktop.domain.enums import EducationBand, Gender, LabourStatus
from pierglass_desktop.domain.vocabulary import label
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_date
from pierglass_desktop.services.indicators import (
    AGE_BAND_LABELS,
    END_FIELDS,
    NOT_KNOWN,
    START_FIELDS,
    Indicators,
)

Row = tuple[str, float | int | None, str]  # caption, value, kind (int, hours, rate, average)
Section = tuple[str, list[Row]]


def period_text(ind: Indicators) -> str:
    if ind.start is None and ind.end is None:
        return _("The whole project")
    return f"{format_date(ind.start)} – {format_date(ind.end)}"


def sections(ind: Indicators) -> list[Section]:
    """The report's figures, section by section, for both the PDF and the workbook."""
    wellbeing: list[Row] = []
    if ind.wellbeing is not None:
        w = ind.wellbeing
        wellbeing = [
            (_("Answered at the start"), w.start.count, "int"),
            (_("Average at the start (0–100)"), w.start.shareable, "average"),
            (_("Answered later (middle, end or follow-up)"), w.latest.count, "int"),
            (_("Latest average (0–100)"), w.latest.shareable, "average"),
            (_("Answered both"), w.change.count, "int"),
            (_("Average change (points)"), w.change.shareable, "average"),
            (_("Improved by 10 points or more"), len(w.improved), "int"),
        ]
    followed = len(ind.followed_through) / len(ind.commitments) if ind.commitments else None
    return [
        (
            _("Participation"),
            [
                (_("Groups"), len(ind.groups), "int"),
                (_("Participants (unique persons)"), len(ind.participants), "int"),
                (_("Of whom self-employed, coached as individuals"), len(ind.self_employed), "int"),
                (_("Supported enterprises (unique business IDs)"), ind.enterprise_count, "int"),
                (
                    _("Business IDs without a company size"),
                    len(ind.enterprise_size_unknown),
                    "int",
                ),
                (_("Sessions held"), len(ind.meetings_held), "int"),
                (_("Participant hours"), ind.participant_hours, "hours"),
                (_("Attendance rate"), ind.attendance_rate, "rate"),
                (_("Left before their group ended"), len(ind.dropped_out), "int"),
                (_("Commitments followed up"), len(ind.commitments), "int"),
                (_("Followed through (done or partly)"), followed, "rate"),
            ],
        ),
        (_("Gender"), _breakdown(ind.by_gender, lambda v: label(Gender(v)))),
        (_("Age"), _breakdown(ind.by_age, lambda v: _(AGE_BAND_LABELS[v]))),
        (
            _("Labour-market status"),
            _breakdown(ind.by_labour_status, lambda v: label(LabourStatus(v))),
        ),
        (_("Education"), _breakdown(ind.by_education, lambda v: label(EducationBand(v)))),
        (_("Wellbeing (WHO-5)"), wellbeing),
    ]


def _breakdown(counts: dict[str, tuple[str, ...]], caption) -> list[Row]:
    return [
        (_("Not known") if value == NOT_KNOWN else caption(value), len(ids), "int")
        for value, ids in counts.items()
    ]


def missing_rows(ind: Indicators) -> list[tuple[str, str, str]]:
    """(person, missing at the start, missing at the end) for everyone with a gap."""
    return [
        (
            m.name,
            ", ".join(_(START_FIELDS[k]) for k in m.start),
            ", ".join(_(END_FIELDS[k]) for k in m.end),
        )
        for m in ind.missing
    ]


def shown(value: float | int | None, kind: str) -> str:
    from pierglass_desktop.i18n.formatting import format_hours, format_number, format_percent

    if value is None:
        return "–"
    if kind == "hours":
        return format_hours(value * 60)
    if kind == "rate":
        return format_percent(value)
    if kind == "average":
        return format_number(value, 1)
    return format_number(value, 0)


def project_report_pdf(ind: Indicators, output: Path) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Spacer

    from pierglass_desktop.reports.group_report import _p, table
    from pierglass_desktop.reports.pdf_base import build_pdf

    flow: list = [_p(_("Project report"), "title"), _p(period_text(ind), "bold"), Spacer(1, 3 * mm)]
    for heading, rows in sections(ind):
        if not rows:
            continue
        flow.append(_p(heading, "h2"))
        flow.append(
            table([[_p(c), shown(v, k)] for c, v, k in rows], [110 * mm, 40 * mm], header=False)
        )
    flow.append(
        _p(
            _(
                "Averages of fewer than five answers are not shown, so that no one's answers "
                "can be read from them. Missing background is counted as not known."
            ),
            "small",
        )
    )
    flow += _radar(ind)
    gaps = missing_rows(ind)
    if gaps:
        flow += [PageBreak(), _p(_("ESF+ data still missing"), "h2")]
        head = [_p(h, "bold") for h in (_("Person"), _("At the start"), _("At the end"))]
        body = [[_p(n), _p(s or "–"), _p(e or "–")] for n, s, e in gaps]
        flow.append(table([head, *body], [50 * mm, 80 * mm, 44 * mm]))
    return build_pdf(
        output,
        flow,
        title=_("Project report"),
        footer=_("Project report · {period}").format(period=period_text(ind)),
    )


def project_workbook(ind: Indicators, output: Path) -> Path:
    from pierglass_desktop.reports import xlsx_base as x

    document = _("Project report")
    subject = period_text(ind)
    workbook = x.new_workbook()
    rows = []
    for heading, section in sections(ind):
        rows += [(heading, c, v) for c, v, _k in section]
    x.table_sheet(
        workbook,
        _("Indicators"),
        [x.Col(_("Section"), 26), x.Col(_("Figure"), 50), x.Col(_("Value"), 12, "average")],
        rows,
        document=document,
        subject=subject,
    )
    x.table_sheet(
        workbook,
        _("Missing data"),
        [x.Col(_("Person"), 28), x.Col(_("At the start"), 50, "wrap"), x.Col(_("At the end"), 24)],
        missing_rows(ind),
        document=document,
        subject=subject,
    )
    return x.save_workbook(workbook, output)


def _radar(ind: Indicators) -> list:
    """The self-assessment's item means, start against latest, when five or more answered."""
    from pierglass_desktop.reports.group_report import _p
    from pierglass_desktop.reports.radar import radar_chart

    own = ind.self_assessment
    if own is None or own.start.shareable is None:
        return []
    captions = [_localized(short) for _key, short in own.items]
    keys = [key for key, _short in own.items]
    return [
        _p(_("Self-assessment, start and latest (1–5)"), "h2"),
        radar_chart(
            captions, [own.item_start[k] for k in keys], [own.item_latest[k] for k in keys]
        ),
    ]


def _localized(texts: dict[str, str]) -> str:
    from pierglass_desktop.i18n import current_language

    return texts.get(current_language()) or texts.get("en") or ""
