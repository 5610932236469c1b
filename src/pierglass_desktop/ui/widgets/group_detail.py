"""The chosen group's details: facts, members with joined and left dates, tutors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import NotFound
from pierglass_desktop.domain.vocabulary import label
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services import groups as group_service
from pierglass_desktop.services import tutors as tutor_service
from pierglass_desktop.services.groups import GroupDetail, GroupRow
from pierglass_desktop.services.members import MemberRow
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.models.groups import group_tutor_model, member_model
from pierglass_desktop.ui.models.table import RowFilterProxy
from pierglass_desktop.ui.widgets.dates import show_date
from pierglass_desktop.ui.widgets.tables import chosen_row, table_view


def _facts(group: GroupRow) -> str:
    """One line of facts; each part is a whole translated phrase."""
    parts = [label(group.status), label(group.mode)]
    if group.location:
        parts.append(group.location)
    if group.start_date and group.end_date:
        parts.append(
            _("{start} – {end}").format(
                start=show_date(group.start_date), end=show_date(group.end_date)
            )
        )
    elif group.start_date:
        parts.append(_("from {start}").format(start=show_date(group.start_date)))
    return " · ".join(parts)


class GroupDetailPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._context = context
        self._detail: GroupDetail | None = None
        self.members_model = member_model(self)
        self.members_proxy = RowFilterProxy(self.members_model, self)
        self.tutors_model = group_tutor_model(self)
        self.tutors_proxy = RowFilterProxy(self.tutors_model, self)
        self._build()
        self._connect()
        self.show_group(None)

    def _build(self) -> None:
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel(self)
        self.description = QLabel(self)
        for plain in (self.title, self.facts, self.description):  # user text is never markup
            plain.setTextFormat(Qt.TextFormat.PlainText)
            plain.setWordWrap(True)
        self.body = self._build_body()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        for widget in (self.title, self.facts, self.description):
            layout.addWidget(widget)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # takes the room while the body is hidden

    def _build_body(self) -> QWidget:
        """Members and tutors with their buttons: hidden while no group is chosen."""
        body = QWidget(self)
        self.members_heading = QLabel(body)
        # Names fit; the company takes what is left (and is elided first).
        self.members = table_view(body, self.members_proxy, stretch=1)
        self.add_member_button = QPushButton(_("Add member…"), body)
        self.end_member_button = QPushButton(_("End membership…"), body)
        self.tutors_heading = QLabel(_("Tutors"), body)
        self.tutors = table_view(body, self.tutors_proxy, sortable=False)  # lead first
        self.assign_button = QPushButton(_("Assign tutor…"), body)
        self.unassign_button = QPushButton(_("Unassign"), body)
        for heading in (self.members_heading, self.tutors_heading):
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.members_heading)
        column.addWidget(self.members, 3)
        column.addLayout(_button_row(self.add_member_button, self.end_member_button))
        column.addWidget(self.tutors_heading)
        column.addWidget(self.tutors, 1)
        column.addLayout(_button_row(self.assign_button, self.unassign_button))
        return body

    def _connect(self) -> None:
        self.add_member_button.clicked.connect(self._on_add_member)
        self.end_member_button.clicked.connect(self._on_end_member)
        self.assign_button.clicked.connect(self._on_assign)
        self.unassign_button.clicked.connect(self._on_unassign)
        self.members.selectionModel().selectionChanged.connect(self._update_buttons)
        self.tutors.selectionModel().selectionChanged.connect(self._update_buttons)

    def show_group(self, group_id: str | None) -> None:
        """Show the group with this id (None: an empty panel with a hint)."""
        self._detail = None
        if group_id is not None:
            try:
                self._detail = group_service.get_group(self._context.sessions, group_id)
            except NotFound:
                self._detail = None
        self._fill()

    def _fill(self) -> None:
        detail = self._detail
        self.members_model.set_rows(detail.members if detail else ())
        self.tutors_model.set_rows(detail.tutors if detail else ())
        if detail is None:
            self.title.setText(_("No group chosen"))
            self.facts.setText(_("Choose a group in the list to see its members and tutors."))
            self.description.hide()
            self.members_heading.setText("")
            self.body.hide()
        else:
            self.title.setText(detail.group.name)
            self.facts.setText(_facts(detail.group))
            self.description.setText(detail.group.description)
            self.description.setVisible(bool(detail.group.description))
            self.members_heading.setText(_members_heading(detail))
            self.body.show()
        self._update_buttons()

    def selected_member(self) -> MemberRow | None:
        return chosen_row(self.members)

    def _selected_tutor(self):
        return chosen_row(self.tutors)

    def _update_buttons(self, *_args) -> None:
        has_group = self._detail is not None
        member = self.selected_member()
        for widget in (self.members, self.tutors, self.add_member_button, self.assign_button):
            widget.setEnabled(has_group)
        self.end_member_button.setEnabled(member is not None and member.current)
        self.unassign_button.setEnabled(self._selected_tutor() is not None)

    def _on_add_member(self) -> None:
        if self._detail is None:
            return
        group = self._detail.group
        # Dialogs are imported when first opened: the Groups page is built at start-up.
        from pierglass_desktop.ui.dialogs.member_dialogs import AddMemberDialog

        dialog = AddMemberDialog(self._context.sessions, group.id, group.name, parent=self)
        ops.exec_dialog(self._context, dialog)

    def _on_end_member(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        from pierglass_desktop.ui.dialogs.member_dialogs import EndMembershipDialog

        dialog = EndMembershipDialog(self._context.sessions, member, parent=self)
        ops.exec_dialog(self._context, dialog)

    def _on_assign(self) -> None:
        if self._detail is None:
            return
        group = self._detail.group
        from pierglass_desktop.ui.dialogs.tutor_dialog import AssignTutorDialog

        dialog = AssignTutorDialog(self._context.sessions, group.id, group.name, parent=self)
        ops.exec_dialog(self._context, dialog)

    def _on_unassign(self) -> None:
        tutor = self._selected_tutor()
        if self._detail is None or tutor is None:
            return
        ops.run(
            self._context,
            self,
            tutor_service.unassign_tutor,
            self._context.sessions,
            self._detail.group.id,
            tutor.tutor_id,
            title=_("Unassign tutor"),
        )


def _button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _members_heading(detail: GroupDetail) -> str:
    current = detail.group.member_count
    return ngettext("Members ({count} current)", "Members ({count} current)", current).format(
        count=current
    )
