"""New group / Edit group."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from pierglass_desktop.domain.enums import GroupMode, GroupStatus
from pierglass_desktop.domain.fields import GROUP
from pierglass_desktop.i18n import _
from pierglass_desktop.services.changes import changes_of
from pierglass_desktop.services.groups import GroupInput, GroupRow, create_group, update_group
from pierglass_desktop.ui.dialogs.base import FormDialog
from pierglass_desktop.ui.widgets.combos import enum_combo, select_data
from pierglass_desktop.ui.widgets.dates import OptionalDateEdit
from pierglass_desktop.ui.widgets.field_editors import add_field, add_line


class GroupDialog(FormDialog):
    """Creates a group (``row`` None) or edits ``row``; ``result_row`` holds the saved GroupRow."""

    changes = changes_of(create_group) | changes_of(update_group)  # type: ignore[assignment]

    def __init__(self, sessions, row: GroupRow | None = None, parent: QWidget | None = None):
        title = _("New group") if row is None else _("Edit group")
        super().__init__(title, parent)
        self._sessions = sessions
        self._row = row
        self._build()
        self._fill(row.to_input() if row else GroupInput(""))
        self.resize(520, self.sizeHint().height())

    def _build(self) -> None:
        form = self.new_form()
        self.name = add_line(form, GROUP["name"])
        self.name.setPlaceholderText(_("e.g. Kotihoidon yrittäjät, Pori"))
        self.location = add_line(form, GROUP["location"])
        self.mode = add_field(form, GROUP["mode"], enum_combo(GroupMode))
        self.status = add_field(form, GROUP["status"], enum_combo(GroupStatus))
        self.start_date = add_field(form, GROUP["start_date"], OptionalDateEdit())
        self.end_date = add_field(form, GROUP["end_date"], OptionalDateEdit())
        self.description = add_field(form, GROUP["description"], QPlainTextEdit())
        self.description.setFixedHeight(80)
        self.finish_layout(form)

    def _fill(self, data: GroupInput) -> None:
        self.name.setText(data.name)
        self.location.setText(data.location)
        select_data(self.mode, data.mode)
        select_data(self.status, data.status)
        self.start_date.set_date(data.start_date)
        self.end_date.set_date(data.end_date)
        self.description.setPlainText(data.description)

    def values(self) -> GroupInput:
        return GroupInput(
            name=self.name.text(),
            description=self.description.toPlainText(),
            mode=GroupMode(self.mode.currentData()),
            location=self.location.text(),
            start_date=self.start_date.date(),
            end_date=self.end_date.date(),
            status=GroupStatus(self.status.currentData()),
        )

    def save(self) -> GroupRow:
        if self._row is None:
            return create_group(self._sessions, self.values())
        return update_group(
            self._sessions, self._row.id, self.values(), seen_at=self._row.updated_at
        )
