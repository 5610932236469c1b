"""Method cards: one method per page, with its category colour, to print and cut."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.i18n import _
from pierglass_desktop.services.methods import MethodDetail, list_method_details


def write_cards(
    sessions: sessionmaker[Session], output: Path, *, method_ids: Iterable[str] | None = None
) -> Path:
    """Print method cards (all methods, or the ones given) to ``output`` (a PDF)."""
    details = list_method_details(sessions, method_ids)
    return cards_pdf(details, output)


def cards_pdf(methods: list[MethodDetail], output: Path) -> Path:
    from reportlab.platypus import PageBreak

    from pierglass_desktop.reports.pdf_base import build_pdf, para, styles

    st = styles()
    story: list = []
    for index, method in enumerate(methods):
        if index:
            story.append(PageBreak())
        story.extend(_card(method, st))
    if not story:
        story.append(para(_("The library has no methods to print."), st["body"]))
    return build_pdf(output, story, title=_("Method cards"))


def _facts(method: MethodDetail) -> str:
    from pierglass_desktop.reports.agenda_common import minutes_text

    facts = [minutes_text(method.duration_minutes)]
    low, high = method.group_min, method.group_max
    if low and high:
        facts.append(_("{low}–{high} people").format(low=low, high=high))
    elif low:
        facts.append(_("at least {low} people").format(low=low))
    elif high:
        facts.append(_("at most {high} people").format(high=high))
    if method.source:
        facts.append(_("from {source}").format(source=method.source))
    return " · ".join(facts)


def _card(method: MethodDetail, st) -> list:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from pierglass_desktop.domain import vocabulary
    from pierglass_desktop.reports.pdf_base import FONT_BOLD, para, text
    from pierglass_desktop.services.builtin_methods import tag_label

    colour = colors.HexColor(vocabulary.colour(method.category))
    band_style = ParagraphStyle("band", parent=st["bold"], textColor=colors.white, fontSize=11)
    band = Table([[Paragraph(text(vocabulary.label(method.category)), band_style)]])
    band.setStyle(
        TableStyle([("BACKGROUND", (0, 0), (-1, -1), colour), ("LEFTPADDING", (0, 0), (-1, -1), 8)])
    )
    name_style = ParagraphStyle(
        "card",
        parent=st["title"],
        fontName=FONT_BOLD,
        textColor=colour,
        fontSize=22,
        leading=27,
        spaceBefore=4 * mm,
    )
    story = [band, para(method.text("name"), name_style), para(_facts(method), st["bold"])]
    for label, value in (
        (_("Purpose"), method.text("purpose")),
        (_("Steps"), method.text("steps")),
        (_("Materials"), method.text("materials")),
    ):
        if value:
            story.append(para(label, st["h2"]))
            story.append(para(value, st["body"]))
    if method.tags:
        story.append(Spacer(1, 4 * mm))
        story.append(para(" · ".join(tag_label(t) for t in method.tags), st["small"]))
    return story
