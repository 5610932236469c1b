"""Printed questionnaires: one page per member, with their name or their pseudonym, the
questions in full and a box per scale value, from ``services.answers.AnswerSheet``.

WHO-5 is printed with its wording unchanged and its notice saying so (resources/instruments).
"""

from __future__ import annotations

from pathlib import Path

from pierglass_desktop.domain.vocabulary import label
from pierglass_desktop.i18n import _, current_language
from pierglass_desktop.services.answers import AnswerSheet

BOX = "☐"


def _localized(texts: dict[str, str]) -> str:
    return texts.get(current_language()) or texts.get("en") or next(iter(texts.values()), "")


def questionnaire_pdf(sheet: AnswerSheet, output: Path, *, pseudonyms: bool = False) -> Path:
    """Every member's questionnaire; ``pseudonyms`` prints each member's code, not their name
    (a blank form is printed when the group has no members)."""
    from reportlab.platypus import PageBreak

    from pierglass_desktop.reports.pdf_base import build_pdf

    flow: list = []
    people = [(r.pseudonym if pseudonyms else r.name) for r in sheet.rows] or [""]
    for n, who in enumerate(people):
        if n:
            flow.append(PageBreak())
        flow += _page(sheet, who, pseudonyms)
    title = _localized(sheet.instrument_name)
    return build_pdf(output, flow, title=title, footer=f"{title} · {sheet.group_name}")


def _page(sheet: AnswerSheet, who: str, pseudonyms: bool) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pierglass_desktop.reports.group_report import _frame_width, _p, table

    caption = _("Code") if pseudonyms else _("Name")
    flow = [
        _p(_localized(sheet.instrument_name), "title"),
        table(
            [
                [_p(caption, "bold"), _p(who or "_" * 40)],
                [_p(_("Group"), "bold"), _p(sheet.group_name)],
                [_p(_("Time point"), "bold"), _p(label(sheet.phase))],
                [_p(_("Date"), "bold"), _p("_" * 20)],
            ],
            [35 * mm, None],
            header=False,
        ),
        Spacer(1, 4 * mm),
    ]
    if sheet.instructions:
        flow += [_p(_localized(sheet.instructions), "body"), Spacer(1, 3 * mm)]
    values = sorted(
        {v for item in sheet.items for v in range(item.minimum, item.maximum + 1)}, reverse=True
    )
    head = [_p("")] + [
        _p(f"{v}\n{_localized(sheet.anchors.get(str(v), {}))}".strip(), "small") for v in values
    ]
    rows = [head]
    for n, item in enumerate(sheet.items, 1):
        boxes = [BOX if item.minimum <= v <= item.maximum else "" for v in values]
        rows.append([_p(f"{n}. {_localized(item.text)}"), *boxes])
    column = 16 * mm
    made = table(rows, [_frame_width() - column * len(values), *([column] * len(values))])
    made.setStyle(
        [
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
            ("FONTSIZE", (1, 1), (-1, -1), 14),
            ("LEADING", (1, 1), (-1, -1), 16),
        ]
    )
    flow.append(made)
    if sheet.notice and _localized(sheet.notice):
        flow += [Spacer(1, 4 * mm), _p(_localized(sheet.notice), "small")]
    return flow
