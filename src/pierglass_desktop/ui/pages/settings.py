"""Settings: language, the tutor's name, when attendance counts as low, how long people's
data is kept, large text."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.i18n import LANGUAGES, _, current_language, set_language
from pierglass_desktop.preferences import Preferences, save_preferences
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.widgets.form import FieldForm


class SettingsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._context = context
        self._build()
        self.refresh()

    def _build(self) -> None:
        form = FieldForm(self)
        self.language = form.add(
            "language",
            _("Language"),
            QComboBox(),
            hint=_("The whole window switches language when you save."),
        )
        self.language.addItem(_("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.tutor_name = form.add(
            "tutor_name",
            _("Your name"),
            QLineEdit(),
            hint=_("Shown on printouts you sign and on library packs you share."),
        )
        self.threshold = form.add(
            "threshold",
            _("Low attendance below"),
            QSpinBox(),
            hint=_("A member who attended less than this share of recent meetings is flagged."),
        )
        self.threshold.setRange(5, 100)
        self.threshold.setSingleStep(5)
        self.threshold.setSuffix(" %")
        self.window = form.add("window", _("Recent meetings counted"), QSpinBox())
        self.window.setRange(1, 12)
        for spin in (self.threshold, self.window):
            spin.setMaximumWidth(120)
        self.retention = form.add(
            "retention",
            _("Keep people's data for"),
            QSpinBox(),
            hint=_(
                "Years after a person's last group ended. Then the program offers to erase "
                "them (Participants → Their data → Past the retention period)."
            ),
        )
        self.retention.setRange(1, 30)
        self.retention.setSuffix(" " + _("years"))
        self.retention.setMaximumWidth(120)
        self.large_text = form.add(
            "large_text", "", QCheckBox(_("Large text on the run-session screen"))
        )
        self.save_button = QPushButton(_("Save settings"), self)
        self.save_button.clicked.connect(self._on_save)
        self.saved_label = QLabel(self)
        self._layout(form)

    def _layout(self, form: FieldForm) -> None:
        box = QGroupBox(_("Settings"), self)
        inner = QVBoxLayout(box)
        inner.addWidget(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        inner.addLayout(buttons)
        box.setMaximumWidth(720)
        outer = QVBoxLayout(self)
        outer.addWidget(box)
        outer.addStretch(1)

    def refresh(self) -> None:
        prefs = self._context.preferences
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.tutor_name.setText(prefs.tutor_name)
        self.threshold.setValue(round(prefs.low_attendance_threshold * 100))
        self.window.setValue(prefs.low_attendance_window)
        self.large_text.setChecked(prefs.large_text)
        self.retention.setValue(prefs.retention_years)

    def values(self) -> Preferences:
        return replace(
            self._context.preferences,
            language=self.language.currentData() or "",
            tutor_name=self.tutor_name.text().strip(),
            low_attendance_threshold=self.threshold.value() / 100,
            low_attendance_window=self.window.value(),
            large_text=self.large_text.isChecked(),
            retention_years=self.retention.value(),
        )

    def _on_save(self) -> None:
        chosen = self.values()
        save_preferences(chosen)
        self._context.preferences = chosen
        before = current_language()
        after = set_language(chosen.language or None)
        self.saved_label.setText(_("Saved."))
        changed = {Change.PREFERENCES} | ({Change.LANGUAGE} if after != before else set())
        self._context.changes.announce(changed)
