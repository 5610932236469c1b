"""The Groups page: the list with search and filters, and the chosen group's members and tutors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.enums import GroupStatus
from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import N_, _, ngettext
from pierglass_desktop.services import groups as group_service
from pierglass_desktop.services.changes import Change
from pierglass_desktop.services.groups import GroupRow
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.dialogs.roster_import import roster_import_button
from pierglass_desktop.ui.models.groups import group_model
from pierglass_desktop.ui.pages.list_page import ListPage
from pierglass_desktop.ui.widgets import messages
from pierglass_desktop.ui.widgets.combos import enum_combo
from pierglass_desktop.ui.widgets.group_detail import GroupDetailPanel
from pierglass_desktop.ui.widgets.tables import table_view

# The list shows members, tutors and session counts; the detail shows the same people.
KINDS = frozenset(
    {Change.GROUPS, Change.PARTICIPANTS, Change.TUTORS, Change.MEMBERSHIPS, Change.MEETINGS}
)


class GroupsPage(ListPage):
    KINDS = KINDS
    TITLE = N_("Groups")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, group_model(), parent)
        self.model.setParent(self)
        self._build()
        self._connect()
        self.refresh()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_box(_("Search groups by name or place"))
        self.status = enum_combo(GroupStatus, _("All statuses"), self)
        self.show_archived = QCheckBox(_("Show archived"), self)
        self.new_button = QPushButton(_("New group…"), self)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.archive_button = QPushButton(_("Archive"), self)
        self.delete_button = QPushButton(_("Delete…"), self)
        self.detail = GroupDetailPanel(self._context, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._list_side(splitter))
        splitter.addWidget(self.detail)
        # The list gets the width: group names are long ("Mielenterveyspalvelujen
        # pienyritykset, Rovaniemi"); the detail panel reads fine narrower.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 470])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _list_side(self, parent: QWidget) -> QWidget:
        side = QWidget(parent)
        table = table_view(self, self.proxy, widths={4: 130})  # tutors
        column = self.list_column(
            side,
            table,
            [self.status, self.show_archived],
            [
                self.new_button,
                self.edit_button,
                self.archive_button,
                roster_import_button(self, self._context),
            ],
            [self.delete_button],
        )
        column.setContentsMargins(0, 0, 0, 0)
        return side

    def _connect(self) -> None:
        self.status.currentIndexChanged.connect(self._on_filter_changed)
        self.show_archived.toggled.connect(self.refresh)
        self.new_button.clicked.connect(self._on_new)
        self.edit_button.clicked.connect(self._on_edit)
        self.archive_button.clicked.connect(self._on_archive)
        self.delete_button.clicked.connect(self._on_delete)
        self.connect_list()

    # --- data -----------------------------------------------------------------------------

    def refresh(self) -> None:
        sessions, archived = self._context.sessions, self.show_archived.isChecked()
        self.load_rows(lambda: group_service.list_groups(sessions, include_archived=archived))

    def selected_group(self) -> GroupRow | None:
        return self.selected_row()

    def select_group(self, group_id: str) -> None:
        self.select_row(group_id)

    def count_text(self, shown: int, total: int) -> str:
        if shown != total:
            return _("{shown} of {total} groups shown").format(shown=shown, total=total)
        return ngettext("{count} group", "{count} groups", total).format(count=total)

    # --- slots ----------------------------------------------------------------------------

    def _on_filter_changed(self, *_args) -> None:
        status = self.status.currentData()
        self.proxy.set_row_filter(None if status is None else (lambda r: r.status == status))
        self._update_count()

    def _on_selection(self, *_args) -> None:
        group = self.selected_group()
        for button in (self.edit_button, self.archive_button, self.delete_button):
            button.setEnabled(group is not None)
        unarchive = group is not None and group.archived
        self.archive_button.setText(_("Unarchive") if unarchive else _("Archive"))
        self.detail.show_group(None if group is None else group.id)
        self._update_count()

    def _on_new(self) -> None:
        from pierglass_desktop.ui.dialogs.group_dialog import GroupDialog  # not at start-up

        dialog = GroupDialog(self._context.sessions, parent=self)
        if ops.exec_dialog(self._context, dialog):
            self.select_group(dialog.result_row.id)

    def _on_edit(self, *_args) -> None:
        group = self.selected_group()
        if group is None:
            return
        from pierglass_desktop.ui.dialogs.group_dialog import GroupDialog

        dialog = GroupDialog(self._context.sessions, group, parent=self)
        ops.exec_dialog(self._context, dialog)

    def _on_archive(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        action = group_service.unarchive_group if group.archived else group_service.archive_group
        self._act(action, group.id)

    def _on_delete(self) -> None:
        group = self.selected_group()
        if group is None:
            return
        try:
            impact = group_service.group_deletion_impact(self._context.sessions, group.id)
        except PierglassError as error:
            messages.show_error(self, _("Delete group"), error)
            return
        if impact.history:
            self._refuse_delete(group, impact.history)
            return
        if messages.confirm(self, _("Delete group"), _delete_question(impact), _("Delete")):
            self._act(group_service.delete_group, group.id)

    def _refuse_delete(self, group: GroupRow, history: int) -> None:
        text = ngettext(
            "“{name}” has {count} session or other record, so it cannot be deleted. "
            "Archive the group instead: it disappears from everyday lists and its history "
            "stays for reports.",
            "“{name}” has {count} sessions and other records, so it cannot be deleted. "
            "Archive the group instead: it disappears from everyday lists and its history "
            "stays for reports.",
            history,
        ).format(name=group.name, count=history)
        messages.show_error(self, _("Delete group"), text)

    def _act(self, action, group_id: str) -> None:
        ops.run(self._context, self, action, self._context.sessions, group_id, title=_("Groups"))


def _delete_question(impact) -> str:
    return ngettext(
        "Delete “{name}” and its {count} membership? The participants themselves are kept. "
        "The deletion also reaches the project's copy at the next export.",
        "Delete “{name}” and its {count} memberships? The participants themselves are kept. "
        "The deletion also reaches the project's copy at the next export.",
        impact.memberships,
    ).format(name=impact.group_name, count=impact.memberships)
