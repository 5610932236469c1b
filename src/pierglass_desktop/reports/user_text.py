"""The one way a user's text becomes Paragraph markup, whatever script it is written in.

ReportLab lays out glyphs left to right, one font per run and without shaping. So: Arabic is
reshaped into its joined forms and every right-to-left run put in visual order (python-bidi),
the text is escaped (a name like ``<b>Smith`` prints literally), and each run of characters
that DejaVu Sans lacks is wrapped in a fallback font: Droid Sans Fallback for Chinese, Japanese
and Korean, Symbola for emoji and symbols.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

FALLBACK_CJK = "DroidSansFallback"
FALLBACK_SYMBOLS = "Symbola"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # pasted from PDFs; no glyph, only boxes


def user_text(value: object) -> str:
    """A user string as safe Paragraph markup: shaped, escaped, with fallback fonts per run."""
    raw = str(value if value is not None else "").replace("\r\n", "\n").replace("\r", "\n")
    raw = _CONTROL.sub("", raw)
    lines = [_visual(line) for line in raw.split("\n")]
    return "<br/>".join(_with_fallbacks(line) for line in lines)


def _visual(line: str) -> str:
    """Right-to-left text joined and reordered for a left-to-right layout; others unchanged."""
    if not any(_is_rtl(ch) for ch in line):
        return line
    import arabic_reshaper
    from bidi.algorithm import get_display

    shaped = arabic_reshaper.reshape(line)
    try:
        return get_display(shaped)
    except AssertionError:
        # python-bidi asserts on some unassigned code points (U+0590): such a line prints in
        # the order typed rather than not at all.
        return shaped


def _is_rtl(ch: str) -> bool:
    return "\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc"


def _with_fallbacks(line: str) -> str:
    """Escape each run, and wrap runs the main font cannot draw in a font that can."""
    out: list[str] = []
    run: list[str] = []
    current: str | None = None
    for ch in line:
        font = _font_for(ch)
        if font != current and run:
            out.append(_run(current, "".join(run)))
            run = []
        current = font
        run.append(ch)
    if run:
        out.append(_run(current, "".join(run)))
    return "".join(out)


def _run(font: str | None, chars: str) -> str:
    escaped = escape(chars)
    return f'<font name="{font}">{escaped}</font>' if font else escaped


def _font_for(ch: str) -> str | None:
    """None when DejaVu Sans draws the character; otherwise the fallback that does."""
    code = ord(ch)
    if code < 0x250 or code in _main_font_codes():  # Latin: the fast way
        return None
    if code in _font_codes(FALLBACK_CJK):
        return FALLBACK_CJK
    if code in _font_codes(FALLBACK_SYMBOLS):
        return FALLBACK_SYMBOLS
    return None  # no font has it: the main font's missing-glyph box, never a crash


@cache
def _main_font_codes() -> frozenset[int]:
    from pierglass_desktop.reports.pdf_base import FONT, FONT_BOLD

    return _font_codes(FONT) & _font_codes(FONT_BOLD)  # headings are bold


@cache
def _font_codes(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    from pierglass_desktop.reports.pdf_base import (
        FONT,
        FONT_BOLD,
        register_fallback,
        register_fonts,
    )

    register_fonts()
    if name not in (FONT, FONT_BOLD):
        register_fallback(name)
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)
