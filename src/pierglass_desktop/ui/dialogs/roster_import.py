"""Import a registration list into the chosen group: columns, preview, apply."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.exchange.roster import RosterTable, read_roster
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.paths import data_dir
from pierglass_desktop.services import roster
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.widgets import messages
from pierglass_desktop.ui.widgets.dates import date_edit, from_qdate
from pierglass_desktop.ui.widgets.files import choose_open_path

SPREADSHEETS = "*.xlsx *.ods *.csv"


def roster_import_button(page, context) -> QPushButton:
    """The Groups page's *Import list…* button; ``page.selected_group()`` gives the group."""
    button = QPushButton(_("Import list…"), page)
    button.setToolTip(_("Add the people of a registration spreadsheet to the chosen group"))
    button.clicked.connect(lambda: open_roster_import(page, context))
    return button


def open_roster_import(page, context) -> None:
    group = page.selected_group()
    if group is None:
        messages.show_error(page, _("Import list"), _("Choose the group the people join first."))
        return
    path = choose_open_path(
        page,
        "roster",
        _("Registration list"),
        _("Spreadsheets ({patterns})").format(patterns=SPREADSHEETS),
    )
    if path is None:
        return
    try:
        table = read_roster(path)
    except PierglassError as error:
        messages.show_error(page, _("Import list"), error)
        return
    dialog = RosterImportDialog(context, group.id, group.name, table, page)
    if dialog.exec():
        context.changes.announce({Change.PARTICIPANTS, Change.MEMBERSHIPS, Change.GROUPS})


class RosterImportDialog(QDialog):
    def __init__(self, context, group_id: str, group_name: str, table: RosterTable, parent=None):
        super().__init__(parent)
        self.setWindowTitle(
            _("Import {file} into {group}").format(file=table.name, group=group_name)
        )
        self._context = context
        self._group_id = group_id
        self._table = table
        self.columns = QTableWidget(len(table.header), 3, self)
        self.columns.setHorizontalHeaderLabels(
            [_("Column in the file"), _("First value"), _("Becomes")]
        )
        self.columns.verticalHeader().setVisible(False)
        mapping = roster.remembered_mapping(data_dir(), table.header) or roster.guess_mapping(
            table.header
        )
        self.combos: list[QComboBox] = []
        for index, caption in enumerate(table.header):
            self._add_column_row(index, caption, mapping.get(index))
        self.columns.resizeColumnsToContents()
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.joined_on = date_edit(parent=self)
        self.joined_on.setMaximumWidth(220)
        form = QFormLayout()
        form.addRow(_("Joined on"), self.joined_on)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        buttons = QDialogButtonBox(self)
        self.preview_button = buttons.addButton(
            _("Preview"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.apply_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.preview_button.clicked.connect(self.show_preview)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns, 2)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self.show_preview()

    def _add_column_row(self, index: int, caption: str, target: str | None) -> None:
        self.columns.setItem(index, 0, QTableWidgetItem(caption or _("(no heading)")))
        first = next((cells[index] for _n, cells in self._table.rows if index < len(cells)), "")
        self.columns.setItem(index, 1, QTableWidgetItem(first))
        combo = QComboBox(self.columns)
        combo.addItem(_("(not imported)"), None)
        for name in roster.TARGETS:
            combo.addItem(roster.target_caption(name), name)
        combo.setCurrentIndex(max(0, combo.findData(target)))
        combo.currentIndexChanged.connect(self.show_preview)
        self.columns.setCellWidget(index, 2, combo)
        self.combos.append(combo)

    def mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def show_preview(self, *_args) -> roster.RosterPreview | None:
        try:
            preview = roster.preview_roster(
                self._context.sessions, self._table, self.mapping(), self._group_id
            )
        except PierglassError as error:
            self.summary.setText(str(error))
            self.problems.setPlainText("")
            self.apply_button.setEnabled(False)
            return None
        counts = preview.counts
        self.summary.setText(
            _("{rows} rows: {new} new, {matched} already known, {errors} with errors.").format(
                **counts
            )
        )
        self.problems.setPlainText(
            "\n".join(
                _("Row {row}: {reason}").format(row=e.row, reason=e.reason) for e in preview.errors
            )
        )
        self.apply_button.setEnabled(preview.changes > 0)
        return preview

    def apply(self) -> None:
        try:
            result = roster.apply_roster(
                self._context.database,
                self._table,
                self.mapping(),
                self._group_id,
                from_qdate(self.joined_on.date()),
            )
            roster.remember_mapping(data_dir(), self._table.header, self.mapping())
        except PierglassError as error:
            messages.show_error(self, _("Import list"), error)
            return
        self.result = result
        messages_text = ngettext(
            "{n} person joined the group.", "{n} people joined the group.", result.joined
        ).format(n=result.joined)
        self.summary.setText(messages_text)
        self.accept()
