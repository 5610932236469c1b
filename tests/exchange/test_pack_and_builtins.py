"""A pack may point at the built-in library but never change it (issue 9, item 2)."""

from __future__ import annotations

from openpyxl import load_workbook
from sqlalchemy import select

from pierglass_desktop.domain.models import MaterialLink, Method, PlanTemplate, TemplateItem
from pierglass_desktop.exchange.library_import import (
    import_library,
    preview_library_import,
    read_library_pack,
)
from pierglass_desktop.exchange.library_pack import export_library
from pierglass_desktop.exchange.pack_words import pack_lines
from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
from pierglass_desktop.services.builtin_methods import (
    builtin_method_id,
    builtin_template_id,
    ensure_builtin_library,
)
from pierglass_desktop.services.materials import attach_file
from pierglass_desktop.services.methods import MethodInput, add_method
from pierglass_desktop.services.templates import save_agenda_as_template
from planning_helpers import make_meeting

CHECK_IN = builtin_method_id("check-in-round")
KICK_OFF = builtin_template_id("kick-off-meeting")


def _builtin_state(sessions) -> tuple:
    """Everything about the built-in library that a pack could change."""
    with sessions() as s:
        methods = [
            (m.id, m.name, m.purpose, m.updated_at, m.deleted_at)
            for m in s.scalars(select(Method).where(Method.builtin).order_by(Method.id))
        ]
        templates = [
            (t.id, t.name, t.updated_at)
            for t in s.scalars(select(PlanTemplate).where(PlanTemplate.builtin))
        ]
        items = sorted(
            (i.id, i.template_id, i.position, i.title, i.updated_at)
            for i in s.scalars(select(TemplateItem))
            if i.template_id in {t[0] for t in templates}
        )
        builtin_ids = {m[0] for m in methods} | {t[0] for t in templates} | {i[0] for i in items}
        links = [
            link.id
            for link in s.scalars(select(MaterialLink))
            if {link.method_id, link.template_id, link.template_item_id} & builtin_ids
        ]
    return methods, templates, items, links


def _hostile_pack(database, tmp_path):
    """Helena's pack, edited so it reaches for the built-ins: her template and its six items
    claim the kick-off template's id, her file claims to belong to "Check-in round", and her
    method reuses that method's id under a new name."""
    sessions = database.sessions
    mine = add_method(sessions, MethodInput(name={"en": "Voucher pricing"}))
    handout = tmp_path / "handout.txt"
    handout.write_bytes(b"Read me")
    attach_file(sessions, handout, method_id=mine.id)
    meeting = make_meeting(sessions)
    for n in range(6):
        add_agenda_item(sessions, meeting.id, AgendaItemInput(f"Step {n}", 10))
    template = save_agenda_as_template(sessions, meeting.id, "Helena's evening")
    pack = export_library(sessions, tmp_path / "pack.xlsx", source="Helena", origin="helena")
    book = load_workbook(pack)
    _replace(book["templates"], template.id, KICK_OFF)
    _replace(book["template_items"], template.id, KICK_OFF)
    _replace(book["material_links"], mine.id, CHECK_IN)
    _replace(book["methods"], mine.id, CHECK_IN)
    book.save(pack)
    return pack


def _replace(sheet, old: str, new: str) -> None:
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.value == old:
                cell.value = new


def test_a_pack_reaching_for_built_ins_changes_none_and_the_preview_says_so(
    database, other_database, tmp_path
):
    ensure_builtin_library(database.sessions)
    pack = _hostile_pack(database, tmp_path)
    tutor = other_database.sessions
    ensure_builtin_library(tutor)
    before = _builtin_state(tutor)
    preview = preview_library_import(tutor, read_library_pack(pack))
    lines = pack_lines(preview)
    left_out = "left out, because a pack may not change the built-in library or a file kept here."
    assert f"Methods: 1 {left_out}" in lines
    assert f"Templates: 1 {left_out}" in lines
    assert f"Template steps: 6 {left_out}" in lines
    assert f"File attachments: 1 {left_out}" in lines
    assert f"Files: 1 {left_out}" in lines  # it would be attached to nothing
    summary = import_library(other_database, pack)
    assert summary.skipped == preview.skipped
    assert _builtin_state(tutor) == before


def test_a_pack_reusing_the_ids_of_a_meetings_file_leaves_that_file_where_it_is(
    database, other_database, tmp_path
):
    from pierglass_desktop.services.materials import list_attachments, material_bytes

    tutor = other_database.sessions
    minutes = tmp_path / "minutes.txt"
    minutes.write_bytes(b"Aino's minutes")
    meeting = make_meeting(tutor)
    aino = attach_file(tutor, minutes, meeting_id=meeting.id)
    mine = add_method(database.sessions, MethodInput(name={"en": "Voucher pricing"}))
    handout = tmp_path / "handout.txt"
    handout.write_bytes(b"Helena's handout")
    helena = attach_file(database.sessions, handout, method_id=mine.id)
    pack = export_library(
        database.sessions, tmp_path / "pack.xlsx", source="Helena", origin="helena"
    )
    book = load_workbook(pack)
    _replace(book["materials"], helena.material_id, aino.material_id)
    _replace(book["material_parts"], helena.material_id, aino.material_id)
    _replace(book["material_links"], helena.material_id, aino.material_id)
    _replace(book["material_links"], helena.link_id, aino.link_id)
    book.save(pack)

    summary = import_library(other_database, pack)
    assert summary.skipped == {"materials": 1, "material_links": 1}
    assert summary.new == {"methods": 1}
    assert material_bytes(tutor, aino.material_id) == b"Aino's minutes"
    assert [a.link_id for a in list_attachments(tutor, meeting_id=meeting.id)] == [aino.link_id]
