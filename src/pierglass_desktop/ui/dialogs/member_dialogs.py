"""Add a member to a group from a date; end a membership on a date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QPushButton, QWidget

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.fields import MEMBERSHIP
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import changes_of
from pierglass_desktop.services.members import MemberRow, add_member, end_membership
from pierglass_desktop.services.participants import ParticipantRow, list_participants
from pierglass_desktop.ui.dialogs.base import FormDialog
from pierglass_desktop.ui.dialogs.participant_dialog import ParticipantDialog
from pierglass_desktop.ui.widgets.dates import date_edit, from_qdate, show_date
from pierglass_desktop.ui.widgets.field_editors import add_field


def _person_text(p: ParticipantRow) -> str:
    if p.company_name:
        return _("{last}, {first} — {company}").format(
            last=p.last_name, first=p.first_name, company=p.company_name
        )
    return _("{last}, {first}").format(last=p.last_name, first=p.first_name)


class AddMemberDialog(FormDialog):
    """Pick a participant (type to search) and the day they joined; or add a new person."""

    changes = changes_of(add_member)  # type: ignore[assignment]

    def __init__(self, sessions, group_id: str, group_name: str, parent: QWidget | None = None):
        super().__init__(_("Add a member to {group}").format(group=group_name), parent)
        self._sessions = sessions
        self._group_id = group_id
        form = self.new_form()
        picker = QWidget(self)
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        self.participant = QComboBox(picker)
        self.participant.setEditable(True)
        self.participant.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.participant.lineEdit().setPlaceholderText(_("Type a name or company to search"))
        self.participant.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.participant.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.new_person = QPushButton(_("New participant…"), picker)
        self.new_person.clicked.connect(self._on_new_person)
        row.addWidget(self.participant, 1)
        row.addWidget(self.new_person)
        form.add("participant", _("Participant"), picker)
        self.joined_on = add_field(form, MEMBERSHIP["joined_on"], date_edit())
        self.finish_layout(form)
        self._load_people()
        self.resize(560, self.sizeHint().height())

    def _load_people(self, select_id: str | None = None) -> None:
        people = [p for p in list_participants(self._sessions) if self._group_id not in p.group_ids]
        self.participant.clear()
        for person in people:
            self.participant.addItem(_person_text(person), person.id)
        self.participant.setCurrentIndex(self.participant.findData(select_id))
        if select_id is None:
            self.participant.setEditText("")

    def choose(self, participant_id: str) -> None:
        self.participant.setCurrentIndex(self.participant.findData(participant_id))

    def _chosen_id(self) -> str:
        index = self.participant.currentIndex()
        typed = self.participant.currentText().strip()
        if index < 0 or typed != self.participant.itemText(index):
            raise ValidationError(
                _("Choose who joins."),
                {"participant": _("Choose a participant from the list, or add a new one.")},
            )
        return self.participant.itemData(index)

    def _on_new_person(self) -> None:
        dialog = ParticipantDialog(self._sessions, parent=self)
        if dialog.exec():
            self._load_people(select_id=dialog.result_row.id)

    def save(self) -> MemberRow:
        participant_id = self._chosen_id()
        joined = from_qdate(self.joined_on.date())
        return add_member(self._sessions, self._group_id, participant_id, joined)


class EndMembershipDialog(FormDialog):
    """The member left on a date; meetings after it no longer count them as absent."""

    changes = changes_of(end_membership)  # type: ignore[assignment]

    def __init__(self, sessions, member: MemberRow, parent: QWidget | None = None):
        super().__init__(_("End membership"), parent)
        self._sessions = sessions
        self._member = member
        form = self.new_form()
        form.add_note(
            _("{name} joined on {joined}. On which day did they leave the group?").format(
                name=member.name, joined=show_date(member.joined_on)
            )
        )
        self.left_on = add_field(form, MEMBERSHIP["left_on"], date_edit())
        self.finish_layout(form)
        self.resize(480, self.sizeHint().height())

    def save(self) -> MemberRow:
        left = from_qdate(self.left_on.date())
        return end_membership(
            self._sessions, self._member.membership_id, left, seen_at=self._member.updated_at
        )
