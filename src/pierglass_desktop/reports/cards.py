"""Method cards: one method per page, with its category colour, to print and cut."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pierglass_desktop.i18n import _
from pierglass_desktop.services.methods import MethodDetail
from pierglass_desktop.services.printouts import CardDeck

# cards per page -> (columns, rows, type scale)
LAYOUTS = {1: (1, 1, 1.0), 2: (1, 2, 0.85), 4: (2, 2, 0.7)}


def write_cards(
    sessions,
    output: Path,
    *,
    method_ids: Iterable[str] | None = None,
    template_id: str | None = None,
    per_page: int = 1,
) -> Path:
    """Print method cards (all methods, or the ones chosen) to ``output`` (a PDF)."""
    from pierglass_desktop.services.printouts import cards_data

    return cards_pdf(cards_data(sessions, method_ids, template_id, per_page), output)


def cards_pdf(deck: CardDeck | list[MethodDetail], output: Path) -> Path:
    from reportlab.platypus import PageBreak

    from pierglass_desktop.reports.pdf_base import build_pdf, para, styles

    if not isinstance(deck, CardDeck):
        deck = CardDeck(tuple(deck))
    st = styles()
    story: list = []
    columns, rows, scale = LAYOUTS[deck.per_page]
    for start in range(0, len(deck.methods), deck.per_page):
        if start:
            story.append(PageBreak())
        cards = [_card(m, st, scale) for m in deck.methods[start : start + deck.per_page]]
        story.extend(cards[0] if deck.per_page == 1 else [_sheet(cards, columns, rows)])
    if not story:
        story.append(para(_("The library has no methods to print."), st["body"]))
    return build_pdf(output, story, title=_("Method cards"))


def _sheet(cards: list[list], columns: int, rows: int):
    """Cards in a grid that fills the page, with dashed lines to cut along; a card too long
    for its part of the page is shrunk to fit rather than cut off."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import KeepInFrame, Table, TableStyle

    from pierglass_desktop.reports.pdf_base import MUTED, PAGE_MARGIN

    width = (A4[0] - 2 * PAGE_MARGIN - 12) / columns
    height = (A4[1] - 2 * PAGE_MARGIN - 14) / rows
    pad = 10
    frames = [KeepInFrame(width - 2 * pad, height - 2 * pad, card, mode="shrink") for card in cards]
    frames += [""] * (columns * rows - len(frames))
    grid = [frames[r * columns : (r + 1) * columns] for r in range(rows)]
    table = Table(grid, colWidths=[width] * columns, rowHeights=[height] * rows)
    cut = (0.6, MUTED, None, (3, 3))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
                ("INNERGRID", (0, 0), (-1, -1), *cut),
                ("BOX", (0, 0), (-1, -1), *cut),
            ]
        )
    )
    return table


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


def _card(method: MethodDetail, st, scale: float = 1.0) -> list:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from pierglass_desktop.domain import vocabulary
    from pierglass_desktop.reports.pdf_base import FONT_BOLD, para, text
    from pierglass_desktop.services.builtin_methods import tag_label

    colour = colors.HexColor(vocabulary.colour(method.category))
    band_style = ParagraphStyle(
        "band", parent=st["bold"], textColor=colors.white, fontSize=11 * scale
    )
    band = Table([[Paragraph(text(vocabulary.label(method.category)), band_style)]])
    band.setStyle(
        TableStyle([("BACKGROUND", (0, 0), (-1, -1), colour), ("LEFTPADDING", (0, 0), (-1, -1), 8)])
    )
    name_style = ParagraphStyle(
        "card",
        parent=st["title"],
        fontName=FONT_BOLD,
        textColor=colour,
        fontSize=22 * scale,
        leading=27 * scale,
        spaceBefore=4 * mm * scale,
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
