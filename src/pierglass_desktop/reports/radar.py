"""The self-assessment as a radar chart, start against latest, drawn once for paper and screen.

A ``reportlab.graphics`` Drawing goes into the PDF as it is, and to the screen as SVG
(``radar_svg``) shown by QSvgRenderer. QtSvg does not support clipPath and paints a drawing
that uses one black, so the SVG's top-level clip path and its references are removed; and it
fills black what renderSVG marks "fill: None" (capital N), so that is written "none".
Axis captions are the shipped items' short names (ours, in DejaVu Sans), never user text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.graphics.charts.spider import SpiderChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from pierglass_desktop.i18n import _
from pierglass_desktop.reports.pdf_base import ACCENT, FONT, MUTED, RULE, register_fonts

START = colors.HexColor("#b5651d")
SCALE_MAX = 5


def radar_chart(
    captions: Sequence[str],
    start: Sequence[float | None],
    latest: Sequence[float | None],
    size: float = 110 * mm,
) -> Drawing:
    """Item means (1-5) at the start and at the latest time point; a missing mean is 0."""
    register_fonts()
    drawing = Drawing(size * 1.45, size)
    chart = SpiderChart()
    chart.x, chart.y = size * 0.3, 10 * mm
    chart.width = chart.height = size - 22 * mm
    # SpiderChart scales to the largest value given: an invisible strand at 5 fixes the scale.
    chart.data = [
        [v or 0 for v in start],
        [v or 0 for v in latest],
        [SCALE_MAX] * len(captions),
    ]
    chart.labels = list(captions)
    chart.strands[2].strokeColor = chart.strands[2].fillColor = None
    chart.strands[0].strokeColor, chart.strands[0].fillColor = START, None
    chart.strands[1].strokeColor = ACCENT
    chart.strands[1].fillColor = colors.Color(ACCENT.red, ACCENT.green, ACCENT.blue, alpha=0.15)
    chart.strands.strokeWidth = 1.6
    chart.spokes.strokeColor = RULE
    chart.strandLabels.fontName = FONT
    chart.spokeLabels.fontName = FONT
    chart.spokeLabels.fontSize = 7.5
    chart.spokeLabels.fillColor = MUTED
    drawing.add(chart)
    y = size - 6 * mm
    for colour, text in ((START, _("Start")), (ACCENT, _("Latest"))):
        drawing.add(Rect(4 * mm, y, 3 * mm, 3 * mm, fillColor=colour, strokeColor=None))
        drawing.add(String(9 * mm, y + 0.5 * mm, text, fontName=FONT, fontSize=8, fillColor=MUTED))
        y -= 5 * mm
    return drawing


def radar_svg(drawing: Drawing) -> bytes:
    """The drawing as SVG that QSvgRenderer paints correctly (no clip paths)."""
    from reportlab.graphics import renderSVG

    svg = renderSVG.drawToString(drawing)
    svg = re.sub(r"<clipPath\b.*?</clipPath>", "", svg, flags=re.S)
    svg = re.sub(r'\s*clip-path="[^"]*"', "", svg)
    svg = re.sub(r"clip-path:\s*url\([^)]*\);?", "", svg)
    # renderSVG writes an unfilled line as "fill: None"; QtSvg reads only "none" and fills black.
    svg = re.sub(r"(fill|stroke): None", r"\1: none", svg)
    return svg.encode("utf-8")
