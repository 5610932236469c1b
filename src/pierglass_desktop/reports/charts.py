"""The report's charts as ReportLab drawings: attendance per session and per member.

Bars are labelled with session and row numbers, never with names: a chart label is one font and
unshaped, while names may be in any script; the table beside the chart names each row through
``user_text``. Labels that are ours (axis titles, legend) are translated strings in DejaVu Sans.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from pierglass_desktop.i18n import _
from pierglass_desktop.reports.pdf_base import ACCENT, FONT, MUTED, RULE, register_fonts

EXPECTED = colors.HexColor("#d5e0e5")
MEMBERS_PER_CHART = 25


def meeting_chart(
    numbers: Sequence[int], expected: Sequence[int], attended: Sequence[int], width: float
) -> Drawing:
    """Expected members (light) beside those who came (accent), one pair per session."""
    register_fonts()
    height = 70 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = width - 16 * mm, height - 24 * mm
    chart.data = [list(expected), list(attended)]
    chart.bars[0].fillColor, chart.bars[1].fillColor = EXPECTED, ACCENT
    chart.bars.strokeColor = None
    chart.barSpacing = 0.5
    chart.groupSpacing = 2 if len(numbers) > 20 else 5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([*expected, *attended, 1])
    chart.valueAxis.valueStep = _step(chart.valueAxis.valueMax)
    _axes(chart)
    chart.categoryAxis.categoryNames = [str(n) for n in numbers]
    if len(numbers) > 24:
        chart.categoryAxis.labels.fontSize = 6
    drawing.add(chart)
    drawing.add(_caption(_("Session"), width / 2, 2 * mm, anchor="middle"))
    _legend(drawing, height - 6 * mm, [(EXPECTED, _("Members")), (ACCENT, _("Attended"))])
    return drawing


def member_charts(rates: Sequence[float | None], width: float) -> list[Drawing]:
    """Each member's attendance rate (0–100 %), by their row number in the table."""
    register_fonts()
    drawings = []
    for start in range(0, len(rates), MEMBERS_PER_CHART):
        part = rates[start : start + MEMBERS_PER_CHART]
        drawings.append(_member_chart(part, start, width))
    return drawings


def _member_chart(rates: Sequence[float | None], offset: int, width: float) -> Drawing:
    row = 6.5 * mm
    height = row * len(rates) + 22 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = width - 20 * mm, row * len(rates)
    # Top to bottom in table order: ReportLab draws the first category at the bottom.
    values = [round((r or 0) * 100) for r in rates][::-1]
    chart.data = [values]
    chart.bars[0].fillColor = ACCENT
    chart.bars.strokeColor = None
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    _axes(chart)
    chart.valueAxis.labelTextFormat = "%d %%"
    chart.categoryAxis.categoryNames = [str(offset + i + 1) for i in range(len(rates))][::-1]
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 6.5
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    chart.barLabels.fillColor = MUTED
    drawing.add(chart)
    drawing.add(
        _caption(_("Share of the sessions held while a member"), width / 2, 2 * mm, "middle")
    )
    return drawing


def _axes(chart) -> None:
    for axis in (chart.valueAxis, chart.categoryAxis):
        axis.labels.fontName = FONT
        axis.labels.fontSize = 7.5
        axis.labels.fillColor = MUTED
        axis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e8eef0")
    chart.valueAxis.gridStrokeWidth = 0.5


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50):
        if top / step <= 8:
            return step
    return 100


def _caption(text: str, x: float, y: float, anchor: str = "start") -> String:
    return String(x, y, text, fontName=FONT, fontSize=7.5, fillColor=MUTED, textAnchor=anchor)


def _legend(drawing: Drawing, y: float, entries) -> None:
    x = 12 * mm
    for colour, text in entries:
        drawing.add(Rect(x, y, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        drawing.add(_caption(text, x + 4.5 * mm, y + 0.5 * mm))
        x += 6 * mm + len(text) * 1.7 * mm
