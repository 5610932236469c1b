"""The Library page: search-as-you-type over built-in and own methods, coloured by category,
with the method's card beside the list; new, edit, duplicate, delete, print cards, packs."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain import vocabulary
from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _
from pierglass_desktop.services import library_search, methods
from pierglass_desktop.services.builtin_methods import tag_label
from pierglass_desktop.services.changes import Change
from pierglass_desktop.services.materials import attach_file, list_attachments, material_bytes
from pierglass_desktop.services.methods import MethodDetail
from pierglass_desktop.ui import ops
from pierglass_desktop.ui.planning.method_editor import MethodEditor
from pierglass_desktop.ui.planning.method_model import SORT_ROLE, MethodTableModel
from pierglass_desktop.ui.widgets import files
from pierglass_desktop.ui.widgets.author import ensure_author_name
from pierglass_desktop.ui.widgets.buttons import button_row
from pierglass_desktop.ui.widgets.tables import table_view

MATERIAL_SCHEME = "material"  # card links to a file kept in the database


# A library pack brings methods, their files and templates.
ALL_LIBRARY = frozenset({Change.METHODS, Change.MATERIALS, Change.TEMPLATES})


class LibraryPage(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.sessions = context.sessions
        self.model = MethodTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search methods by name, purpose or tag"))
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox(self)
        self.category.addItem(_("All categories"), None)
        for category in MethodCategory:
            self.category.addItem(vocabulary.label(category), category)
        self.table = self._make_table()
        self.card = QTextBrowser(self)
        self.card.setOpenLinks(False)
        self.card.anchorClicked.connect(self._on_card_link)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.category, 1)
        layout.addLayout(top)
        layout.addLayout(self._buttons())
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.card)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.search.textChanged.connect(self.refresh)
        self.category.currentIndexChanged.connect(self.refresh)
        context.changes.changed.connect(self._on_changes)
        self.refresh()

    def _make_table(self) -> QTableView:
        table = table_view(self, self.proxy, stretch=0)
        table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        table.doubleClicked.connect(self._on_edit)
        return table

    def _buttons(self) -> QHBoxLayout:
        self.buttons: dict[str, QPushButton] = {}
        actions = (
            ("new", _("New method"), self._on_new),
            ("edit", _("Edit"), self._on_edit),
            ("duplicate", _("Duplicate"), self._on_duplicate),
            ("delete", _("Delete"), self._on_delete),
            ("attach", _("Attach file…"), self._on_attach),
            ("cards", _("Print cards…"), self._on_print_cards),
            ("export", _("Export library pack…"), self._on_export),
            ("import", _("Import library pack…"), self._on_import),
        )
        return button_row(self, actions, self.buttons)

    # ------------------------------------------------------------ showing

    def refresh(self, *_args) -> None:
        selected = self.selected_id()
        rows = library_search.search_methods(
            self.sessions, self.search.text(), self.category.currentData()
        )
        self.model.set_rows(rows)
        if not self.select(selected):
            self._select_first()

    def _on_changes(self, kinds: frozenset[Change]) -> None:
        if kinds & {Change.METHODS, Change.MATERIALS, Change.TEMPLATES}:
            self.refresh()

    def select(self, method_id: str | None) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.row_at(self.proxy.mapToSource(index).row()).id == method_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        else:
            self._show_card(None)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row()).id

    def _on_current_changed(self, current, _previous) -> None:
        row = (
            self.model.row_at(self.proxy.mapToSource(current).row()) if current.isValid() else None
        )
        self._show_card(methods.get_method(self.sessions, row.id) if row else None)
        builtin = bool(row and row.builtin)
        self.buttons["edit"].setEnabled(row is not None and not builtin)
        self.buttons["delete"].setEnabled(row is not None and not builtin)
        self.buttons["attach"].setEnabled(row is not None and not builtin)
        self.buttons["duplicate"].setEnabled(row is not None)

    def _show_card(self, detail: MethodDetail | None) -> None:
        if detail is None:
            self.card.setHtml("")
            return
        files = list_attachments(self.sessions, method_id=detail.id)
        self.card.setHtml(method_card_html(detail, [(f.material_id, f.filename) for f in files]))

    def _on_card_link(self, url) -> None:
        if url.scheme() == MATERIAL_SCHEME:
            self.open_material(url.path())

    def open_material(self, material_id: str) -> Path | None:
        """Open a file kept with the method in the system's viewer for it."""
        names = {f.material_id: f.filename for f in self._files_of_selected()}
        if material_id not in names:
            return None
        try:
            content = material_bytes(self.sessions, material_id)
        except PierglassError as error:
            ops.refuse(self, error)
            return None
        return files.open_stored_file(names[material_id], content)

    def _files_of_selected(self):
        method_id = self.selected_id()
        return list_attachments(self.sessions, method_id=method_id) if method_id else []

    # ------------------------------------------------------------ actions

    def _announce(self, method_id: str | None = None, kinds=frozenset({Change.METHODS})) -> None:
        self.refresh()
        if method_id:
            self.select(method_id)
        self.context.changes.announce(kinds)

    def _on_new(self) -> None:
        editor = MethodEditor(self.sessions, parent=self)
        if editor.exec() and editor.saved:
            self._announce(editor.saved.id)

    def _on_edit(self, *_args) -> None:
        method_id = self.selected_id()
        if not method_id:
            return
        detail = methods.get_method(self.sessions, method_id)
        if detail.builtin:
            self._offer_copy(detail)
            return
        editor = MethodEditor(self.sessions, detail, parent=self)
        if editor.exec() and editor.saved:
            self._announce(editor.saved.id)

    def _offer_copy(self, detail: MethodDetail) -> None:
        answer = QMessageBox.question(
            self,
            _("Built-in method"),
            _("“{name}” is a built-in method and cannot be changed. Make a copy to edit?").format(
                name=detail.text("name")
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.duplicate(detail.id)

    def duplicate(self, method_id: str) -> str | None:
        ok, copy = ops.run(self.context, self, methods.duplicate_method, self.sessions, method_id)
        if not ok:
            return None
        self.refresh()
        self.select(copy.id)
        return copy.id

    def _on_duplicate(self) -> None:
        if self.selected_id():
            self.duplicate(self.selected_id())

    def _on_delete(self) -> None:
        method_id = self.selected_id()
        if not method_id:
            return
        answer = QMessageBox.question(
            self, _("Delete method"), _("Delete the selected method from your library?")
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ops.run(self.context, self, methods.delete_method, self.sessions, method_id)

    def _on_attach(self) -> None:
        path = files.choose_open_path(self, files.ATTACHMENTS, _("Attach a file to the method"))
        if path is not None:
            self.attach(path)

    def attach(self, path: Path) -> bool:
        """Keep a worksheet or handout with the selected own method (it travels in packs)."""
        method_id = self.selected_id()
        if not method_id:
            return False
        ok, _row = ops.run(
            self.context, self, attach_file, self.sessions, path, method_id=method_id
        )
        if ok:
            self.select(method_id)
        return ok

    def _on_print_cards(self) -> None:
        from pierglass_desktop.ui.dialogs.card_choice import CardChoiceDialog

        chosen = [self.selected_id()] if self.selected_id() else []
        dialog = CardChoiceDialog(self.sessions, chosen, self)
        if dialog.exec() != CardChoiceDialog.DialogCode.Accepted:
            return
        title = _("Print method cards")
        path = files.choose_save_path(self, files.DOCUMENTS, title, "cards.pdf", files.pdf_filter())
        if path is not None:
            request = dialog.request()
            self._background(
                lambda: _write_cards(self.sessions, path, request),
                lambda _result: files.show_saved(self, title, path),
            )

    def _on_export(self) -> None:
        source = ensure_author_name(self, self.context)
        if source is None:
            return
        title = _("Export library pack")
        path = files.choose_save_path(self, files.PACKS, title, "library.xlsx", files.xlsx_filter())
        if path is not None:
            db = self.context.database
            self._background(
                lambda: _export(db, path, source),
                lambda _result: files.show_saved(self, title, path),
            )

    def _on_import(self) -> None:
        path = files.choose_open_path(
            self, files.PACKS, _("Import library pack"), files.xlsx_filter()
        )
        if path is not None:
            db = self.context.database
            self._background(
                lambda: _preview(db, path),
                lambda preview: self._on_previewed(path, preview),
            )

    def _on_previewed(self, path: Path, preview) -> None:
        """Say what the pack would bring; write only when the user says yes."""
        summary, exported_at = preview
        if not summary.changed:
            QMessageBox.information(
                self,
                _("Library pack"),
                _("Nothing new: your library already has everything in this pack."),
            )
            return
        from pierglass_desktop.exchange.pack_words import pack_lines, pack_origin

        lines = [
            pack_origin(summary.source, exported_at),
            "",
            *pack_lines(summary),
            "",
            _("A backup of your database is made before anything is written."),
        ]
        question = QMessageBox(
            QMessageBox.Icon.Question,
            _("Import library pack?"),
            "\n".join(lines),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        accept = question.addButton(_("Import"), QMessageBox.ButtonRole.AcceptRole)
        question.setDefaultButton(accept)
        question.exec()
        if question.clickedButton() is accept:
            db = self.context.database
            self._background(lambda: _import(db, path), self._on_imported)

    def _on_imported(self, summary) -> None:
        self._announce(kinds=ALL_LIBRARY)
        text = (
            _("Imported from {source}: {new} new and {updated} updated records.").format(
                source=summary.source,
                new=sum(summary.new.values()),
                updated=sum(summary.updated.values()),
            )
            if summary.changed
            else _("Nothing new: your library already has everything in this pack.")
        )
        QMessageBox.information(self, _("Library pack"), text)

    def _background(self, work, on_success=None) -> None:
        self.context.tasks.run(
            lambda _progress: work(),
            on_success=on_success,
            on_failure=lambda error: (
                ops.refuse(self, error) if isinstance(error, PierglassError) else _reraise(error)
            ),
        )


def _write_cards(sessions, path: Path, request):
    from pierglass_desktop.reports.printables import print_document

    return print_document("cards", sessions, path, request)


def _export(database, path: Path, source: str):
    from pierglass_desktop.exchange.library_pack import export_library

    return export_library(database.sessions, path, source=source, origin=database.installation_id)


def _preview(database, path: Path):
    from pierglass_desktop.exchange.library_import import preview_library_import, read_library_pack

    pack = read_library_pack(path)
    return preview_library_import(database.sessions, pack), pack.meta.exported_at


def _import(database, path: Path):
    from pierglass_desktop.exchange.library_import import import_library

    return import_library(database, path)


def _reraise(error: Exception) -> None:
    raise error


def method_card_html(detail: MethodDetail, files: list[tuple[str, str]] = ()) -> str:
    """The method's card; every text is escaped, so nothing a person typed is read as markup."""
    colour = vocabulary.colour(detail.category)
    facts = [
        vocabulary.label(detail.category),
        _("{minutes} min").format(minutes=detail.duration_minutes),
    ]
    if detail.builtin:
        facts.append(_("Built-in method: duplicate it to make your own version."))
    elif detail.source:
        facts.append(_("From {source}").format(source=detail.source))
    parts = [
        f"<h2 style='color:{colour}'>{escape(detail.text('name'))}</h2>",
        f"<p style='color:#55656d'>{escape(' · '.join(facts))}</p>",
    ]
    for label, value in (
        (_("Purpose"), detail.text("purpose")),
        (_("Steps"), detail.text("steps")),
        (_("Materials"), detail.text("materials")),
    ):
        if value:
            body = escape(value).replace("\n", "<br>")
            parts.append(f"<h4>{escape(label)}</h4><p>{body}</p>")
    if files:
        # Each name is a link: clicking it opens the file (see _on_card_link).
        names = "<br>".join(
            f"<a href='{MATERIAL_SCHEME}:{escape(material_id)}'>{escape(name)}</a>"
            for material_id, name in files
        )
        parts.append(f"<h4>{escape(_('Files'))}</h4><p>{names}</p>")
    if detail.tags:
        tags = ", ".join(tag_label(t) for t in detail.tags)
        parts.append(f"<p style='color:#55656d'>{escape(tags)}</p>")
    return "".join(parts)
