"""What every PDF shares: an embedded Unicode font, escaped text, styles and a page footer.

ReportLab's Paragraph reads a markup language, so every user string goes through ``text()``
(or ``para()``) before it becomes one: a name like ``<b>Smith`` prints literally.
Import this module only inside the functions that print; ReportLab costs start-up time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

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
from pierglass_desktop.private_files import create_private_file

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE_MARGIN = 18 * mm
ACCENT = colors.HexColor("#1f5f7a")
RULE = colors.HexColor("#b8c7ce")
MUTED = colors.HexColor("#55656d")


def register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    _fix_text_layer_beyond_the_bmp()
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def register_fallback(name: str) -> None:
    """A fallback for the scripts DejaVu lacks (see reports/user_text.py), registered the first
    time a text needs it: reading Droid Sans Fallback costs 0.15 s. No bold faces."""
    if name in pdfmetrics.getRegisteredFontNames():
        return
    fonts = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(name, str(fonts / FALLBACK_FONTS[name])))
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)


FALLBACK_FONTS = {"DroidSansFallback": "DroidSansFallbackFull.ttf", "Symbola": "Symbola.ttf"}


def _fix_text_layer_beyond_the_bmp() -> None:
    """ReportLab writes a character past U+FFFF into the text layer as ``<1F600>`` (five hex
    digits), which readers take as U+1F60 "ὠ": copying an emoji from the PDF gives the wrong
    character. Write such characters as UTF-16 surrogate pairs, as the PDF standard says."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "fixed", False):
        return

    def utf16(code: int) -> str:
        return "".join(f"{unit:04X}" for unit in _utf16_units(code))

    def make_cmap(fontname, subset):
        cmap = original(fontname, [0] * len(subset))
        lines = cmap.split("\n")
        start = lines.index(f"{len(subset)} beginbfchar") + 1
        lines[start : start + len(subset)] = [
            f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)
        ]
        return "\n".join(lines)

    make_cmap.fixed = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_cmap


def _utf16_units(code: int) -> tuple[int, ...]:
    if code < 0x10000:
        return (code,)
    code -= 0x10000
    return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def text(value: object) -> str:
    """A user string made safe for Paragraph markup; line breaks kept, any script printable."""
    from pierglass_desktop.reports.user_text import user_text

    return user_text(value)


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
    footer_style = ParagraphStyle("footer", fontName=FONT, fontSize=7.5, leading=9, textColor=MUTED)

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        # The group's name may be in any script: drawn as a Paragraph, through text().
        left = Paragraph(text(footer or title), footer_style)
        left.wrapOn(canvas, pagesize[0] / 2, 10 * mm)
        left.drawOn(canvas, PAGE_MARGIN, 10 * mm - 2)
        canvas.drawRightString(
            pagesize[0] - PAGE_MARGIN,
            10 * mm,
            _("Page {page}").format(page=doc.page)
            + f" · Pier-glass {__version__} · {format_datetime(printed)}",
        )
        canvas.restoreState()

    create_private_file(partial)  # 0600: printouts name people (issue 16)
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
