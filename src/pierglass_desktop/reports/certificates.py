"""Participation certificates: one page per member, with the sessions attended and when, the
hours, the themes covered, and the tutor's name over a signature line.
``services.group_report.certificates_data`` gathers the facts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.i18n.formatting import format_date
from pierglass_desktop.services.group_report import Certificate

MAX_LISTED = 12  # sessions listed with their themes; more are listed by date, so one page


def certificates_pdf(certificates: Sequence[Certificate], output: Path) -> Path:
    from reportlab.platypus import PageBreak

    from pierglass_desktop.reports.pdf_base import build_pdf

    flow: list = []
    for index, certificate in enumerate(certificates):
        if index:
            flow.append(PageBreak())
        flow += _page(certificate)
    group = certificates[0].group if certificates else ""
    return build_pdf(
        output,
        flow,
        title=_("Certificate of participation"),
        footer=_("Certificate of participation · {group}").format(group=group),
    )


def _page(c: Certificate) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    from pierglass_desktop.reports.group_report import _p, hours

    flow = [
        Spacer(1, 18 * mm),
        _p(_("Certificate of participation"), "title"),
        Spacer(1, 6 * mm),
        _p(_("This certifies that"), "body"),
        Spacer(1, 2 * mm),
        _p(c.name, "cover"),
    ]
    if c.company.strip():
        flow.append(_p(c.company, "body"))
    days = [day for day, _theme, _minutes in c.meetings]
    flow += [
        Spacer(1, 8 * mm),
        _p(
            ngettext(
                "has taken part in {n} session of the peer group",
                "has taken part in {n} sessions of the peer group",
                len(c.meetings),
            ).format(n=len(c.meetings)),
            "body",
        ),
        Spacer(1, 2 * mm),
        _p(c.group, "h2"),
        _p(
            _("from {first} to {last}, {hours} in all.").format(
                first=format_date(min(days)), last=format_date(max(days)), hours=hours(c.hours)
            ),
            "body",
        ),
        Spacer(1, 6 * mm),
        _p(_("Sessions attended"), "bold"),
        Spacer(1, 1 * mm),
        _sessions(c),
    ]
    themes = c.themes
    if themes:
        flow += [
            Spacer(1, 5 * mm),
            _p(_("Themes covered"), "bold"),
            _p(" · ".join(t[:200] for t in themes)[:2000], "body"),
        ]
    flow.append(KeepTogether(_signature(c)))
    return flow


def _sessions(c: Certificate):
    """A table of date, theme and hours; a long series as a paragraph of dates instead."""
    from reportlab.lib.units import mm

    from pierglass_desktop.reports.group_report import _p, _right, hours, table

    if len(c.meetings) > MAX_LISTED:
        return _p(", ".join(format_date(day) for day, _t, _m in c.meetings), "body")
    rows = [
        [_p(format_date(day)), _p(theme[:200] or "–"), _right(hours(minutes / 60))]
        for day, theme, minutes in c.meetings
    ]
    return table(rows, [32 * mm, None, 22 * mm], header=False)


def _signature(c: Certificate) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pierglass_desktop.reports.group_report import _p
    from pierglass_desktop.reports.signin import _signature_line

    return [
        Spacer(1, 20 * mm),
        _signature_line(),
        _p(_("Place and date"), "small"),
        Spacer(1, 16 * mm),
        _signature_line(),
        _p(c.tutor or "", "body"),
        _p(_("Tutor"), "small"),
    ]
