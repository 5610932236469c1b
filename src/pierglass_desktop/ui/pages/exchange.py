"""The Import and export page: the tutor's export for the project, the coordinator's import.

Export: choose groups, say whether everyone is pseudonymised and evidence goes along, see what
leaves before anything is written, choose where, and the file is written off the GUI thread.
Import: choose files or a folder, the preview is read off the GUI thread, then the preview
dialog decides and applies.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.exchange.protected import is_protected, send_password_separately
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.changes import IMPORTED, Change
from pierglass_desktop.services.groups import list_groups
from pierglass_desktop.services.sync_export import ExportPlan, export_sync, plan_export
from pierglass_desktop.services.sync_import import (
    SYNC_KIND,
    ImportPreview,
    ImportResult,
    forgetting_lines,
    list_imports,
    preview_import,
    sync_files_in,
)
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.dialogs.password_dialog import (
    project_password_for_export,
    project_password_for_import,
)
from pierglass_desktop.ui.dialogs.sync_import_dialog import SyncImportDialog
from pierglass_desktop.ui.models.exchange import HISTORY_COLUMNS, model, sheet_label
from pierglass_desktop.ui.models.table import RowFilterProxy
from pierglass_desktop.ui.widgets import files, messages
from pierglass_desktop.ui.widgets.tables import table_view

KINDS = frozenset({Change.GROUPS, Change.IMPORTS})
# What an import may change: every page showing project data refreshes.


class ExchangePage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._context = context
        self.groups = QStandardItemModel(self)
        self.history_model = model(HISTORY_COLUMNS, self)
        self.history_proxy = RowFilterProxy(self.history_model, self)
        self._build()
        self._connect()
        self.refresh()

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.addWidget(self._export_box(), 1)
        layout.addWidget(self._import_box(), 1)

    def _export_box(self) -> QGroupBox:
        box = QGroupBox(_("Export for the project"), self)
        intro = QLabel(
            _(
                "Send your groups to the project's coordinator: choose the groups, then "
                "save the file and send it. Private notes never leave this computer."
            ),
            box,
        )
        intro.setWordWrap(True)
        self.group_list = QListView(box)
        self.group_list.setModel(self.groups)
        self.group_list.setUniformItemSizes(True)
        self.all_button = QPushButton(_("All"), box)
        self.none_button = QPushButton(_("None"), box)
        self.pseudonymise = QCheckBox(_("Pseudonymise everyone (codes instead of names)"), box)
        self.with_evidence = QCheckBox(
            _("Include evidence (signed sign-in sheets and other attached files)"), box
        )
        # The export names people: protected unless the tutor chooses otherwise (issue 16).
        self.protect = QCheckBox(_("Protect the file with the project password"), box)
        self.protect.setChecked(True)
        self.export_button = QPushButton(_("Export for the project…"), box)
        self.export_button.setDefault(True)
        self.export_progress = QProgressBar(box)
        self.export_progress.hide()
        self.export_status = QLabel(box)
        self.export_status.setWordWrap(True)
        self.export_status.setTextFormat(Qt.TextFormat.PlainText)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(_("Groups to send:"), box), 1)
        choose.addWidget(self.all_button)
        choose.addWidget(self.none_button)
        column = QVBoxLayout(box)
        column.addWidget(intro)
        column.addLayout(choose)
        column.addWidget(self.group_list, 1)
        column.addWidget(self.pseudonymise)
        column.addWidget(self.with_evidence)
        column.addWidget(self.protect)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.export_progress, 1)
        actions.addStretch(1)  # the button keeps its own width while no progress shows
        column.addLayout(actions)
        column.addWidget(self.export_status)
        return box

    def _import_box(self) -> QGroupBox:
        box = QGroupBox(_("Import tutors' files"), self)
        intro = QLabel(
            _(
                "Bring tutors' exports into this database. You see what each file changes "
                "before anything is written, and a backup is taken first."
            ),
            box,
        )
        intro.setWordWrap(True)
        self.import_button = QPushButton(_("Import files…"), box)
        self.import_folder_button = QPushButton(_("Import a folder…"), box)
        self.import_progress = QProgressBar(box)
        self.import_progress.hide()
        self.import_status = QLabel(box)
        self.import_status.setWordWrap(True)
        self.import_status.setTextFormat(Qt.TextFormat.PlainText)
        self.history_table = table_view(box, self.history_proxy, stretch=1)
        self.history_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.import_folder_button)
        buttons.addWidget(self.import_progress, 1)
        buttons.addStretch(1)
        column = QVBoxLayout(box)
        column.addWidget(intro)
        column.addLayout(buttons)
        column.addWidget(self.import_status)
        column.addWidget(QLabel(_("Imported earlier:"), box))
        column.addWidget(self.history_table, 1)
        return box

    def _connect(self) -> None:
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))
        self.export_button.clicked.connect(self._on_export)
        self.import_button.clicked.connect(self._on_import_files)
        self.import_folder_button.clicked.connect(self._on_import_folder)
        self.groups.itemChanged.connect(self._on_groups_checked)
        self._context.changes.changed.connect(self._on_changes)

    # --- content ---------------------------------------------------------------------------

    def refresh(self) -> None:
        unchecked = {
            item.data()
            for item in self._group_items()
            if item.checkState() != Qt.CheckState.Checked
        }
        self.groups.blockSignals(True)
        self.groups.clear()
        for row in list_groups(self._context.sessions, include_archived=True):
            item = QStandardItem(row.name)
            item.setData(row.id)
            item.setEditable(False)
            item.setCheckable(True)
            checked = row.id not in unchecked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.groups.appendRow(item)
        self.groups.blockSignals(False)
        self.group_list.reset()
        self.history_model.set_rows(
            [r for r in list_imports(self._context.sessions) if r.kind == SYNC_KIND]
        )
        self._on_groups_checked()

    def _on_changes(self, kinds: frozenset[Change]) -> None:
        if kinds & KINDS:
            self.refresh()

    def _group_items(self) -> list[QStandardItem]:
        return [self.groups.item(row) for row in range(self.groups.rowCount())]

    def chosen_group_ids(self) -> list[str]:
        return [
            item.data()
            for item in self._group_items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item in self._group_items():
            item.setCheckState(state)

    def _on_groups_checked(self, *_args) -> None:
        self.export_button.setEnabled(bool(self.chosen_group_ids()))

    # --- export ----------------------------------------------------------------------------

    def _on_export(self) -> None:
        group_ids = self.chosen_group_ids()
        if not group_ids:
            return
        pseudonymise = self.pseudonymise.isChecked()
        try:
            plan = plan_export(self._context.sessions, group_ids, pseudonymise)
        except PierglassError as error:
            messages.show_error(self, _("Export for the project"), error)
            return
        if not self._confirm_export(plan):
            return
        path = self.ask_export_path()
        if path is None:
            return
        password = None
        if self.protect.isChecked():
            password = project_password_for_export(self)
            if password is None:
                return
        self._write_export(path, group_ids, pseudonymise, self.with_evidence.isChecked(), password)

    def _confirm_export(self, plan: ExportPlan) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, _("Export for the project"), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(export_summary(plan, self.with_evidence.isChecked()))
        go = box.addButton(_("Choose where to save…"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is go

    def ask_export_path(self) -> Path | None:
        name = _("pierglass-export-{day}.xlsx").format(day=date.today().isoformat())
        title = _("Save the export")
        return files.choose_save_path(self, files.EXPORTS, title, name, files.xlsx_filter())

    def _write_export(
        self, path: Path, group_ids, pseudonymise: bool, evidence: bool, password: str | None
    ) -> None:
        sessions = self._context.sessions
        tutor = self._context.preferences.tutor_name
        self._busy(True, self.export_progress)
        self.export_status.setText(_("Writing {name}…").format(name=path.name))
        self._context.tasks.run(
            lambda progress: export_sync(
                sessions,
                path,
                group_ids=group_ids,
                pseudonymise=pseudonymise,
                with_evidence=evidence,
                progress=progress,
                tutor=tutor,
                password=password,
            ),
            on_success=lambda plan: self._on_exported(plan, protected=password is not None),
            on_failure=lambda error: self._on_failed(error, _("Export for the project")),
            on_progress=self._on_export_progress,
        )

    def _on_export_progress(self, done: int, total: int) -> None:
        self.export_progress.setRange(0, max(total, 1))
        self.export_progress.setValue(done)

    def _on_exported(self, plan: ExportPlan, *, protected: bool = False) -> None:
        self._busy(False, self.export_progress)
        text = _("Saved {path}. Send this file to the project's coordinator.").format(
            path=plan.output
        )
        if protected:
            text += " " + send_password_separately()
        if plan.evidence_zip is not None:
            text += " " + _("The evidence files are in {path}; send it along.").format(
                path=plan.evidence_zip
            )
        self.export_status.setText(text)

    # --- import ----------------------------------------------------------------------------

    def _on_import_files(self) -> None:
        title = _("Choose tutors' files")
        chosen = files.choose_open_paths(self, files.IMPORTS, title, files.xlsx_filter())
        if chosen:
            self.start_preview(chosen)

    def _on_import_folder(self) -> None:
        folder = files.choose_folder(self, files.IMPORTS, _("Choose the folder with tutors' files"))
        if folder is not None:
            self.start_preview([folder])

    def start_preview(self, paths: list[Path]) -> None:
        """Read and check the files off the GUI thread, then show the preview."""
        found = sync_files_in(paths)
        if not found:
            messages.show_error(
                self,
                _("Import tutors' files"),
                _("There are no Excel workbooks (.xlsx) in {folder}.").format(folder=paths[0]),
            )
            return
        protected = [path for path in found if is_protected(path)]
        password = project_password_for_import(self, protected[0].name) if protected else None
        if protected and password is None:
            return
        sessions = self._context.sessions
        self._busy(True, self.import_progress)
        self.import_status.setText(
            ngettext("Reading {count} file…", "Reading {count} files…", len(found)).format(
                count=len(found)
            )
        )
        self._context.tasks.run(
            lambda progress: preview_import(sessions, found, progress=progress, password=password),
            on_success=self._on_previewed,
            on_failure=lambda error: self._on_failed(error, _("Import tutors' files")),
            on_progress=self._on_import_progress,
        )

    def _on_import_progress(self, done: int, total: int) -> None:
        self.import_progress.setRange(0, max(total, 1))
        self.import_progress.setValue(done)

    def _on_previewed(self, preview: ImportPreview) -> None:
        self._busy(False, self.import_progress)
        self.import_status.setText("")
        dialog = SyncImportDialog(self._context, preview, self)
        if dialog.exec() and dialog.result is not None:
            self._context.changes.announce(IMPORTED)
            self._tell_imported(dialog.result)

    def _tell_imported(self, result: ImportResult) -> None:
        text = import_summary(result)
        self.import_status.setText(text)
        box = QMessageBox(QMessageBox.Icon.Information, _("Import tutors' files"), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.exec()

    # --- shared ----------------------------------------------------------------------------

    def _busy(self, busy: bool, bar: QProgressBar) -> None:
        bar.setRange(0, 0)
        bar.setVisible(busy)
        for button in (
            self.export_button,
            self.import_button,
            self.import_folder_button,
        ):
            button.setEnabled(not busy)
        if not busy:
            self._on_groups_checked()

    def _on_failed(self, error: Exception, title: str) -> None:
        self._busy(False, self.export_progress)
        self._busy(False, self.import_progress)
        self.export_status.setText("")
        self.import_status.setText("")
        if not isinstance(error, PierglassError):
            raise error  # a bug: let the crash handler see it
        messages.show_error(self, title, error)


def export_summary(plan: ExportPlan, with_evidence: bool) -> str:
    """What leaves this computer, in sentences, before anything is written."""
    lines = [_("The file will hold:")]
    for sheet, count in plan.counts.items():
        if count:
            lines.append(f"  • {sheet_label(sheet)}: {count}")
    lines.append("")
    if plan.pseudonymised:
        lines.append(
            ngettext(
                "{count} person goes under a pseudonym code instead of a name.",
                "{count} people go under a pseudonym code instead of a name.",
                plan.pseudonymised,
            ).format(count=plan.pseudonymised)
        )
    if plan.private_notes_kept:
        lines.append(
            ngettext(
                "{count} private note stays on this computer.",
                "{count} private notes stay on this computer.",
                plan.private_notes_kept,
            ).format(count=plan.private_notes_kept)
        )
    else:
        lines.append(_("Private notes never leave this computer."))
    if with_evidence:
        lines.append(_("Evidence files go in a separate zip file beside the export."))
    return "\n".join(lines)


def import_summary(result: ImportResult) -> str:
    applied = result.applied
    lines = [
        ngettext("{count} file imported.", "{count} files imported.", len(applied)).format(
            count=len(applied)
        )
    ]
    new = sum(f.total("new") for f in applied)
    updated = sum(f.total("updated") for f in applied)
    lines.append(_("{new} new and {updated} updated records.").format(new=new, updated=updated))
    for refused in result.refused:
        lines.append(f"{refused.path.name}: {refused.reason}")
    if result.backup_path:
        lines.append(_("A backup taken before the import: {path}").format(path=result.backup_path))
    lines += forgetting_lines(result)
    return "\n".join(lines)
