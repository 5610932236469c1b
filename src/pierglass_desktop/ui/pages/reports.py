"""The Reports page: choose a document (the group report, certificates, the group workbook,
participant hours, or one of the printouts), its scope and its language, look at its first
page, and export it. Writing and previewing run off the GUI thread (``context.tasks``); the
document's language may differ from the window's and is switched in the worker only."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import LANGUAGES, _, current_language
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.widgets import files
from pierglass_desktop.ui.widgets.dates import OptionalDateEdit

PREVIEW_WIDTH = 560  # px: the first page at a readable size beside the choices


@dataclass(frozen=True)
class Choice:
    """One entry of the document list: a group document in a format, or a printout."""

    kind: str  # "document" or "printable"
    name: str
    fmt: str  # pdf or xlsx
    label: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}:{self.fmt}"


def choices() -> list[Choice]:
    from pierglass_desktop.reports.documents import DOCUMENTS, XLSX
    from pierglass_desktop.reports.printables import PRINTABLES, Needs

    made = []
    for document in DOCUMENTS.values():
        for fmt in document.formats:
            text = _(document.label)
            if len(document.formats) > 1:
                text += " (" + (_("workbook") if fmt == XLSX else _("PDF")) + ")"
            made.append(Choice("document", document.name, fmt, text))
    for printable in PRINTABLES.values():
        if printable.needs is Needs.SESSION:
            made.append(Choice("printable", printable.name, "pdf", _(printable.label)))
    return made


class ReportsPage(QWidget):
    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.last_output: Path | None = None
        self._preview_dir = tempfile.TemporaryDirectory(prefix="pierglass-preview-")
        self._build()
        context.changes.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        self.document = QComboBox(self)
        self.document.setObjectName("report_document")
        for choice in choices():
            self.document.addItem(choice.label, choice)
        self.group = QComboBox(self)
        self.group.setObjectName("report_group")
        self.member = QComboBox(self)
        self.member.setObjectName("report_member")
        self.session = QComboBox(self)
        self.session.setObjectName("report_session")
        self.start = OptionalDateEdit(parent=self)
        self.end = OptionalDateEdit(parent=self)
        self.language = QComboBox(self)
        self.language.setObjectName("report_language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))

        form = QFormLayout()
        form.addRow(_("Document"), self.document)
        form.addRow(_("Group"), self.group)
        form.addRow(_("Member"), self.member)
        form.addRow(_("Session"), self.session)
        form.addRow(_("From"), self.start)
        form.addRow(_("To"), self.end)
        form.addRow(_("Language"), self.language)
        self._form = form

        self.preview_button = QPushButton(_("Preview"), self)
        self.preview_button.setObjectName("report_preview")
        self.export_button = QPushButton(_("Export…"), self)
        self.export_button.setObjectName("report_export")
        self.export_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: one document is one step
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(_("Open"), self)
        self.folder_button = QPushButton(_("Show in folder"), self)
        for button in (self.open_button, self.folder_button):
            button.hide()
        done = QHBoxLayout()
        done.addWidget(self.open_button)
        done.addWidget(self.folder_button)
        done.addStretch(1)

        left = QVBoxLayout()
        title = QLabel(_("Reports"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        left.addWidget(title)
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.progress)
        left.addWidget(self.status)
        left.addLayout(done)
        left.addStretch(1)

        self.preview = QLabel(_("Choose a document and press Preview."), self)
        self.preview.setObjectName("report_preview_image")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setWordWrap(True)
        scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(PREVIEW_WIDTH + 30)

        row = QHBoxLayout(self)
        row.addLayout(left, 2)
        row.addWidget(scroll, 3)

        self.document.currentIndexChanged.connect(self._on_document_changed)
        self.group.currentIndexChanged.connect(self._on_group_changed)
        self.preview_button.clicked.connect(self.start_preview)
        self.export_button.clicked.connect(self.choose_and_export)
        self.open_button.clicked.connect(self._open_file)
        self.folder_button.clicked.connect(self._open_folder)

    # ------------------------------------------------------------ choices

    def refresh(self) -> None:
        from pierglass_desktop.services.register import register_groups

        chosen = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(_("All groups"), None)
        for group in register_groups(self.context.sessions):
            self.group.addItem(group.name, group.id)
        index = self.group.findData(chosen)
        self.group.setCurrentIndex(index if index >= 0 else min(1, self.group.count() - 1))
        self.group.blockSignals(False)
        self._on_group_changed()

    def _on_changed(self, kinds) -> None:
        if kinds & {Change.GROUPS, Change.PARTICIPANTS, Change.MEETINGS, Change.MEMBERSHIPS}:
            self.refresh()

    def _on_group_changed(self, _index: int = 0) -> None:
        from pierglass_desktop.services.group_report import group_members
        from pierglass_desktop.services.series import list_meetings

        group_id = self.group.currentData()
        self.member.clear()
        self.member.addItem(_("Everyone"), None)
        self.session.clear()
        if group_id:
            for member in group_members(self.context.sessions, group_id):
                self.member.addItem(member.name, member.id)
            from pierglass_desktop.i18n.formatting import format_date

            for row in reversed(list_meetings(self.context.sessions, group_id)):
                text = _("Session {number}, {day}").format(
                    number=row.number, day=format_date(row.starts_at.date())
                )
                self.session.addItem(f"{text}: {row.theme}" if row.theme else text, row.id)
        self._on_document_changed()

    def _on_document_changed(self, _index: int = 0) -> None:
        """Show only what the chosen document asks for."""
        from pierglass_desktop.reports.documents import DOCUMENTS

        choice = self.choice()
        document = DOCUMENTS.get(choice.name) if choice.kind == "document" else None
        printable = choice.kind == "printable"
        visible = {
            self.group: not (document and document.whole_project),  # it covers every group
            self.member: bool(document and document.per_member),
            self.session: printable,
            self.start: bool(document and document.dated),
            self.end: bool(document and document.dated),
        }
        for widget, shown in visible.items():
            widget.setVisible(shown)
            self._form.labelForField(widget).setVisible(shown)
        all_groups = self.group.model().item(0)
        all_groups.setEnabled(bool(document and not document.group_required))
        if not all_groups.isEnabled() and self.group.currentIndex() == 0 and self.group.count() > 1:
            self.group.setCurrentIndex(1)

    def choice(self) -> Choice:
        return self.document.currentData()

    def select(self, name: str, fmt: str = "pdf") -> None:
        """Choose a document by name (for other pages and tests)."""
        for index in range(self.document.count()):
            choice = self.document.itemData(index)
            if choice.name == name and choice.fmt == fmt:
                self.document.setCurrentIndex(index)
                return

    def _job(self):
        """What to write, as a function of the output path, to run in the worker."""
        from pierglass_desktop.i18n import in_language
        from pierglass_desktop.reports.documents import DOCUMENTS, DocumentRequest, write_document
        from pierglass_desktop.reports.printables import PrintRequest, print_document

        choice, sessions = self.choice(), self.context.sessions
        language = self.language.currentData()
        if choice.kind == "printable":
            session_id = self.session.currentData()

            def printout(output: Path) -> Path:
                if not session_id:
                    raise_no_session()
                with in_language(language):
                    return print_document(choice.name, sessions, output, PrintRequest(session_id))

            return printout
        document = DOCUMENTS[choice.name]
        request = DocumentRequest(
            group_id=None if document.whole_project else self.group.currentData(),
            participant_id=self.member.currentData() if document.per_member else None,
            start=self.start.date() if document.dated else None,
            end=self.end.date() if document.dated else None,
        )
        return lambda output: write_document(
            choice.name, choice.fmt, sessions, output, request, language
        )

    # ------------------------------------------------------------ preview

    def start_preview(self) -> None:
        from pierglass_desktop.reports.documents import XLSX

        choice = self.choice()
        if choice.fmt == XLSX:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(
                _("A workbook has no preview here. Export it and open it in a spreadsheet program.")
            )
            return
        job = self._job()
        target = Path(self._preview_dir.name) / "preview.pdf"

        def work(progress):
            from pierglass_desktop.reports.preview import first_page

            progress(0, 1)
            return first_page(job(target), PREVIEW_WIDTH * 2)

        self._busy(_("Preparing the preview…"))
        self.context.tasks.run(work, on_success=self._show_preview, on_failure=self._failed)

    def _show_preview(self, pixels) -> None:
        self._idle()
        image = QImage(
            pixels.data, pixels.width, pixels.height, pixels.stride, QImage.Format.Format_RGBA8888
        ).copy()  # own the pixels: the bytes object may go
        pixmap = QPixmap.fromImage(image).scaledToWidth(
            PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setText("")
        self.preview.setPixmap(pixmap)
        self.status.setText(
            _("First page of {pages}.").format(pages=pixels.pages)
            if pixels.pages > 1
            else _("The document has one page.")
        )

    # ------------------------------------------------------------ export

    def choose_and_export(self) -> None:
        from pierglass_desktop.reports.documents import DOCUMENTS
        from pierglass_desktop.reports.printables import PRINTABLES

        choice = self.choice()
        stem = (
            DOCUMENTS[choice.name].default_file
            if choice.kind == "document"
            else PRINTABLES[choice.name].default_file
        )
        pattern = files.pdf_filter() if choice.fmt == "pdf" else files.xlsx_filter()
        name = f"{_(stem)}.{choice.fmt}"
        path = files.choose_save_path(self, files.DOCUMENTS, choice.label, name, pattern)
        if path is not None:
            self.export_to(path)

    def export_to(self, output: Path) -> None:
        job = self._job()

        def work(progress):
            progress(0, 1)
            written = job(output)
            progress(1, 1)
            return written

        self._busy(_("Writing {name}…").format(name=output.name))
        self.context.tasks.run(work, on_success=self._written, on_failure=self._failed)

    def _written(self, path: Path) -> None:
        self._idle()
        self.last_output = Path(path)
        self.status.setText(_("Saved to {path}").format(path=path))
        self.open_button.show()
        self.folder_button.show()

    def _open_file(self) -> None:
        if self.last_output:
            files.open_file(self.last_output)

    def _open_folder(self) -> None:
        if self.last_output:
            files.open_file(self.last_output.parent)

    # ------------------------------------------------------------ state

    def _busy(self, message: str) -> None:
        self.progress.show()
        self.status.setText(message)
        self.open_button.hide()
        self.folder_button.hide()
        self.preview_button.setEnabled(False)
        self.export_button.setEnabled(False)

    def _idle(self) -> None:
        self.progress.hide()
        self.preview_button.setEnabled(True)
        self.export_button.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        from pierglass_desktop.storage.faults import storage_error

        self._idle()
        typed = error if isinstance(error, PierglassError) else storage_error(error)
        if typed is None:
            raise error  # a bug keeps its traceback
        self.status.setText(str(typed))


def raise_no_session() -> None:
    from pierglass_desktop.domain.errors import ValidationError

    raise ValidationError(_("The group has no sessions yet. Plan one first."))
