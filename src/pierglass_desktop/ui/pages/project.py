"""The Project page: the coordinator's view of every group and tutor, and duplicate people."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services.changes import Change, changes_of
from pierglass_desktop.services.duplicates import (
    DuplicatePair,
    MergeResult,
    find_duplicates,
    merge_with_backup,
)
from pierglass_desktop.services.project_overview import project_groups
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.dialogs.merge_dialog import MergeDialog
from pierglass_desktop.ui.models.project import (
    duplicate_model,
    origin_text,
    project_group_model,
)
from pierglass_desktop.ui.models.table import RowFilterProxy
from pierglass_desktop.ui.widgets import messages
from pierglass_desktop.ui.widgets.tables import chosen_row, table_view

KINDS = frozenset(
    {Change.GROUPS, Change.PARTICIPANTS, Change.TUTORS, Change.MEMBERSHIPS, Change.MEETINGS}
    | {Change.ATTENDANCE, Change.IMPORTS}
)


class ProjectPage(QWidget):
    loaded = Signal()  # the lists were (re)loaded

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._context = context
        self._stale = False
        self.loading = False
        self.groups_model = project_group_model(self)
        self.groups_proxy = RowFilterProxy(self.groups_model, self)
        self.duplicates_model = duplicate_model(self)
        self.duplicates_proxy = RowFilterProxy(self.duplicates_model, self)
        self._build()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search by group, tutor or file"))
        self.search.setClearButtonEnabled(True)
        self.origin = QComboBox(self)
        self.groups_table = table_view(self, self.groups_proxy, stretch=1)
        self.groups_count = QLabel(self)
        self.duplicates_table = table_view(self, self.duplicates_proxy, stretch=3)
        self.merge_button = QPushButton(_("Merge…"), self)
        self.duplicates_count = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(QLabel(_("Origin:"), self))
        bar.addWidget(self.origin)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.groups_table, 1)
        top_layout.addWidget(self.groups_count)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        heading = QHBoxLayout()
        title = QLabel(_("Probable duplicates"), self)
        title.setStyleSheet("font-weight: 600;")
        heading.addWidget(title)
        heading.addWidget(self.duplicates_count, 1)
        heading.addWidget(self.merge_button)
        bottom_layout.addLayout(heading)
        bottom_layout.addWidget(self.duplicates_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._on_search)
        self.origin.currentIndexChanged.connect(self._on_origin)
        self.merge_button.clicked.connect(self._on_merge)
        self.duplicates_table.doubleClicked.connect(self._on_merge)
        self.duplicates_table.selectionModel().selectionChanged.connect(self._on_selection)
        self.duplicates_proxy.modelReset.connect(self._on_selection)
        self._context.changes.changed.connect(self._on_changes)

    def refresh(self) -> None:
        """Reload off the GUI thread: a coordinator's copy holds every group and person."""
        self._stale = False
        self.loading = True
        sessions = self._context.sessions
        self._context.tasks.run(
            lambda _progress: (project_groups(sessions), find_duplicates(sessions)),
            on_success=self._show,
            on_failure=self._show_failure,
        )

    def _show(self, loaded) -> None:
        if not isValid(self):  # the page was closed while the lists were loading
            return
        groups, pairs = loaded
        self.loading = False
        self.groups_model.set_rows(groups)
        self.duplicates_model.set_rows(pairs)
        self._fill_origins()
        self._update_counts()
        self._on_selection()
        self.loaded.emit()

    def _show_failure(self, error: Exception) -> None:
        if isValid(self):
            self.loading = False
            messages.show_error(self, _("Project"), error)

    def _fill_origins(self) -> None:
        current = self.origin.currentData()
        self.origin.blockSignals(True)
        self.origin.clear()
        self.origin.addItem(_("All"), None)
        seen: dict[str, str] = {}
        for row in self.groups_model.rows():
            seen.setdefault(row.origin, origin_text(row))
        for origin, text in sorted(seen.items(), key=lambda item: item[1].casefold()):
            self.origin.addItem(text, origin)
        self.origin.setCurrentIndex(max(0, self.origin.findData(current)))
        self.origin.blockSignals(False)
        self._on_origin()

    def _on_changes(self, kinds: frozenset[Change]) -> None:
        if not kinds & KINDS:
            return
        # A coordinator's copy is big: a page nobody looks at waits until it is shown.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_search(self, text: str) -> None:
        self.groups_proxy.set_search(text)
        self._update_counts()

    def _on_origin(self, *_args) -> None:
        origin = self.origin.currentData()
        self.groups_proxy.set_row_filter(None if origin is None else (lambda r: r.origin == origin))
        self._update_counts()

    def _on_selection(self, *_args) -> None:
        self.merge_button.setEnabled(self.selected_pair() is not None)

    def _update_counts(self) -> None:
        shown, total = self.groups_proxy.rowCount(), self.groups_model.rowCount()
        text = ngettext("{count} group", "{count} groups", total).format(count=total)
        if shown != total:
            text = _("{shown} of {total} groups shown").format(shown=shown, total=total)
        self.groups_count.setText(text)
        pairs = self.duplicates_model.rowCount()
        self.duplicates_count.setText(
            ngettext("({count} pair)", "({count} pairs)", pairs).format(count=pairs)
            if pairs
            else _("(none found)")
        )

    def selected_pair(self) -> DuplicatePair | None:
        return chosen_row(self.duplicates_table)

    def _on_merge(self, *_args) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        dialog = MergeDialog(pair, self)
        if not dialog.exec():
            return
        kept, merged = dialog.kept, dialog.merged
        try:
            result = merge_with_backup(self._context.database, kept.id, merged.id)
        except PierglassError as error:
            messages.show_error(self, _("Merge two records"), error)
            self.refresh()
            return
        self._context.changes.announce(changes_of(merge_with_backup) or ())
        self._tell_merged(kept.full_name, result)

    def _tell_merged(self, name: str, result: MergeResult) -> None:
        lines = [_("The two records are now one: {name}.").format(name=name)]
        if result.dropped_marks:
            meetings = ", ".join(
                _("{group}, meeting {number}").format(group=m.group_name, number=m.meeting_number)
                for m in result.dropped_marks
            )
            lines.append(
                ngettext(
                    "Both records had a mark for one meeting; the kept record's mark stayed: "
                    "{meetings}.",
                    "Both records had marks for {count} meetings; the kept record's marks "
                    "stayed: {meetings}.",
                    len(result.dropped_marks),
                ).format(count=len(result.dropped_marks), meetings=meetings)
            )
        if result.backup_path is not None:
            lines.append(
                _("A backup made before the merge is at {path}").format(path=result.backup_path)
            )
        box = QMessageBox(QMessageBox.Icon.Information, _("Merge two records"), "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n\n".join(lines))
        box.exec()
