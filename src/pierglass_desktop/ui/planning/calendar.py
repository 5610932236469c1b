"""A month calendar that colours each meeting's day by its status."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QBrush, QFont, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget

from pierglass_desktop.services.agenda import MeetingRow
from pierglass_desktop.ui.planning.common import qt_locale, status_colour, status_label
from pierglass_desktop.ui.widgets.dates import to_qdate


class StatusCalendar(QCalendarWidget):
    """Click a coloured day to pick its meeting."""

    meeting_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setLocale(qt_locale())
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self._by_date: dict[QDate, MeetingRow] = {}
        self.clicked.connect(self._on_clicked)

    def set_meetings(self, rows: tuple[MeetingRow, ...]) -> None:
        for day in self._by_date:
            self.setDateTextFormat(day, QTextCharFormat())
        self._by_date = {}
        for row in rows:
            day = to_qdate(row.starts_at.date())
            self._by_date[day] = row
            self.setDateTextFormat(day, self._format(row))

    def _format(self, row: MeetingRow) -> QTextCharFormat:
        form = QTextCharFormat()
        colour = status_colour(row.status)
        form.setBackground(QBrush(colour.lighter(185)))
        form.setForeground(QBrush(colour.darker(130)))
        form.setFontWeight(QFont.Weight.Bold)
        form.setToolTip(
            f"{row.theme} – {status_label(row.status)}" if row.theme else status_label(row.status)
        )
        return form

    def meeting_on(self, day: QDate) -> MeetingRow | None:
        return self._by_date.get(day)

    def show_meeting(self, row: MeetingRow) -> None:
        self.setSelectedDate(to_qdate(row.starts_at.date()))

    def _on_clicked(self, day: QDate) -> None:
        row = self._by_date.get(day)
        if row is not None:
            self.meeting_clicked.emit(row.id)
