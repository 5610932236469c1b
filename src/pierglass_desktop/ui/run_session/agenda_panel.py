"""The agenda timer: the current item big, its countdown turning amber when it over-runs,
previous and next, and the actual minutes kept beside the planned ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _
from pierglass_desktop.services import running
from pierglass_desktop.ui.run_session.labels import AMBER, AMBER_BACKGROUND, clock_text
from pierglass_desktop.ui.run_session.models import AgendaModel

TICK_MS = 500
_UNSET = object()


class ElidedLabel(QLabel):
    """One line that ends in "…" when the room runs out; the whole text in the tooltip.

    ``text()`` gives the whole text, as a plain QLabel would."""

    def __init__(self, parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class AgendaPanel(QWidget):
    error = Signal(str)
    saved = Signal(str)

    def __init__(
        self,
        sessions,
        meeting_id: str,
        clock: Callable[[], float],
        rows: Sequence[running.AgendaRow],
        timer: running.TimerState,
        parent=None,
    ):
        super().__init__(parent)
        self._sessions = sessions
        self._meeting_id = meeting_id
        # Reopened after a restart: back on the item that was on, its clock still counting.
        self.clock = running.AgendaClock(rows, clock, timer)
        self.model = AgendaModel(rows, self)
        self._shown: dict[str, object] = {}  # what the labels show now, to skip repeats
        self._build()
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh_display)
        if self.clock.running:
            self._ticker.start()
        self.refresh_display()

    def _build(self) -> None:
        self.title = ElidedLabel(objectName="agendaTitle")
        self.countdown = QLabel(objectName="agendaCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plan = QLabel(objectName="agendaPlan")
        self.previous_button = QPushButton(_("◀ Previous"))
        self.start_button = QPushButton(_("Start timer"))
        self.next_button = QPushButton(_("Next ▶"))
        self.previous_button.setToolTip(_("Previous item (Ctrl+Left)"))
        self.start_button.setToolTip(_("Start or pause the timer (Ctrl+Space)"))
        self.next_button.setToolTip(_("Next item (Ctrl+Right)"))
        self.previous_button.clicked.connect(self._on_previous)
        self.start_button.clicked.connect(self._on_start_pause)
        self.next_button.clicked.connect(self._on_next)
        self.view = QTableView(self)  # parented now: its header measures the (large) font
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        # Long titles end in "…" with the whole title in the tooltip, one line per item.
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setMinimumSectionSize(1)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda index: self._go_to(index.row()))

        self._style_big_labels()
        self.view.setMinimumWidth(380)
        rows = self.view.verticalHeader().defaultSectionSize()
        shown = min(max(self.model.rowCount(), 3), 6)  # the whole agenda, up to six items
        frame = 2 * self.view.frameWidth()
        self.view.setMaximumHeight(
            rows * shown + self.view.horizontalHeader().sizeHint().height() + frame
        )
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.plan)
        buttons = QHBoxLayout()
        for button in (self.previous_button, self.start_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        words.addLayout(buttons)
        words.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(words, 3)
        layout.addWidget(self.countdown, 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.view, 4)

    def _style_big_labels(self) -> None:
        # Sizes follow the window's font, so the large-text preference scales them too.
        base = self.font().pointSizeF()
        title_font = self.title.font()
        title_font.setPointSizeF(base * 1.9)
        title_font.setBold(True)
        self.title.setFont(title_font)
        countdown_font = self.countdown.font()
        countdown_font.setPointSizeF(base * 4.2)
        countdown_font.setBold(True)
        self.countdown.setFont(countdown_font)
        digits = QFontMetrics(countdown_font).horizontalAdvance("+88:88")
        self.countdown.setMinimumWidth(digits + 48)  # never clipped, whatever the text size

    # --- actions ---------------------------------------------------------------------------

    def _on_start_pause(self) -> None:
        if self.clock.running:
            self.clock.pause()
            self._ticker.stop()
            self._persist(self._current_minutes())
        else:
            self.clock.start()
            self._ticker.start()
            self._persist({})
        self.refresh_display()

    def _on_next(self) -> None:
        self._keep(self.clock.next())

    def _on_previous(self) -> None:
        self._keep(self.clock.previous())

    def _go_to(self, row: int) -> None:
        self._keep(self.clock.go_to(row))

    def stop(self) -> None:
        """The meeting is over: the clock stops where it is."""
        self.clock.pause()
        self._ticker.stop()
        self.refresh_display()

    def stop_ticking(self) -> None:
        """The screen closes; the kept clock goes on counting in the database."""
        self._ticker.stop()

    def kept_minutes(self) -> dict[str, int]:
        """Every item's minutes so far, to keep when the meeting finishes."""
        kept: dict[str, int] = {}
        for row, item in enumerate(self.clock.items):
            minutes = self.clock.minutes(row)
            if minutes or item.actual_minutes is not None:  # never run: nothing to keep
                kept[item.id] = minutes
        return kept

    def total_minutes(self) -> int:
        return sum(self.clock.minutes(i) for i in range(len(self.clock.items)))

    def keep_running(self) -> bool:
        """The tutor leaves with the meeting still on: keep the minutes so far, and the clock."""
        return self._persist(self._current_minutes())

    def _current_minutes(self) -> dict[str, int]:
        item = self.clock.current
        if item is None:
            return {}
        minutes = self.clock.minutes(self.clock.index)
        return {item.id: minutes} if minutes or item.actual_minutes is not None else {}

    def _keep(self, left) -> None:
        if left is not None:
            item, minutes = left
            kept = {item.id: minutes} if minutes or item.actual_minutes is not None else {}
            if self._persist(kept) and kept:
                self.saved.emit(
                    _("Kept {minutes} min for “{item}”.").format(minutes=minutes, item=item.title)
                )
        self.refresh_display()

    def _persist(self, kept: dict[str, int]) -> bool:
        """Save the timer as it is now, with the minutes ``kept``; one service call."""
        current = self.clock.current
        try:
            rows = running.keep_timer(
                self._sessions,
                self._meeting_id,
                current.id if current else None,
                running_seconds=self.clock.elapsed_seconds() if self.clock.running else None,
                now=self.clock.now(),
                kept=kept,
            )
        except PierglassError as error:
            self.error.emit(str(error))
            return False
        ids = [item.id for item in self.clock.items]
        for row in rows:
            self.model.set_actual(ids.index(row.id), row.actual_minutes)
        return True

    # --- display ---------------------------------------------------------------------------

    def refresh_display(self) -> None:
        """Bring the labels up to date; called twice a second, it changes only what changed."""
        item = self.clock.current
        self._show("current", self.model.set_current, self.clock.index)
        self._show("previous", self.previous_button.setEnabled, self.clock.index > 0)
        last = len(self.clock.items) - 1
        self._show("next", self.next_button.setEnabled, self.clock.index < last)
        self._show(
            "start",
            self.start_button.setText,
            _("Pause") if self.clock.running else _("Start timer"),
        )
        if item is None:
            self._show("title", self.title.setText, _("This session has no agenda yet."))
            return
        self._show("title", self.title.setText, item.title)
        self._show(
            "plan",
            self.plan.setText,
            _("Item {number} of {count} · planned {minutes} min").format(
                number=self.clock.index + 1,
                count=len(self.clock.items),
                minutes=item.planned_minutes,
            ),
        )
        self._show("countdown", self.countdown.setText, clock_text(self.clock.remaining_seconds()))
        self._show("overrun", self._show_overrun, self.clock.over_run())

    def _show_overrun(self, over: bool) -> None:
        self.countdown.setToolTip(_("Over the planned time") if over else _("Time left"))
        self.countdown.setProperty("overrun", over)
        colour = f"color: {AMBER}; background: {AMBER_BACKGROUND};" if over else ""
        self.countdown.setStyleSheet(
            f"QLabel {{ padding: 4px 14px; border-radius: 6px; {colour} }}"
        )

    def _show(self, key: str, setter, value) -> None:
        if self._shown.get(key, _UNSET) != value:
            self._shown[key] = value
            setter(value)
