"""Forms hold no more than the columns do, and call each field by its one name."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit
from sqlalchemy import String

from pierglass_desktop.domain.fields import PARTICIPANT
from pierglass_desktop.domain.models import Participant
from pierglass_desktop.ui.dialogs.participant_dialog import ParticipantDialog


def _column_lengths() -> dict[str, int]:
    return {
        column.key: column.type.length
        for column in Participant.__table__.columns
        if type(column.type) is String and column.type.length  # not choices, which are strings too
    }


def test_tutor_cannot_type_more_into_the_participant_form_than_the_database_keeps(qtbot, sessions):
    dialog = ParticipantDialog(sessions)
    qtbot.addWidget(dialog)
    typed = {editor.objectName(): editor.maxLength() for editor in dialog.findChildren(QLineEdit)}
    lengths = _column_lengths()
    lengths.pop("business_id")  # pasted as "FI 2345 6780" and tidied by the service
    shared = sorted(set(typed) & set(lengths))
    assert len(shared) >= 8  # names, contact details, company details
    assert {key: typed[key] for key in shared} == {key: lengths[key] for key in shared}


def test_participant_form_shows_the_field_names_the_list_and_cli_use(qtbot, sessions):
    dialog = ParticipantDialog(sessions)
    qtbot.addWidget(dialog)
    captions = {label.text() for label in dialog.findChildren(QLabel)}
    for key in ("first_name", "last_name", "business_id", "company_size", "consent_date"):
        assert PARTICIPANT[key].caption() in captions


def test_participant_list_headings_are_the_form_captions(qtbot):
    from PySide6.QtCore import Qt

    from pierglass_desktop.ui.models.participants import participant_model

    model = participant_model()
    headings = [
        model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for column in range(model.columnCount())
    ]
    for key in ("last_name", "first_name", "company_name", "business_id", "email", "pseudonym"):
        assert PARTICIPANT[key].caption() in headings
