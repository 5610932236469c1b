"""The agenda builder: the items table with live start times, the over-run warning, the item
editor, the materials checklist and attached files, and the actions on them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.services import agenda as agenda_service
from pierglass_desktop.services import materials as materials_service
from pierglass_desktop.services.agenda import AgendaItemInput, AgendaView
from pierglass_desktop.services.templates import apply_template, save_agenda_as_template
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.planning.agenda_model import AgendaTableModel
from pierglass_desktop.ui.planning.common import WARNING_STYLE
from pierglass_desktop.ui.planning.item_editor import ItemEditor
from pierglass_desktop.ui.planning.small_dialogs import PickMethodDialog, TemplateDialog
from pierglass_desktop.ui.widgets import files
from pierglass_desktop.ui.widgets.buttons import button_row, more_button
from pierglass_desktop.ui.widgets.dates import show_date, show_time

EDITOR_MIN_WIDTH = 360  # px: the item editor's fields stay readable
UNDO_TEXT_WIDTH = 280  # px: "Removed …" under the agenda; the whole text is in the tooltip
LISTS_MIN_HEIGHT = 110  # px: a few lines of the checklist or the files
LEAD_WIDTH = 96  # px: room for a first name; the whole name is in the tooltip


class AgendaTable(QTableView):
    """Ctrl+Up and Ctrl+Down move the selected item, as dragging does."""

    move_requested = Signal(int)

    def keyPressEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class AgendaBuilder(QWidget):
    changed = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.sessions = context.sessions
        self.view: AgendaView | None = None
        self.model = AgendaTableModel(self._move_to, self._resize, self)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.heading.setWordWrap(True)  # a long theme wraps instead of widening the window
        self.timing = QLabel(self)
        self.timing.setObjectName("timing")
        self.timing.setTextFormat(Qt.TextFormat.PlainText)
        self.timing.setWordWrap(True)
        self.table = self._make_table()
        self.editor = ItemEditor(self)
        self.editor.save_requested.connect(self._on_save_item)
        self.checklist = QListWidget(self)
        self.files = QListWidget(self)
        self.files.itemActivated.connect(self._on_open_file)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self._action_rows())
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        # Under the agenda: showing it shortens the table and moves no button or field.
        self.undo_bar = self._undo_bar()
        self._removed: tuple[str, str, int] | None = None  # meeting, item, position
        self._keep_editor = False  # a refreshed table leaves what is typed in the editor
        left_layout.addWidget(self.undo_bar)
        left_layout.addWidget(self.timing)
        right = QWidget(split)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor)
        # The checklist and the files share one place, so a 768-pixel screen has room for both.
        self.lists = QTabWidget(right)
        self.lists.addTab(self.checklist, _("Materials checklist"))
        self.lists.addTab(self.files, _("Files"))
        self.lists.setMinimumHeight(LISTS_MIN_HEIGHT)
        right_layout.addWidget(self.lists, 1)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        right.setMinimumWidth(EDITOR_MIN_WIDTH)  # the editor's fields stay readable
        split.setSizes([500, EDITOR_MIN_WIDTH])
        layout.addWidget(split, 1)
        self.show_meeting(None)

    # ------------------------------------------------------------ building the view

    def _make_table(self) -> AgendaTable:
        table = AgendaTable(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The item's title matters most; a long leader's name is elided (its tooltip is whole).
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, LEAD_WIDTH)
        table.move_requested.connect(self._on_move_by)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        return table

    def _action_rows(self) -> QHBoxLayout:
        """The everyday actions as buttons; templates, files and printing under "More"."""
        frequent = [
            ("add_method", _("Add from library…"), self._on_add_method),
            ("add_item", _("Add item"), self._on_add_item),
            ("add_break", _("Add break"), self._on_add_break),
            ("remove", _("Remove"), self._on_remove),
            ("up", _("Move up"), lambda: self._on_move_by(-1)),
            ("down", _("Move down"), lambda: self._on_move_by(1)),
        ]
        self.buttons: dict[str, QPushButton] = {}
        row = button_row(self, frequent, self.buttons)
        # Arrows keep the row short; the words are in the tooltip and for screen readers.
        for name, label, arrow, keys in (
            ("up", _("Move up"), QStyle.StandardPixmap.SP_ArrowUp, _("Ctrl+Up")),
            ("down", _("Move down"), QStyle.StandardPixmap.SP_ArrowDown, _("Ctrl+Down")),
        ):
            button = self.buttons[name]
            button.setText("")
            button.setIcon(self.style().standardIcon(arrow))
            button.setAccessibleName(label)
            button.setToolTip(_("{action} ({keys})").format(action=label, keys=keys))
        self.more_actions: dict[str, QAction] = {}
        entries = [
            ("apply_template", _("Apply template…"), self._on_apply_template),
            ("save_template", _("Save as template…"), self._on_save_template),
            None,
            ("attach", _("Attach file…"), self._on_attach),
            None,
            ("print_agenda", _("Print agenda…"), lambda: self._on_print("agenda")),
            ("print_script", _("Print script…"), lambda: self._on_print("script")),
        ]
        self.buttons["more"] = more_button(self, entries, self.more_actions)
        row.addWidget(self.buttons["more"])
        return row

    def _undo_bar(self) -> QWidget:
        """'Removed "…". Undo' under the actions, until another session is shown."""
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.undo_label = QLabel(bar)
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(_("Undo"), bar)
        self.undo_button.clicked.connect(self.undo_remove)
        row.addWidget(self.undo_label, 1)
        row.addWidget(self.undo_button)
        bar.hide()
        return bar

    # ------------------------------------------------------------ showing a meeting

    def show_meeting(self, meeting_id: str | None, select_item: str | None = None) -> None:
        self.view = agenda_service.load_agenda(self.sessions, meeting_id) if meeting_id else None
        self.model.set_timeline(self.view.timeline if self.view else None)
        for button in self.buttons.values():
            button.setEnabled(self.view is not None)
        if self._removed and (self.view is None or self.view.meeting.id != self._removed[0]):
            self._forget_removed()
        self._show_heading()
        self._show_timing()
        self.checklist.clear()
        self.checklist.addItems(list(self.view.checklist) if self.view else [])
        self._show_files()
        self._select(select_item)

    def _show_heading(self) -> None:
        if self.view is None:
            self.heading.setText(_("Choose a session to plan its agenda."))
            return
        meeting = self.view.meeting
        title = _("Session {number}: {theme}").format(number=meeting.number, theme=meeting.theme)
        self.heading.setText(
            _("{title} — {date} at {time}, {minutes} min").format(
                title=title
                if meeting.theme
                else _("Session {number}").format(number=meeting.number),
                date=show_date(meeting.starts_at.date()),
                time=show_time(meeting.starts_at),
                minutes=meeting.planned_minutes,
            )
        )

    def timing_text(self) -> str:
        if self.view is None:
            return ""
        timeline = self.view.timeline
        base = _("Agenda {total} min of {planned} min, ends at {end}.").format(
            total=timeline.total_minutes,
            planned=timeline.planned_minutes,
            end=show_time(timeline.ends_at),
        )
        if timeline.overrun_minutes:
            return (
                base
                + " "
                + ngettext(
                    "It runs {minutes} minute over: shorten an item or lengthen the session.",
                    "It runs {minutes} minutes over: shorten an item or lengthen the session.",
                    timeline.overrun_minutes,
                ).format(minutes=timeline.overrun_minutes)
            )
        if not timeline.spare_minutes:
            return base + " " + _("It fits the session exactly.")
        return base + " " + _("{minutes} min to spare.").format(minutes=timeline.spare_minutes)

    def _show_timing(self) -> None:
        self.timing.setText(self.timing_text())
        over = self.view is not None and self.view.timeline.overrun_minutes > 0
        self.timing.setStyleSheet(WARNING_STYLE if over else "")

    def _show_files(self) -> None:
        self.files.clear()
        if self.view is None:
            return
        for row in materials_service.list_attachments(
            self.sessions, meeting_id=self.view.meeting.id
        ):
            self._add_file(_("Session: {name}").format(name=row.filename), row)
        item = self.current_item()
        if item is not None:
            for row in materials_service.list_attachments(self.sessions, agenda_item_id=item.id):
                self._add_file(_("{item}: {name}").format(item=item.title, name=row.filename), row)

    def _add_file(self, text: str, row) -> None:
        entry = QListWidgetItem(text, self.files)
        entry.setData(Qt.ItemDataRole.UserRole, (row.material_id, row.filename))
        entry.setToolTip(_("Double-click to open"))

    def _on_open_file(self, entry: QListWidgetItem) -> None:
        material_id, filename = entry.data(Qt.ItemDataRole.UserRole)
        try:
            content = materials_service.material_bytes(self.sessions, material_id)
        except PierglassError as error:
            ops.refuse(self, error)
            return
        files.open_stored_file(filename, content)

    def _select(self, item_id: str | None) -> None:
        row = self.model.row_of(item_id) if item_id else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 1))
        elif not self._keep_editor:
            self.editor.show_item(None)

    def current_item(self):
        index = self.table.currentIndex()
        return self.model.timed(index.row()).item if index.isValid() else None

    def _on_current_changed(self, current, _previous) -> None:
        if not self._keep_editor:
            item = self.model.timed(current.row()).item if current.isValid() else None
            self.editor.show_item(item)
        self._show_files()

    def _refresh_keeping_editor(self) -> None:
        """After a refused save: the table shows the agenda as it is now (a colleague's change
        included), and the editor keeps what was typed, still tied to the item it showed, so
        saving it again is refused again until the item is chosen afresh."""
        if self.view is None:
            return
        current = self.current_item()
        self._keep_editor = True
        try:
            self.show_meeting(self.view.meeting.id, current.id if current else None)
        except PierglassError:
            pass  # the meeting itself is gone: the refusal already said so
        finally:
            self._keep_editor = False

    # ------------------------------------------------------------ changing

    def _run(self, action: partial, select: str | None = None) -> bool:
        """One service call through ``ops``; the agenda is reloaded and the change announced."""
        if self.view is None:
            return False
        ok, result = ops.run(self.context, self, action, form=self.editor.errors)
        if not ok:
            self._refresh_keeping_editor()
            return False
        chosen = select or getattr(result, "id", None)
        current = self.current_item()
        self.show_meeting(self.view.meeting.id, chosen or (current.id if current else None))
        self.changed.emit()
        return True

    def _move_to(self, item_id: str, position: int) -> None:
        self._run(
            partial(agenda_service.move_agenda_item, self.sessions, item_id, position),
            select=item_id,
        )

    def _resize(self, item_id: str, minutes: int) -> None:
        row = self.model.row_of(item_id)
        shown = self.model.timed(row).item if row >= 0 else None
        self._run(
            partial(
                agenda_service.set_item_duration,
                self.sessions,
                item_id,
                minutes,
                seen_at=shown.updated_at if shown else None,
            ),
            select=item_id,
        )

    def _on_move_by(self, delta: int) -> None:
        item = self.current_item()
        if item is None:
            return
        position = self.model.row_of(item.id) + delta
        if 0 <= position < self.model.rowCount():
            self._move_to(item.id, position)

    def _insert_position(self) -> int | None:
        item = self.current_item()
        return self.model.row_of(item.id) + 1 if item else None

    def add_method(self, method_id: str) -> bool:
        meeting_id = self.view.meeting.id if self.view else ""
        return self._run(
            partial(
                agenda_service.add_method_to_agenda,
                self.sessions,
                meeting_id,
                method_id,
                self._insert_position(),
            )
        )

    def _on_add_method(self) -> None:
        dialog = PickMethodDialog(self.sessions, self)
        if dialog.exec() and dialog.method_id():
            self.add_method(dialog.method_id())

    def _on_add_item(self) -> None:
        meeting_id = self.view.meeting.id if self.view else ""
        self._run(
            partial(
                agenda_service.add_agenda_item,
                self.sessions,
                meeting_id,
                AgendaItemInput(_("New item"), 15),
                self._insert_position(),
            )
        )

    def _on_add_break(self) -> None:
        meeting_id = self.view.meeting.id if self.view else ""
        self._run(
            partial(
                agenda_service.add_break, self.sessions, meeting_id, 15, self._insert_position()
            )
        )

    def _on_remove(self) -> None:
        item = self.current_item()
        if item is None or self.view is None:
            return
        position = self.model.row_of(item.id)
        meeting_id = self.view.meeting.id
        # The item before it stays selected, so "Add…" next fills the gap it left.
        neighbour = self._item_id_at(position - 1 if position > 0 else position + 1)
        remove = partial(agenda_service.remove_agenda_item, self.sessions, item.id)
        if self._run(remove, select=neighbour):
            self._removed = (meeting_id, item.id, position)
            text = _("Removed: {title}").format(title=item.title)
            metrics = self.undo_label.fontMetrics()
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, UNDO_TEXT_WIDTH)
            self.undo_label.setText(elided)
            self.undo_label.setToolTip(text)
            self.undo_bar.show()

    def _item_id_at(self, row: int) -> str | None:
        return self.model.timed(row).item.id if 0 <= row < self.model.rowCount() else None

    def undo_remove(self) -> bool:
        """Put the last removed item back where it was."""
        if self._removed is None:
            return False
        _meeting_id, item_id, position = self._removed
        self._forget_removed()
        return self._run(
            partial(agenda_service.restore_agenda_item, self.sessions, item_id, position),
            select=item_id,
        )

    def _forget_removed(self) -> None:
        self._removed = None
        self.undo_bar.hide()

    def _on_save_item(self, item_id: str, data: AgendaItemInput) -> None:
        shown = self.editor.shown_item()
        seen_at = shown.updated_at if shown is not None and shown.id == item_id else None
        save = partial(
            agenda_service.edit_agenda_item, self.sessions, item_id, data, seen_at=seen_at
        )
        self._run(save, select=item_id)

    def apply_template(self, template_id: str, replace: bool = False) -> bool:
        meeting_id = self.view.meeting.id if self.view else ""
        return self._run(
            partial(apply_template, self.sessions, template_id, meeting_id, replace=replace)
        )

    def _on_apply_template(self) -> None:
        dialog = TemplateDialog(self.sessions, self)
        if dialog.exec() and dialog.template.currentData():
            self.apply_template(dialog.template.currentData(), dialog.replace.isChecked())

    def _on_save_template(self) -> None:
        name, ok = QInputDialog.getText(self, _("Save as template"), _("Template name"))
        if ok and self.view is not None:
            meeting_id = self.view.meeting.id
            self._run(partial(save_agenda_as_template, self.sessions, meeting_id, name))

    def _on_attach(self) -> None:
        path = files.choose_open_path(self, files.ATTACHMENTS, _("Attach a file"))
        if path is not None:
            self.attach(path)

    def attach(self, path: Path) -> bool:
        """Attach to the selected item, or to the session when no item is selected."""
        item = self.current_item()
        target = {"agenda_item_id": item.id} if item else {"meeting_id": self.view.meeting.id}
        return self._run(
            partial(materials_service.attach_file, self.sessions, path, **target),
            select=item.id if item else None,
        )

    # ------------------------------------------------------------ printing

    def _on_print(self, kind: str) -> None:
        suggested = f"{kind}-{self.view.meeting.number}.pdf" if self.view else f"{kind}.pdf"
        title = _("Print to PDF")
        path = files.choose_save_path(self, files.DOCUMENTS, title, suggested, files.pdf_filter())
        if path is not None:
            self.print_to(kind, path, lambda _result: files.show_saved(self, title, path))

    def print_to(self, kind: str, output: Path, on_done: Callable[[Path], None] | None = None):
        """Write the agenda handout or the script in the background."""
        from pierglass_desktop.reports.agenda_handout import write_agenda
        from pierglass_desktop.reports.script import write_script

        writer = write_agenda if kind == "agenda" else write_script
        meeting_id, sessions = self.view.meeting.id, self.sessions
        self.context.tasks.run(
            lambda _progress: writer(sessions, output, session_id=meeting_id),
            on_success=on_done,
            on_failure=lambda error: (
                ops.refuse(self, error) if isinstance(error, PierglassError) else _raise(error)
            ),
        )


def _raise(error: Exception) -> None:
    raise error
