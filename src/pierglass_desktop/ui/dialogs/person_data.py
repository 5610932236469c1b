"""A person's data on the Participants page: export everything held (Art. 15), erase (Art. 17)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, current_language
from pierglass_desktop.services import erasure
from pierglass_desktop.services.changes import PEOPLE_DATA
from pierglass_desktop.ui.widgets import messages
from pierglass_desktop.ui.widgets.dates import show_date
from pierglass_desktop.ui.widgets.files import choose_save_path, show_saved, xlsx_filter


def person_data_button(page, context) -> QPushButton:
    """The Participants page's *Their data* button; ``page.selected_participant()`` says who."""
    button = QPushButton(_("Their data"), page)
    menu = QMenu(button)
    menu.addAction(_("Export their data…"), lambda: export_their_data(page, context))
    menu.addAction(_("Erase…"), lambda: erase_them(page, context))
    menu.addSeparator()
    menu.addAction(_("Past the retention period…"), lambda: show_past_retention(page, context))
    button.setMenu(menu)
    return button


def export_their_data(page, context) -> None:
    from pierglass_desktop.exchange.person_export import export_person

    title = _("Export their data")
    person = _chosen(page, title)
    if person is None:
        return
    path = choose_save_path(
        page, "person", title, f"{person.first_name}-{person.last_name}.xlsx", xlsx_filter()
    )
    if path is None:
        return
    from pierglass_desktop.ui.dialogs.password_dialog import person_file_password

    go_on, password = person_file_password(page, f"{person.first_name} {person.last_name}")
    if not go_on:
        return
    try:
        export_person(
            context.sessions, person.id, path, language=current_language(), password=password
        )
    except PierglassError as error:
        messages.show_error(page, title, error)
        return
    show_saved(page, title, path)


def erase_them(page, context) -> None:
    person = _chosen(page, _("Erase"))
    if person is not None:
        erase_person_id(page, context, person.id)


def erase_person_id(page, context, participant_id: str) -> bool:
    """Confirm, then erase; True when the person was erased."""
    try:
        plan = erasure.plan_erasure(context.database, participant_id)
    except PierglassError as error:
        messages.show_error(page, _("Erase"), error)
        return False
    dialog = EraseDialog(plan, page)
    if not dialog.exec():
        return False
    try:
        result = erasure.erase_person(context.database, participant_id)
        if dialog.delete_backups.isChecked():
            erasure.delete_backups(result.backups_holding)
    except PierglassError as error:
        messages.show_error(page, _("Erase"), error)
    context.changes.announce(PEOPLE_DATA)
    return True


def show_past_retention(page, context) -> None:
    dialog = RetentionDialog(context, page)
    dialog.exec()


class RetentionDialog(QDialog):
    """The people whose every group ended longer ago than data is kept, offered for erasure."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self._context = context
        self._parent_page = parent
        self.years = context.preferences.retention_years
        self.setWindowTitle(_("Past the retention period"))
        self.intro = QLabel(
            _(
                "Data is kept {years} years after a person's last group ended. "
                "These people are past that; erase them one at a time."
            ).format(years=self.years),
            self,
        )
        self.intro.setWordWrap(True)
        self.people = QListWidget(self)
        buttons = QDialogButtonBox(self)
        self.erase_button = buttons.addButton(_("Erase…"), QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.erase_button.clicked.connect(self._erase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.people, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.fill()

    def fill(self) -> None:
        self.people.clear()
        for person in erasure.past_retention(self._context.sessions, self.years):
            item = QListWidgetItem(
                _("{name} — last group ended {day}").format(
                    name=person.name, day=show_date(person.last_group_ended)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, person.participant_id)
            self.people.addItem(item)
        if not self.people.count():
            self.people.addItem(_("Nobody is past the retention period."))
            self.people.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.erase_button.setEnabled(self.people.item(0).flags() != Qt.ItemFlag.NoItemFlags)
        self.people.setCurrentRow(0)

    def _erase(self) -> None:
        item = self.people.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        if erase_person_id(self, self._context, item.data(Qt.ItemDataRole.UserRole)):
            self.fill()


def _chosen(page, title: str):
    person = page.selected_participant()
    if person is None:
        messages.show_error(page, title, _("Choose a person in the list first."))
    return person


class EraseDialog(QDialog):
    """Names what will be removed and which older backups still hold the person."""

    def __init__(self, plan: erasure.ErasurePlan, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Erase {name}").format(name=plan.name))
        lines = erasure.describe_plan(plan)
        self.text = text = QPlainTextEdit("\n".join(lines), self)
        text.setReadOnly(True)
        warning = QLabel(
            _(
                "This cannot be undone. The person stays only as an empty record, so the "
                "project's copy erases them too at the next exchange."
            ),
            self,
        )
        warning.setWordWrap(True)
        self.delete_backups = QCheckBox(_("Also delete the older backups that hold them"), self)
        self.delete_backups.setVisible(bool(plan.backups_holding))
        buttons = QDialogButtonBox(self)
        self.erase_button = buttons.addButton(
            _("Erase"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.erase_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(text, 1)
        layout.addWidget(self.delete_backups)
        layout.addWidget(buttons)
        self.resize(620, 420)
