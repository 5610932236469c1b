"""Outcomes: enter a whole group's questionnaire answers, see the group's and the project's
figures, and open any figure into the people behind it.

The grid is made for typing from a stack of papers: members down, questions across; a digit
fills the cell and moves on, Tab and Enter move, Backspace clears. Nothing is saved until
"Save answers", which saves the whole sheet at once (one service call) or says which cell is
wrong and keeps everything typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.enums import AssessmentPhase, FillMode
from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.domain.scoring import SELF_ASSESSMENT, WHO5
from pierglass_desktop.domain.vocabulary import choices
from pierglass_desktop.i18n import N_, _, current_language, ngettext
from pierglass_desktop.i18n.formatting import format_hours, format_number, format_percent
from pierglass_desktop.services import answers as answers_service
from pierglass_desktop.services import indicators as indicators_service
from pierglass_desktop.services import outcomes as outcomes_service
from pierglass_desktop.services.answers import AnswerSheet
from pierglass_desktop.services.changes import Change
from pierglass_desktop.services.register import register_groups
from pierglass_desktop.ui.run_session.labels import AMBER, ERROR
from pierglass_desktop.ui.widgets.dates import OptionalDateEdit, date_edit, from_qdate

IDS = Qt.ItemDataRole.UserRole
INSTRUMENT_NAMES = {WHO5: N_("WHO-5 wellbeing"), SELF_ASSESSMENT: N_("Self-assessment")}


def _localized(texts: dict[str, str]) -> str:
    return texts.get(current_language()) or texts.get("en") or next(iter(texts.values()), "")


def _combo(pairs) -> QComboBox:
    combo = QComboBox()
    for value, text in pairs:
        combo.addItem(text, value)
    return combo


# What the page's figures are made of: a change to any refreshes them.
KINDS = frozenset(
    {Change.GROUPS, Change.PARTICIPANTS, Change.MEMBERSHIPS, Change.ATTENDANCE}
    | {Change.MEETINGS, Change.ASSESSMENTS, Change.IMPORTS}
)


class AnswerGrid(QTableWidget):
    """Members × questions; single digits typed straight in."""

    refused = Signal(str)  # a digit off the question's scale: the sentence to show

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sheet: AnswerSheet | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab is ours: the next cell, then the next member

    def set_sheet(self, sheet: AnswerSheet) -> None:
        self.sheet = sheet
        self.clear()
        self.setRowCount(len(sheet.rows))
        self.setColumnCount(len(sheet.items))
        self.setHorizontalHeaderLabels([str(n) for n in range(1, len(sheet.items) + 1)])
        for column, item in enumerate(sheet.items):
            header = self.horizontalHeaderItem(column)
            header.setToolTip(_localized(item.text))
        self.setVerticalHeaderLabels([row.name for row in sheet.rows])
        for r, row in enumerate(sheet.rows):
            for c, item in enumerate(sheet.items):
                value = row.values.get(item.key)
                cell = QTableWidgetItem("" if value is None else str(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(r, c, cell)
        for column in range(len(sheet.items)):
            self.setColumnWidth(column, 44)  # room for a digit, the same for every question
        if sheet.rows and sheet.items:
            self.setCurrentCell(0, 0)

    def shown_answers(self) -> dict[str, dict[str, int]]:
        """Each member's saved answers as the grid was filled: a save compares them, so
        answers someone else saved meanwhile are not overwritten."""
        if self.sheet is None:
            return {}
        return {row.participant_id: dict(row.values) for row in self.sheet.rows}

    def values(self) -> dict[str, dict[str, int | None]]:
        if self.sheet is None:
            return {}
        found: dict[str, dict[str, int | None]] = {}
        for r, row in enumerate(self.sheet.rows):
            cells = {}
            for c, item in enumerate(self.sheet.items):
                text = self.item(r, c).text() if self.item(r, c) else ""
                cells[item.key] = int(text) if text.isdigit() else None
            found[row.participant_id] = cells
        return found

    def keyPressEvent(self, event) -> None:
        key, text = event.key(), event.text()
        row, column = self.currentRow(), self.currentColumn()
        if self.sheet is None or row < 0 or column < 0:
            return super().keyPressEvent(event)
        if text.isdigit() and len(text) == 1:
            item = self.sheet.items[column]
            if item.minimum <= int(text) <= item.maximum:
                self.item(row, column).setText(text)
                self._step(1)
            else:
                self.refused.emit(
                    _("Answers to this question go from {low} to {high}.").format(
                        low=item.minimum, high=item.maximum
                    )
                )
            return None
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.item(row, column).setText("")
            return None
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._step(1)
            return None
        if key == Qt.Key.Key_Backtab:
            self._step(-1)
            return None
        return super().keyPressEvent(event)

    def _step(self, by: int) -> None:
        width = self.columnCount()
        position = self.currentRow() * width + self.currentColumn() + by
        position = max(0, min(position, self.rowCount() * width - 1))
        self.setCurrentCell(position // width, position % width)


class OutcomesPage(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self._context = context
        self.group_combo = QComboBox()
        self.instrument_combo = QComboBox()
        for code, name in INSTRUMENT_NAMES.items():
            self.instrument_combo.addItem(_(name), code)
        self.phase_combo = _combo(choices(AssessmentPhase))
        self.day_edit = date_edit()
        self.fill_combo = _combo(choices(FillMode))
        self.save_button = QPushButton(_("Save answers"))
        self.print_button = QPushButton(_("Print questionnaires…"))
        self.print_button.setToolTip(_("One page per member, with their name, to fill in by hand"))
        self.grid = AnswerGrid()
        self.notice = QLabel()
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.notice.setWordWrap(True)
        self.notice.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.group_figures = QListWidget()
        self.project_figures = QListWidget()
        self.people = QListWidget()
        self.period_from = OptionalDateEdit()
        self.period_to = OptionalDateEdit()
        self.radar = QLabel()
        self.radar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for figures in (self.group_figures, self.project_figures):
            figures.setWordWrap(True)  # the attention sentences are long
        self.people_title = QLabel(_("People behind the figure"))
        self._layout()
        self.group_combo.currentIndexChanged.connect(self._load)
        self.instrument_combo.currentIndexChanged.connect(self._load)
        self.phase_combo.currentIndexChanged.connect(self._load)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self._on_print)
        self.period_from.changed.connect(self._show_project)
        self.period_to.changed.connect(self._show_project)
        self.grid.refused.connect(lambda text: self._say(text, ERROR))
        for figures in (self.group_figures, self.project_figures):
            figures.currentItemChanged.connect(self._open_figure)
        context.changes.changed.connect(self._on_changed)
        self.refresh()

    def _layout(self) -> None:
        top, second = QHBoxLayout(), QHBoxLayout()
        for row, caption, widget in (
            (top, _("Group"), self.group_combo),
            (top, _("Questionnaire"), self.instrument_combo),
            (top, _("Time point"), self.phase_combo),
            (second, _("Answered on"), self.day_edit),
            (second, _("Filled in"), self.fill_combo),
        ):
            row.addWidget(QLabel(caption))
            row.addWidget(widget, 2 if widget is self.group_combo else 0)
        second.addStretch(1)
        second.addWidget(self.print_button)
        second.addWidget(self.save_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            _(
                "Type each answer's digit: the cursor moves on. Tab and Enter move, "
                "Backspace clears. Nothing is saved until Save answers."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        left_layout.addWidget(self.grid, 1)
        left_layout.addWidget(self.questions)
        left_layout.addWidget(hint)
        left_layout.addWidget(self.notice)
        left_layout.addWidget(self.message)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.group_tabs = QTabWidget()
        self.group_tabs.addTab(self.group_figures, _("This group"))
        self.group_tabs.addTab(self.radar, _("Self-assessment chart"))
        right_layout.addWidget(self.group_tabs, 3)
        period = QHBoxLayout()
        period.addWidget(QLabel(_("The whole project")), 1)
        period.addWidget(QLabel(_("From")))
        period.addWidget(self.period_from)
        period.addWidget(QLabel(_("To")))
        period.addWidget(self.period_to)
        right_layout.addLayout(period)
        right_layout.addWidget(self.project_figures, 3)
        right_layout.addWidget(self.people_title)
        right_layout.addWidget(self.people, 2)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(splitter, 1)

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        chosen = self.group_combo.currentData()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for group in register_groups(self._context.sessions):
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(chosen), 0))
        self.group_combo.blockSignals(False)
        self._load()

    def show_group(self, group_id: str) -> None:
        self.group_combo.setCurrentIndex(max(self.group_combo.findData(group_id), 0))

    def _on_changed(self, kinds) -> None:
        if kinds & KINDS:
            self.refresh()

    def _load(self) -> None:
        group_id = self.group_combo.currentData()
        code = self.instrument_combo.currentData()
        if group_id is None:
            self.grid.setRowCount(0)
            self.questions.setText("")
            self.notice.setText("")
            self._show_project()
            return
        sheet = answers_service.answer_sheet(
            self._context.sessions,
            group_id,
            code,
            self.phase_combo.currentData(),
            from_qdate(self.day_edit.date()),
        )
        self.grid.set_sheet(sheet)
        self._show_texts(sheet)
        self._show_group(group_id)
        self._show_project()

    def _show_texts(self, sheet: AnswerSheet) -> None:
        """The questions in full, the scale's words and the instrument's notice (WHO-5 may
        be used only with its wording unchanged: it says so here)."""
        questions = "\n".join(
            f"{n}. {_localized(item.text)}" for n, item in enumerate(sheet.items, 1)
        )
        instructions = _localized(sheet.instructions) if sheet.instructions else ""
        self.questions.setText("\n".join(t for t in (instructions, questions) if t))
        anchors = "  ·  ".join(
            f"{value} = {_localized(text)}"
            for value, text in sorted(sheet.anchors.items(), key=lambda pair: -int(pair[0]))
        )
        notice = _localized(sheet.notice) if sheet.notice else ""
        self.notice.setText("\n".join(t for t in (anchors, notice) if t))

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        group_id = self.group_combo.currentData()
        if group_id is None:
            return False
        try:
            count = answers_service.save_group_answers(
                self._context.sessions,
                group_id,
                self.instrument_combo.currentData(),
                self.phase_combo.currentData(),
                from_qdate(self.day_edit.date()),
                self.fill_combo.currentData(),
                self.grid.values(),
                shown=self.grid.shown_answers(),
            )
        except PierglassError as error:
            self._say(str(error), ERROR)
            return False
        self._say(
            ngettext(
                "Answers saved for {count} member.", "Answers saved for {count} members.", count
            ).format(count=count),
            "",
        )
        self._context.changes.announce({Change.ASSESSMENTS})
        return True

    def _on_print(self) -> None:
        from pierglass_desktop.ui.widgets import files

        if self.grid.sheet is None:
            return
        name = _("questionnaires") + ".pdf"
        path = files.choose_save_path(
            self, files.DOCUMENTS, _("Print questionnaires"), name, files.pdf_filter()
        )
        if path is not None and self.print_questionnaires(path):
            files.show_saved(self, _("Print questionnaires"), path)

    def print_questionnaires(self, path: Path) -> bool:
        """The shown group's questionnaires for the chosen time point, one page per member."""
        from pierglass_desktop.reports.questionnaire import questionnaire_pdf

        if self.grid.sheet is None:
            return False
        try:
            questionnaire_pdf(self.grid.sheet, path)
        except OSError as error:
            self._say(
                _("The questionnaires could not be saved: {reason}").format(
                    reason=error.strerror or error
                ),
                ERROR,
            )
            return False
        return True

    def _say(self, text: str, colour: str) -> None:
        self.message.setStyleSheet(f"color: {colour};" if colour else "")
        self.message.setText(text)

    # ------------------------------------------------------------------ figures

    def _show_group(self, group_id: str) -> None:
        result = outcomes_service.group_outcomes(self._context.sessions, group_id)
        self._show_radar(result.instruments.get(SELF_ASSESSMENT))
        self.group_figures.clear()
        for code, outcome in result.instruments.items():
            name = _(INSTRUMENT_NAMES[code])
            for caption, average in (
                (_("{name}: start average"), outcome.start),
                (_("{name}: latest average"), outcome.latest),
                (_("{name}: average change"), outcome.change),
            ):
                value = "–" if average.value is None else format_number(average.value, 1)
                self._figure(
                    self.group_figures,
                    caption.format(name=name) + f": {value} (n = {average.count})",
                    average.participant_ids,
                )
            if code == WHO5:
                self._figure(
                    self.group_figures,
                    _("WHO-5 improved by 10 points or more: {count}").format(
                        count=len(outcome.improved)
                    ),
                    outcome.improved,
                )
                for member in outcome.attention:
                    item = self._figure(
                        self.group_figures,
                        f"{member.name}: " + outcomes_service.attention_text(member.attention),
                        (member.participant_id,),
                    )
                    item.setForeground(QColor(AMBER))

    def _show_radar(self, own) -> None:
        """The same drawing the report prints, through SVG (reports/radar.py)."""
        from PySide6.QtGui import QPainter, QPixmap
        from PySide6.QtSvg import QSvgRenderer

        from pierglass_desktop.reports.radar import radar_chart, radar_svg

        keys = [key for key, _short in own.items] if own else []
        if not own or all(own.item_start[k] is None and own.item_latest[k] is None for k in keys):
            self.radar.setPixmap(QPixmap())
            self.radar.setText(_("No self-assessment answers in this group yet."))
            return
        drawing = radar_chart(
            [_localized(short) for _key, short in own.items],
            [own.item_start[k] for k in keys],
            [own.item_latest[k] for k in keys],
        )
        renderer = QSvgRenderer(radar_svg(drawing))
        size = renderer.defaultSize()
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.white)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        self.radar.setPixmap(pixmap)

    def _show_project(self) -> None:
        found = indicators_service.indicators(
            self._context.sessions, self.period_from.date(), self.period_to.date()
        )
        self.project_figures.clear()
        followed = (
            len(found.followed_through) / len(found.commitments) if found.commitments else None
        )
        rows = [
            (_("Groups: {n}"), len(found.groups), ()),
            (_("Participants (unique persons): {n}"), len(found.participants), found.participants),
            (
                _("Self-employed, coached as individuals: {n}"),
                len(found.self_employed),
                found.self_employed,
            ),
            (
                _("Supported enterprises: {n}"),
                found.enterprise_count,
                tuple(p for ids in found.enterprises.values() for p in ids),
            ),
            (_("Left before their group ended: {n}"), len(found.dropped_out), found.dropped_out),
            (
                _("People with ESF+ data missing: {n}"),
                len(found.missing),
                tuple(m.participant_id for m in found.missing),
            ),
        ]
        for caption, count, ids in rows:
            self._figure(self.project_figures, caption.format(n=count), ids)
        self._figure(
            self.project_figures,
            _("Participant hours: {hours}").format(hours=format_hours(found.participant_minutes)),
            found.participants,
        )
        rate = "–" if found.attendance_rate is None else format_percent(found.attendance_rate)
        self._figure(
            self.project_figures,
            _("Attendance rate: {rate}").format(rate=rate),
            tuple(sorted(set(found.attended))),
        )
        done = "–" if followed is None else format_percent(followed)
        self._figure(
            self.project_figures, _("Commitments followed through: {rate}").format(rate=done), ()
        )
        for title, counts, name in self._breakdowns(found):
            for value, ids in counts.items():
                self._figure(self.project_figures, f"{title} · {name(value)}: {len(ids)}", ids)

    @staticmethod
    def _breakdowns(found):
        """Background counts, "not known" included: each opens into its people."""
        from pierglass_desktop.domain.enums import EducationBand, Gender, LabourStatus
        from pierglass_desktop.domain.vocabulary import label
        from pierglass_desktop.services.indicators import AGE_BAND_LABELS, NOT_KNOWN

        def named(enum):
            return lambda v: _("Not known") if v == NOT_KNOWN else label(enum(v))

        return (
            (_("Gender"), found.by_gender, named(Gender)),
            (_("Age"), found.by_age, lambda v: _(AGE_BAND_LABELS[v])),
            (_("Labour-market status"), found.by_labour_status, named(LabourStatus)),
            (_("Education"), found.by_education, named(EducationBand)),
        )

    def _figure(self, figures: QListWidget, text: str, ids) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(IDS, tuple(ids))
        item.setToolTip(text)
        figures.addItem(item)
        return item

    def _open_figure(self, item: QListWidgetItem | None, _previous=None) -> None:
        self.people.clear()
        if item is None:
            return
        ids = item.data(IDS) or ()
        for _pid, name in outcomes_service.people_names(self._context.sessions, ids):
            self.people.addItem(name)
        self.people_title.setText(
            _("People behind the figure: {count}").format(count=self.people.count())
        )
