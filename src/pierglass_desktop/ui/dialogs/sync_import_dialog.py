"""The import preview: what each file brings, what is refused and why, and the conflicts to decide.

Nothing is written until *Apply*; then the accepted files are applied off the GUI thread in
one transaction (after a backup), with the decisions taken here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.sync_import import (
    FileStatus,
    ImportPreview,
    ImportResult,
    Resolution,
    apply_import,
    file_note,
)
from pierglass_desktop.ui.models.exchange import (
    CONFLICT_COLUMNS,
    DIFF_COLUMNS,
    ERROR_COLUMNS,
    FILE_COLUMNS,
    SHEET_COLUMNS,
    ConflictRow,
    diff_rows,
    error_rows,
    model,
    sheet_rows,
)
from pierglass_desktop.ui.models.table import RowFilterProxy
from pierglass_desktop.ui.widgets import messages
from pierglass_desktop.ui.widgets.tables import chosen_row, table_view

ERROR_STYLE = "color: #b00020;"


class SyncImportDialog(QDialog):
    """Shows a preview; *Apply* runs the import through ``context.tasks``.

    ``result`` holds the ImportResult once applied (the dialog then closes accepted).
    """

    def __init__(self, context, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Import tutors' files"))
        self._context = context
        self._preview = preview
        self._decisions: dict[str, Resolution] = {}
        self.result: ImportResult | None = None
        self._build()
        self._fill()
        self.resize(1200, 700)

    # --- layout ----------------------------------------------------------------------------

    def _table(self, columns, stretch: int):
        source = model(columns, self)
        proxy = RowFilterProxy(source, self)
        return source, proxy, table_view(self, proxy, stretch=stretch)

    def _build(self) -> None:
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.files_model, self.files_proxy, self.files_table = self._table(FILE_COLUMNS, 9)
        # A long status ("Ready (saved in … on the way)") elides, with the whole in its tooltip,
        # rather than push "What happens" out of sight.
        self.files_table.horizontalHeader().setMaximumSectionSize(280)
        self.sheets_model, self.sheets_proxy, self.sheets_table = self._table(SHEET_COLUMNS, 0)
        self.errors_model, self.errors_proxy, self.errors_table = self._table(ERROR_COLUMNS, 4)
        self.conflicts_model, self.conflicts_proxy, self.conflicts_table = self._table(
            CONFLICT_COLUMNS, 2
        )
        self.conflicts_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.diff_model, self.diff_proxy, self.diff_table = self._table(DIFF_COLUMNS, 1)
        self.diff_table.setSortingEnabled(False)
        for column in (1, 2):  # mine and theirs side by side, equally wide
            self.diff_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._files_tab(), _("Files"))
        self.tabs.addTab(self.errors_table, _("Errors"))
        self.tabs.addTab(self._conflicts_tab(), _("Conflicts"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            _("Apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.clicked.connect(self._on_apply)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.files_table.selectionModel().selectionChanged.connect(self._on_file_chosen)
        self.conflicts_table.selectionModel().selectionChanged.connect(self._on_conflict_chosen)

    def _files_tab(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.files_table)
        lower = QWidget(splitter)
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 4, 0, 0)
        self.sheets_title = QLabel(lower)
        self.sheets_title.setTextFormat(Qt.TextFormat.PlainText)
        self.sheets_title.setStyleSheet("font-weight: 600;")
        self.file_note = QLabel(lower)
        self.file_note.setTextFormat(Qt.TextFormat.PlainText)
        self.file_note.setWordWrap(True)
        self.file_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.sheets_title)
        box.addWidget(self.file_note)
        box.addWidget(self.sheets_table, 1)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _conflicts_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.addWidget(self.conflicts_table)
        splitter.addWidget(self.diff_table)
        layout.addWidget(splitter, 1)
        self.decide_buttons: dict[str, QPushButton] = {}
        layout.addLayout(self._decision_row(_("For the chosen records:"), "chosen", self._decide))
        layout.addLayout(self._decision_row(_("For every conflict:"), "all", self._decide_all))
        return page

    def _decision_row(self, title: str, name: str, decide: Callable) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel(title, self)
        label.setMinimumWidth(200)
        row.addWidget(label)
        for resolution, text in (
            (Resolution.MINE, _("Keep mine")),
            (Resolution.THEIRS, _("Take theirs")),
            (Resolution.NEWER, _("Keep newer")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"{name}_{resolution.value}")
            button.clicked.connect(lambda _c=False, r=resolution: decide(r))
            self.decide_buttons[f"{name}_{resolution.value}"] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    # --- content ---------------------------------------------------------------------------

    def _fill(self) -> None:
        preview = self._preview
        self.files_model.set_rows(
            [_Identified(f) for f in preview.files]  # rows need an id for selection helpers
        )
        self.errors_model.set_rows(error_rows(preview))
        self._fill_conflicts()
        errors = self.errors_model.rowCount()
        self.tabs.setTabText(1, _("Errors ({count})").format(count=errors))
        self.tabs.setTabEnabled(1, errors > 0)
        if self.files_model.rowCount():  # a refused file first: its reason shows under the list
            rows = [self.files_proxy.row_at(r).file for r in range(self.files_proxy.rowCount())]
            refused = [r for r, f in enumerate(rows) if f.status is FileStatus.REFUSED]
            self.files_table.selectRow(refused[0] if refused else 0)
        self._on_conflict_chosen()
        self._update_state()

    def _fill_conflicts(self) -> None:
        keep = self._chosen_keys()
        rows = [
            ConflictRow(c.key, c, f.path.name, self._decision(c.key))
            for f in self._preview.files
            for c in f.conflicts
        ]
        self.conflicts_model.set_rows(rows)
        self.tabs.setTabText(2, _("Conflicts ({count})").format(count=len(rows)))
        self.tabs.setTabEnabled(2, bool(rows))
        for row in range(self.conflicts_proxy.rowCount()):
            if self.conflicts_proxy.row_at(row).id in keep:
                self.conflicts_table.selectionModel().select(
                    self.conflicts_proxy.index(row, 0),
                    self.conflicts_table.selectionModel().SelectionFlag.Select
                    | self.conflicts_table.selectionModel().SelectionFlag.Rows,
                )

    def _decision(self, key: str) -> str | None:
        found = self._decisions.get(key)
        return found.value if found else None

    def _chosen_keys(self) -> set[str]:
        rows = self.conflicts_table.selectionModel().selectedRows()
        return {self.conflicts_proxy.row_at(index.row()).id for index in rows}

    def _on_file_chosen(self, *_args) -> None:
        chosen = chosen_row(self.files_table)
        if chosen is None:
            self.sheets_model.set_rows([])
            self.sheets_title.setText("")
            self.file_note.setText("")
            return
        self.sheets_model.set_rows(sheet_rows(chosen.file))
        self.sheets_title.setText(_("In {name}:").format(name=chosen.file.path.name))
        refused = chosen.file.status is FileStatus.REFUSED
        self.file_note.setStyleSheet(ERROR_STYLE if refused else "")
        note = chosen.file.reason or file_note(chosen.file)
        self.file_note.setText(note)
        self.file_note.setVisible(bool(note))

    def _on_conflict_chosen(self, *_args) -> None:
        rows = self.conflicts_table.selectionModel().selectedRows()
        for resolution in Resolution:
            self.decide_buttons[f"chosen_{resolution.value}"].setEnabled(bool(rows))
        if len(rows) != 1:
            self.diff_model.set_rows([])
            return
        self.diff_model.set_rows(diff_rows(self.conflicts_proxy.row_at(rows[0].row()).conflict))

    # --- decisions -------------------------------------------------------------------------

    def _decide(self, resolution: Resolution) -> None:
        for key in self._chosen_keys():
            self._decisions[key] = resolution
        self._fill_conflicts()
        self._update_state()

    def _decide_all(self, resolution: Resolution) -> None:
        for conflict in self._preview.conflicts:
            self._decisions[conflict.key] = resolution
        self._fill_conflicts()
        self._update_state()

    def decide(self, key: str, resolution: Resolution) -> None:
        """Decide one conflict by its key (what the buttons do for the chosen rows)."""
        self._decisions[key] = resolution
        self._fill_conflicts()
        self._update_state()

    def undecided(self) -> int:
        return sum(1 for c in self._preview.conflicts if c.key not in self._decisions)

    def _update_state(self) -> None:
        preview = self._preview
        accepted, refused = len(preview.accepted), len(preview.refused)
        parts = [
            ngettext(
                "{count} file can be imported.", "{count} files can be imported.", accepted
            ).format(count=accepted)
        ]
        if refused:
            parts.append(
                ngettext(
                    "{count} file is refused and will not be touched.",
                    "{count} files are refused and will not be touched.",
                    refused,
                ).format(count=refused)
            )
        left = self.undecided()
        if left:
            parts.append(
                ngettext(
                    "Decide {count} conflict before applying.",
                    "Decide {count} conflicts before applying.",
                    left,
                ).format(count=left)
            )
        self.summary.setText(" ".join(parts))
        self.apply_button.setEnabled(accepted > 0 and left == 0)

    # --- applying --------------------------------------------------------------------------

    def _on_apply(self) -> None:
        if not self.apply_button.isEnabled():
            return
        decisions = dict(self._decisions)
        database = self._context.database
        preview = self._preview
        self.apply_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.progress.show()
        self._context.tasks.run(
            lambda _progress: apply_import(database, preview, per_conflict=decisions),
            on_success=self._on_applied,
            on_failure=self._on_failed,
        )

    def _on_applied(self, result: ImportResult) -> None:
        self.progress.hide()
        self.result = result
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(True)
        self._update_state()
        if not isinstance(error, PierglassError | OSError):
            raise error
        messages.show_error(self, _("Import tutors' files"), error)


class _Identified:
    """A FilePreview with the ``id`` the table helpers select by, and its counts' totals."""

    def __init__(self, file):
        self.file = file
        self.id = str(file.path)

    def __getattr__(self, name):
        return getattr(self.file, name)
