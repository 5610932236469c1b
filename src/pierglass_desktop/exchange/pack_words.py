"""What a library pack brings, in sentences a tutor reads before saying yes."""

from __future__ import annotations

from pierglass_desktop.exchange.library_pack import PackSummary
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.i18n.formatting import format_date

# The pack's sheets in the order and words a user knows them by.
KINDS = (
    ("methods", N_("Methods")),
    ("templates", N_("Templates")),
    ("template_items", N_("Template steps")),
    ("materials", N_("Files")),
    ("material_links", N_("File attachments")),
)


def pack_lines(summary: PackSummary) -> list[str]:
    """One line per kind of record the pack holds: how many are new, updated or the same."""
    lines = []
    for sheet, label in KINDS:
        new, updated = summary.new.get(sheet, 0), summary.updated.get(sheet, 0)
        same = summary.unchanged.get(sheet, 0)
        if new or updated or same:
            lines.append(
                _("{kind}: {new} new, {updated} updated, {same} already up to date.").format(
                    kind=_(label), new=new, updated=updated, same=same
                )
            )
    for sheet, label in KINDS:
        if summary.skipped.get(sheet):
            lines.append(
                _(
                    "{kind}: {count} left out, because a pack may not change the built-in "
                    "library or a file kept here."
                ).format(kind=_(label), count=summary.skipped[sheet])
            )
    return lines


def pack_origin(source: str, exported_at) -> str:
    """Who made the pack and when, e.g. "From Helena Virtanen, saved 12.7.2026."."""
    if exported_at is None:
        return _("From {source}.").format(source=source)
    return _("From {source}, saved {day}.").format(source=source, day=format_date(exported_at))
