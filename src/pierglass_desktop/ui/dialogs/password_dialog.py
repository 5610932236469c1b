"""Asking for the password of an exchange file, and where the window finds it first.

An export takes the project password kept in the keyring (Settings) if there is one, else asks
for it twice; an import of a protected file takes the kept one, else asks once. The person's
own export never uses the project password: that file goes to someone outside the project.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.i18n import _
from pierglass_desktop.ui.widgets.form import ERROR_STYLE


class PasswordDialog(QDialog):
    """A password (typed twice when it makes a file), optionally kept as the project's.

    With ``optional`` a checked "Protect the file with a password" box comes first; unchecked,
    the file is written plain and ``password()`` is None.
    """

    def __init__(
        self,
        title: str,
        text: str,
        *,
        confirm: bool,
        offer_remember: bool = False,
        optional: bool = False,
        remember_text: str = "",
        field_label: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._confirm = confirm
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.protect = QCheckBox(_("Protect the file with a password"), self)
        self.protect.setChecked(True)
        self.protect.setVisible(optional)
        self.first = _secret_field(self)
        self.again = _secret_field(self)
        self.remember = QCheckBox(
            remember_text or _("Keep it as the project password on this computer"), self
        )
        self.remember.setVisible(offer_remember)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        form = QFormLayout()
        form.addRow(field_label or _("Password:"), self.first)
        if confirm:
            form.addRow(_("Again:"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.protect):
            layout.addWidget(widget)
        layout.addLayout(form)
        for widget in (self.remember, self.error):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.protect.toggled.connect(self._on_protect)
        self.again.setVisible(confirm)

    def _on_protect(self, protect: bool) -> None:
        for field in (self.first, self.again, self.remember):
            field.setEnabled(protect)

    def _on_ok(self) -> None:
        if self.protect.isChecked():
            if not self.first.text():
                return self._refuse(_("The password cannot be empty."))
            if self._confirm and self.again.text() != self.first.text():
                return self._refuse(_("The two passwords differ."))
        self.accept()

    def refuse(self, message: str) -> None:
        """Say why the password was not taken, and let the user try again."""
        self._refuse(message)
        self.first.selectAll()
        self.first.setFocus()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def password(self) -> str | None:
        return self.first.text() if self.protect.isChecked() else None


def _secret_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def project_password_for_export(parent: QWidget) -> str | None:
    """The kept project password, or one asked now (and kept if the user agrees); None: cancel."""
    from pierglass_desktop.storage import keychain

    kept = keychain.recall(keychain.PROJECT_PASSWORD)
    if kept:
        return kept
    dialog = PasswordDialog(
        _("Protect the export"),
        _(
            "The export holds people's personal data, so it is protected with the project "
            "password. Anyone who opens it, in Pier-glass, Excel or LibreOffice, needs it."
        ),
        confirm=True,
        offer_remember=keychain.available(),
        parent=parent,
    )
    return _answer(dialog)


def project_password_for_import(parent: QWidget, name: str) -> str | None:
    """The kept project password, or one asked now for the protected file ``name``."""
    from pierglass_desktop.storage import keychain

    kept = keychain.recall(keychain.PROJECT_PASSWORD)
    if kept:
        return kept
    dialog = PasswordDialog(
        _("Protected file"),
        _("{name} is protected with a password. Enter the project password.").format(name=name),
        confirm=False,
        offer_remember=keychain.available(),
        parent=parent,
    )
    return _answer(dialog)


def _answer(dialog: PasswordDialog) -> str | None:
    """The password typed, kept in the keyring first if the user ticked that."""
    from pierglass_desktop.domain.errors import PierglassError
    from pierglass_desktop.storage import keychain
    from pierglass_desktop.ui.widgets import messages

    if not dialog.exec():
        return None
    password = dialog.password()
    if password and dialog.remember.isChecked():
        try:
            keychain.remember(keychain.PROJECT_PASSWORD, password)
        except PierglassError as error:  # not kept: the file is still protected with it
            messages.show_error(dialog.parentWidget(), dialog.windowTitle(), error)
    return password


def person_file_password(parent: QWidget, name: str) -> tuple[bool, str | None]:
    """A password for one person's own export: (go on?, the password or None for plain)."""
    dialog = PasswordDialog(
        _("Protect their data"),
        _(
            "{name}'s data is protected with a password of its own. Choose one and tell it to "
            "them by phone or text message; never in the same e-mail as the file."
        ).format(name=name),
        confirm=True,
        optional=True,
        parent=parent,
    )
    if not dialog.exec():
        return False, None
    return True, dialog.password()
