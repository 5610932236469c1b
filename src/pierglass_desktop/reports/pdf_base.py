"""What every PDF shares: an embedded Unicode font, escaped text, styles and a page footer.

ReportLab's Paragraph reads a markup language, so every user string goes through ``text()``
(or ``para()``) before it becomes one: a name like ``<b>Smith`` prints literally.
Import this module only inside the functions that print; ReportLab costs start-up time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from pierglass_desktop import __version__
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_datetime
from pierglass_desktop.paths import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE_MARGIN = 18 * mm
ACCENT = colors.HexColor("#1f5f7a")
RULE = colors.HexColor("#b8c7ce")
MUTED = colors.HexColor("#55656d")


def register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def text(value: object) -> str:
    """A user string made safe for Paragraph markup; line breaks kept."""
    return escape(str(value if value is not None else "")).replace("\n", "<br/>")


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=18,
            leading=22,
            textColor=ACCENT,
            spaceAfter=4 * mm,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=4 * mm,
            spaceAfter=2 * mm,
            textColor=ACCENT,
        ),
        "bold": ParagraphStyle("bold", parent=body, fontName=FONT_BOLD),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12),
    }


def para(value: object, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of escaped user text."""
    return Paragraph(text(value), style)


def build_pdf(
    output: Path,
    flowables: Sequence[Flowable],
    *,
    title: str,
    pagesize=A4,
    footer: str = "",
) -> Path:
    """Write the document atomically: a half-written PDF never replaces a good one."""
    register_fonts()
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    printed = datetime.now()

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        left = footer or title
        canvas.drawString(PAGE_MARGIN, 10 * mm, left)
        canvas.drawRightString(
            pagesize[0] - PAGE_MARGIN,
            10 * mm,
            _("Page {page}").format(page=doc.page)
            + f" · Pier-glass {__version__} · {format_datetime(printed)}",
        )
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(partial),
        pagesize=pagesize,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=PAGE_MARGIN,
        title=title,
        author="Pier-glass Desktop",
    )
    try:
        doc.build(list(flowables), onFirstPage=decorate, onLaterPages=decorate)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return output
