"""Assign a tutor to a group as lead or co-tutor, picking one or adding a new one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from pierglass_desktop.domain.enums import TutorRole
from pierglass_desktop.domain.fields import GROUP_TUTOR, TUTOR
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import changes_of
from pierglass_desktop.services.tutors import (
    GroupTutorRow,
    assign_new_tutor,
    assign_tutor,
    list_tutors,
)
from pierglass_desktop.ui.dialogs.base import FormDialog
from pierglass_desktop.ui.widgets.combos import enum_combo
from pierglass_desktop.ui.widgets.field_editors import add_field, add_line

_NEW = "__new__"


class AssignTutorDialog(FormDialog):
    changes = changes_of(assign_new_tutor) | changes_of(assign_tutor)  # type: ignore[operator]

    def __init__(self, sessions, group_id: str, group_name: str, parent: QWidget | None = None):
        super().__init__(_("Assign a tutor to {group}").format(group=group_name), parent)
        self._sessions = sessions
        self._group_id = group_id
        self._form = form = self.new_form()
        self.tutor = form.add("tutor", _("Tutor"), QComboBox())
        for tutor in list_tutors(sessions):
            self.tutor.addItem(tutor.name, tutor.id)
        self.tutor.addItem(_("New tutor…"), _NEW)
        self.name = add_line(form, TUTOR["name"])
        self.email = add_line(form, TUTOR["email"])
        self.role = add_field(form, GROUP_TUTOR["role"], enum_combo(TutorRole))
        self.tutor.currentIndexChanged.connect(self._on_tutor_changed)
        self.finish_layout(form)
        self._on_tutor_changed()
        self.resize(460, self.sizeHint().height())

    def _on_tutor_changed(self, *_args) -> None:
        new = self.tutor.currentData() == _NEW
        for name in ("name", "email"):
            self._form.set_field_visible(name, new)
        if new:
            self.name.setFocus()
        self.adjustSize()

    def save(self) -> GroupTutorRow:
        role = TutorRole(self.role.currentData())
        if self.tutor.currentData() == _NEW:
            return assign_new_tutor(
                self._sessions, self._group_id, self.name.text(), self.email.text(), role
            )
        return assign_tutor(self._sessions, self._group_id, self.tutor.currentData(), role)
