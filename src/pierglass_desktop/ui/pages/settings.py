"""Settings: language, the tutor's name, when attendance counts as low, how long people's
data is kept, large text; the project password for exchange files, kept in the keyring."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import LANGUAGES, _, current_language, set_language
from pierglass_desktop.preferences import Preferences, save_preferences
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.context import AppContext
from pierglass_desktop.ui.widgets import messages
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
        # In a scroll area: the boxes together are taller than a small window may be.
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.addWidget(box)
        column.addWidget(DatabaseProtectionBox(self._context, content))
        column.addWidget(ProjectPasswordBox(content))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

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


class ProjectPasswordBox(QGroupBox):
    """The project password for exchange files, kept in the keyring when the user says so.

    The coordinator chooses it once and tells it to the tutors; each enters it here once.
    Nothing is kept until *Keep on this computer* is pressed.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Exchange files"), parent)
        self.setMaximumWidth(720)
        form = FieldForm(self)
        self.password = form.add(
            "project_password",
            _("Project password for exchange files"),
            QLineEdit(),
            hint=_(
                "Exports for the project are protected with it, and protected files are opened "
                "with it. The coordinator chooses it and tells it to the tutors by phone or "
                "text message, never by e-mail."
            ),
        )
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep_button = QPushButton(_("Keep on this computer"), self)
        self.forget_button = QPushButton(_("Forget it"), self)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(form)
        column.addLayout(buttons)
        column.addWidget(self.state)
        self.keep_button.clicked.connect(self._on_keep)
        self.forget_button.clicked.connect(self._on_forget)
        self.show_state()

    def show_state(self) -> None:
        from pierglass_desktop.storage import keychain

        usable = keychain.available()
        kept = usable and keychain.recall(keychain.PROJECT_PASSWORD) is not None
        for widget in (self.password, self.keep_button):
            widget.setEnabled(usable)
        self.forget_button.setEnabled(kept)
        if not usable:
            self.state.setText(keychain.no_keyring_sentence())
        elif kept:
            self.state.setText(_("The project password is kept in this computer's keyring."))
        else:
            self.state.setText(_("No project password is kept; the program asks when needed."))

    def _on_keep(self) -> None:
        from pierglass_desktop.domain.errors import PierglassError
        from pierglass_desktop.storage import keychain
        from pierglass_desktop.ui.widgets import messages

        password = self.password.text()
        if not password:
            self.state.setText(_("The password cannot be empty."))
            return
        try:
            keychain.remember(keychain.PROJECT_PASSWORD, password)
        except PierglassError as error:
            messages.show_error(self, self.title(), error)
            return
        self.password.clear()
        self.show_state()

    def _on_forget(self) -> None:
        from pierglass_desktop.domain.errors import PierglassError
        from pierglass_desktop.storage import keychain
        from pierglass_desktop.ui.widgets import messages

        try:
            keychain.forget(keychain.PROJECT_PASSWORD)
        except PierglassError as error:
            messages.show_error(self, self.title(), error)
            return
        self.show_state()


class DatabaseProtectionBox(QGroupBox):
    """Protect the open database with a passphrase (SQLCipher), or remove the protection."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(_("Database protection"), parent)
        self._context = context
        self.setMaximumWidth(720)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.protect_button = QPushButton(_("Protect this database with a passphrase…"), self)
        self.remove_button = QPushButton(_("Remove the protection…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.protect_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.state)
        column.addLayout(buttons)
        self.protect_button.clicked.connect(self._on_protect)
        self.remove_button.clicked.connect(self._on_remove)
        self.show_state()

    def show_state(self) -> None:
        from pierglass_desktop.storage.sqlite_header import is_encrypted

        path = self._context.database.path
        if path is None:  # a database on a server: there is no file of ours to encrypt
            self.protect_button.setVisible(False)
            self.remove_button.setVisible(False)
            self.state.setText(
                _(
                    "This database is on a server. The server protects it: its disks' "
                    "encryption, its backups and encrypted (TLS) connections."
                )
            )
            return
        protected = is_encrypted(path)
        self.protect_button.setVisible(not protected)
        self.remove_button.setVisible(protected)
        self.state.setText(
            _(
                "This database is protected with a passphrase: the file and its backups are "
                "encrypted."
            )
            if protected
            else _(
                "This database is not encrypted. On a laptop without disk encryption, anyone "
                "who gets the file can read it."
            )
        )

    def _on_protect(self) -> None:
        from pierglass_desktop.storage import cipher
        from pierglass_desktop.ui.dialogs import passphrase_dialogs

        chosen = passphrase_dialogs.choose_passphrase(self)
        if chosen is None:
            return
        passphrase, remember = chosen
        window, title = self.window(), _("Database protection")
        try:
            done = window.reopen_database(lambda path: cipher.protect_database(path, passphrase))
        except PierglassError as error:
            messages.show_error(window, title, error)
            return
        if done is None:
            return
        path = window.context.database.path
        passphrase_dialogs.keep_key_if_asked(window, path, remember)
        note = cipher.protected_sentence(done.removed_backups)
        passphrase_dialogs.RecoveryKeyDialog(done.recovery_key, path, note, window).exec()

    def _on_remove(self) -> None:
        from pierglass_desktop.storage import cipher, keychain

        window, title = self.window(), _("Database protection")
        text = _(
            "The database will be written unencrypted again. Backups made while it was "
            "protected stay protected."
        )
        if not messages.confirm(window, title, text, _("Remove the protection")):
            return
        try:
            window.reopen_database(cipher.unprotect_database)
            path = window.context.database.path
            if not cipher.is_encrypted(path):
                keychain.forget(cipher.KEYRING_PREFIX + str(path))
        except PierglassError as error:
            messages.show_error(window, title, error)
