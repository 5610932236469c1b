"""Files attached to agenda items and meetings live inside the database, within a size limit."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.models import Material
from pierglass_desktop.services import materials
from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
from pierglass_desktop.services.materials import (
    attach_file,
    list_attachments,
    material_bytes,
    remove_attachment,
)
from planning_helpers import make_meeting


def test_same_worksheet_on_two_items_is_stored_once(sessions, tmp_path):
    meeting = make_meeting(sessions)
    first = add_agenda_item(sessions, meeting.id, AgendaItemInput("SWOT", 30))
    second = add_agenda_item(sessions, meeting.id, AgendaItemInput("SWOT 2", 30))
    sheet = tmp_path / "työpohja.pdf"
    sheet.write_bytes(b"%PDF-1.4 worksheet")
    a = attach_file(sessions, sheet, agenda_item_id=first.id)
    b = attach_file(sessions, sheet, agenda_item_id=second.id, caption="copy")
    assert a.material_id == b.material_id and a.media_type == "application/pdf"
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Material)) == 1
    assert material_bytes(sessions, a.material_id) == b"%PDF-1.4 worksheet"
    assert [r.filename for r in list_attachments(sessions, agenda_item_id=first.id)] == [
        "työpohja.pdf"
    ]
    remove_attachment(sessions, a.link_id)
    assert list_attachments(sessions, agenda_item_id=first.id) == []
    attach_file(sessions, sheet, meeting_id=meeting.id)
    assert len(list_attachments(sessions, meeting_id=meeting.id)) == 1


def test_too_big_file_is_refused_with_a_sentence_and_not_stored(sessions, tmp_path, monkeypatch):
    meeting = make_meeting(sessions)
    monkeypatch.setattr(materials, "MAX_ATTACHMENT_BYTES", 1024)
    big = tmp_path / "video.mp4"
    big.write_bytes(os.urandom(2048))
    with pytest.raises(ValidationError, match="at most"):
        attach_file(sessions, big, meeting_id=meeting.id)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Material)) == 0


def test_missing_or_unreadable_file_is_refused(sessions, tmp_path, monkeypatch):
    meeting = make_meeting(sessions)
    with pytest.raises(ValidationError, match="could not be read"):
        attach_file(sessions, tmp_path / "gone.pdf", meeting_id=meeting.id)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"x")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(locked), "read_bytes", refuse)
    with pytest.raises(ValidationError, match="Permission denied"):
        attach_file(sessions, locked, meeting_id=meeting.id)
    with pytest.raises(ValidationError, match="not a file"):
        attach_file(sessions, tmp_path, meeting_id=meeting.id)
