"""The facilitator's script: every item with its times, lead, purpose, instructions and
materials, the over-run warning and the materials checklist to pack the bag by."""

from __future__ import annotations

from pathlib import Path

from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.agenda import AgendaView, TimedItem


def write_script(sessions, output: Path, *, session_id: str) -> Path:
    """Print the facilitator's script of the meeting to ``output`` (a PDF)."""
    from pierglass_desktop.services.printouts import agenda_data

    return script_pdf(agenda_data(sessions, session_id), output)


def script_pdf(view: AgendaView, output: Path) -> Path:
    from pierglass_desktop.reports import agenda_common as common
    from pierglass_desktop.reports.pdf_base import build_pdf, para, styles

    st = styles()
    story = [
        para(view.meeting.group_name or _("Facilitator's script"), st["small"]),
        para(_("Facilitator's script") + " – " + common.meeting_heading(view.meeting), st["title"]),
        para(common.meeting_when(view), st["bold"]),
    ]
    where = common.meeting_where(view.meeting)
    if where:
        story.append(para(where, st["body"]))
    story.append(para(_planned(view), st["body"]))
    if view.timeline.overrun_minutes:
        story.append(para(_overrun(view), _warning_style(st)))
    for timed in view.timeline.items:
        story.extend(_item_block(timed, st))
    story.extend(_checklist(view, st))
    title = _("Facilitator's script") + " – " + common.meeting_heading(view.meeting)
    return build_pdf(output, story, title=title, footer=view.meeting.group_name or title)


def _planned(view: AgendaView) -> str:
    timeline = view.timeline
    return _("Planned length {planned} min, agenda {total} min.").format(
        planned=timeline.planned_minutes, total=timeline.total_minutes
    )


def _overrun(view: AgendaView) -> str:
    minutes = view.timeline.overrun_minutes
    return "⚠ " + ngettext(
        "The agenda runs {minutes} minute over the planned end.",
        "The agenda runs {minutes} minutes over the planned end.",
        minutes,
    ).format(minutes=minutes)


def _warning_style(st):
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("warning", parent=st["bold"], textColor=HexColor("#a84300"))


def _item_block(timed: TimedItem, st) -> list:
    from reportlab.platypus import KeepTogether, Paragraph

    from pierglass_desktop.domain import vocabulary
    from pierglass_desktop.reports.agenda_common import clock, minutes_text
    from pierglass_desktop.reports.pdf_base import para, text
    from pierglass_desktop.services.agenda import responsible_label

    item = timed.item
    times = f"{clock(timed.starts_at)}–{clock(timed.ends_at)}"
    heading = (
        f"{times}  {text(item.title)}  <font size=9>({minutes_text(item.duration_minutes)})</font>"
    )
    block = [Paragraph(heading, st["h2"])]
    facts = [vocabulary.label(item.category), responsible_label(item)]
    if timed.past_end:
        facts.append(_("⚠ past the planned end"))
    facts = [f for f in facts if f]
    if facts:
        block.append(para(" · ".join(facts), st["small"]))
    for label, value in (
        (_("Purpose"), item.purpose),
        (_("Instructions"), item.instructions),
        (_("Materials"), item.materials),
    ):
        if value:
            block.append(Paragraph(f"<b>{text(label)}</b><br/>{text(value)}", st["body"]))
    return [KeepTogether(block[:2]), *block[2:]]


def _checklist(view: AgendaView, st) -> list:
    from reportlab.platypus import Paragraph

    from pierglass_desktop.reports.pdf_base import para, text

    story = [para(_("Materials checklist"), st["h2"])]
    if not view.checklist:
        return [*story, para(_("No materials listed."), st["body"])]
    return [*story, *(Paragraph(f"☐  {text(thing)}", st["body"]) for thing in view.checklist)]
