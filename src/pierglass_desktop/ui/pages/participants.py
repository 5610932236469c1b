"""The Participants page: everyone in the groups, searchable, filtered by group."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QPushButton,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import N_, _, ngettext
from pierglass_desktop.services import participants as participant_service
from pierglass_desktop.services.changes import Change
from pierglass_desktop.services.participant_list import ParticipantListRow, participant_list
from pierglass_desktop.services.series import group_choices
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.dialogs.participant_dialog import ParticipantDialog
from pierglass_desktop.ui.dialogs.person_data import person_data_button
from pierglass_desktop.ui.models.participants import participant_model
from pierglass_desktop.ui.pages.list_page import ListPage
from pierglass_desktop.ui.widgets import messages
from pierglass_desktop.ui.widgets.tables import table_view

KINDS = frozenset({Change.PARTICIPANTS, Change.GROUPS, Change.MEMBERSHIPS})


class ParticipantsPage(ListPage):
    KINDS = KINDS
    TITLE = N_("Participants")

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, participant_model(), parent)
        self.model.setParent(self)
        self._build()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        self.search_box(_("Search by name, company, business ID or e-mail"))
        self.group = QComboBox(self)
        self.new_button = QPushButton(_("New participant…"), self)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.delete_button = QPushButton(_("Delete…"), self)
        # Names, e-mail and groups start at a sensible width (drag to widen); a very long one
        # is shortened with "…" and shown whole in its tooltip, so no column leaves the screen.
        table = table_view(self, self.proxy, stretch=2, widths=self._column_widths())
        self.list_column(
            self,
            table,
            [self.group],
            [self.new_button, self.edit_button, person_data_button(self, self._context)],
            [self.delete_button],
        )

    def _column_widths(self) -> dict[int, int]:
        letter = self.fontMetrics().averageCharWidth()
        # last name, first name, e-mail, groups: in letters
        return {0: 16 * letter, 1: 14 * letter, 4: 36 * letter, 5: 34 * letter}

    def _connect(self) -> None:
        self.group.currentIndexChanged.connect(self._on_group_changed)
        self.new_button.clicked.connect(self._on_new)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.connect_list()

    def refresh(self) -> None:
        self._fill_groups()
        sessions = self._context.sessions
        self.load_rows(lambda: participant_list(sessions))

    def _fill_groups(self) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(_("All groups"), None)
        for group_id, name in group_choices(self._context.sessions):
            self.group.addItem(name, group_id)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)
        self._on_group_changed()

    def selected_participant(self) -> ParticipantListRow | None:
        return self.selected_row()

    def select_participant(self, participant_id: str) -> None:
        self.select_row(participant_id)

    def _on_group_changed(self, *_args) -> None:
        group_id = self.group.currentData()
        accept = None if group_id is None else (lambda p: group_id in p.group_ids)
        self.proxy.set_row_filter(accept)
        self._update_count()

    def _on_selection(self, *_args) -> None:
        chosen = self.selected_participant() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self._update_count()

    def count_text(self, shown: int, total: int) -> str:
        if shown != total:
            return _("{shown} of {total} participants shown").format(shown=shown, total=total)
        return ngettext("{count} participant", "{count} participants", total).format(count=total)

    def _on_new(self) -> None:
        dialog = ParticipantDialog(self._context.sessions, parent=self)
        if ops.exec_dialog(self._context, dialog):
            self.select_participant(dialog.result_row.id)

    def _on_edit(self, *_args) -> None:
        person = self.selected_participant()
        if person is None:
            return
        try:  # the list holds what it shows; the form needs every field
            whole = participant_service.get_participant(self._context.sessions, person.id)
        except PierglassError as error:
            messages.show_error(self, _("Edit participant"), error)
            return
        dialog = ParticipantDialog(self._context.sessions, whole, parent=self)
        ops.exec_dialog(self._context, dialog)

    def _on_delete(self) -> None:
        person = self.selected_participant()
        if person is None:
            return
        question = _(
            "Delete {name} ({code})? They are removed from every group and list; the "
            "deletion also reaches the project's copy at the next export. Records of "
            "meetings they attended keep their marks."
        ).format(name=person.full_name, code=person.pseudonym)
        if not messages.confirm(self, _("Delete participant"), question, _("Delete")):
            return
        ops.run(
            self._context,
            self,
            participant_service.delete_participant,
            self._context.sessions,
            person.id,
            title=_("Delete participant"),
        )
