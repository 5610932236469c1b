"""Applying a template: the tutor sees its items, and a paperclip on those that bring files."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
from pierglass_desktop.services.builtin_methods import builtin_template_id, ensure_builtin_library
from pierglass_desktop.services.materials import attach_file
from pierglass_desktop.services.templates import save_agenda_as_template
from pierglass_desktop.ui.planning.small_dialogs import TemplateDialog
from pierglass_desktop.ui.planning.template_items_model import FILES_COLUMN
from planning_helpers import make_meeting

SHOTS = os.environ.get("PIERGLASS_SCREENSHOTS")


def _helenas_template(sessions, tmp_path) -> str:
    meeting = make_meeting(sessions)
    add_agenda_item(sessions, meeting.id, AgendaItemInput("Check-in round", 15))
    swot = add_agenda_item(sessions, meeting.id, AgendaItemInput("SWOT of one's own business", 45))
    add_agenda_item(sessions, meeting.id, AgendaItemInput("Coffee", 15, is_break=True))
    for name in ("swot.pdf", "example.pdf"):
        (tmp_path / name).write_bytes(name.encode())
        attach_file(sessions, tmp_path / name, agenda_item_id=swot.id)
    (tmp_path / "handout.txt").write_bytes(b"handout")
    attach_file(sessions, tmp_path / "handout.txt", meeting_id=meeting.id)
    return save_agenda_as_template(sessions, meeting.id, "Business health check").id


def test_tutor_sees_which_template_items_bring_files(context, qtbot, qtmodeltester, tmp_path):
    ensure_builtin_library(context.sessions)
    template_id = _helenas_template(context.sessions, tmp_path)
    dialog = TemplateDialog(context.sessions)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData(template_id))
    dialog.show()
    qtbot.waitExposed(dialog)

    model = dialog.items
    qtmodeltester.check(model)
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == ["Check-in round", "SWOT of one's own business", "Coffee"]
    files = [model.index(r, FILES_COLUMN) for r in range(model.rowCount())]
    assert [i.data() for i in files] == ["", "2", ""]
    assert files[1].data(Qt.ItemDataRole.DecorationRole) is not None
    assert files[0].data(Qt.ItemDataRole.DecorationRole) is None
    assert "2 attached files" in files[1].data(Qt.ItemDataRole.ToolTipRole)
    assert dialog.files.isVisible() and "3 attached files" in dialog.files.text()
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "template-dialog.png"))

    # A built-in template brings no files, and says nothing about them.
    dialog.template.setCurrentIndex(dialog.template.findData(builtin_template_id("theme-meeting")))
    assert model.rowCount() == 7
    assert all(not model.index(r, FILES_COLUMN).data() for r in range(model.rowCount()))
    assert not dialog.files.isVisible()


def test_template_dialog_speaks_finnish(context, qtbot, tmp_path, finnish):
    template_id = _helenas_template(context.sessions, tmp_path)
    dialog = TemplateDialog(context.sessions)
    qtbot.addWidget(dialog)
    dialog.template.setCurrentIndex(dialog.template.findData(template_id))
    headers = [dialog.items.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Ohjelmakohta", "Min", "Tiedostot"]
    assert "3 liitetiedostoa" in dialog.files.text()
    files = dialog.items.index(1, FILES_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "2 liitetiedostoa" in files
    if SHOTS:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(os.path.join(SHOTS, "template-dialog-fi.png"))
