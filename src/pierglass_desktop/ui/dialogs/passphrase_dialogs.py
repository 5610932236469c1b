"""A database protected with a passphrase: asking for it at start, choosing one, and the
recovery key shown once (issue 16). The work itself is in storage/cipher.py."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _
from pierglass_desktop.ui.dialogs.password_dialog import PasswordDialog
from pierglass_desktop.ui.widgets import messages


def unlock_database(parent: QWidget | None, path: Path) -> bool:
    """Make sure an encrypted ``path`` can be opened: the kept key, else ask until it opens.

    True for a plain file or once unlocked; False when the user gave up (nothing changed).
    """
    from pierglass_desktop.storage import cipher, keychain

    path = Path(path).expanduser()
    if not path.is_file() or not cipher.is_encrypted(path):
        return True
    path = path.resolve()
    if cipher.key_for(path) is not None:
        return True
    kept = keychain.recall(cipher.KEYRING_PREFIX + str(path))
    if kept and cipher.opens(path, kept):
        cipher.remember_key(path, kept)
        return True
    given = os.environ.get(cipher.PASSPHRASE_ENV)  # as the commands read it; a wrong one: we ask
    if given:
        with contextlib.suppress(cipher.WrongPassphrase):
            cipher.unlock(path, given)
            return True
    return _ask_until_it_opens(parent, path)


def _ask_until_it_opens(parent: QWidget | None, path: Path) -> bool:
    from pierglass_desktop.storage import cipher, keychain

    dialog = PasswordDialog(
        _("Protected database"),
        _("{name} is protected with a passphrase. Enter it, or the recovery key.").format(
            name=path.name
        ),
        confirm=False,
        field_label=_("Passphrase:"),
        offer_remember=keychain.available(),
        remember_text=_("Remember it on this computer (keyring)"),
        parent=parent,
    )
    dialog.setObjectName("unlock_database")
    while dialog.exec():
        try:
            key = cipher.unlock(path, dialog.first.text())
        except cipher.WrongPassphrase as error:
            dialog.refuse(str(error))
            continue
        if dialog.remember.isChecked():
            _keep_key(parent, path, key)
        return True
    return False


def _keep_key(parent: QWidget | None, path: Path, key: str) -> None:
    from pierglass_desktop.storage import cipher, keychain

    try:
        keychain.remember(cipher.KEYRING_PREFIX + str(path), key)
    except PierglassError as error:  # not kept: it is asked at the next start instead
        messages.show_error(parent, _("Protected database"), error)


def choose_passphrase(parent: QWidget | None) -> tuple[str, bool] | None:
    """A new passphrase typed twice and whether to keep it in the keyring; None: cancelled."""
    from pierglass_desktop.storage import keychain

    dialog = PasswordDialog(
        _("Protect this database with a passphrase"),
        _(
            "The database file and its backups are encrypted: without the passphrase (or the "
            "recovery key shown next) nobody can read them, not even you. Choose a passphrase "
            "of at least 8 characters, e.g. a few words."
        ),
        confirm=True,
        field_label=_("Passphrase:"),
        offer_remember=keychain.available(),
        remember_text=_("Remember it on this computer (keyring), so it is not asked at start"),
        parent=parent,
    )
    dialog.setObjectName("choose_passphrase")
    if not dialog.exec():
        return None
    return dialog.first.text(), dialog.remember.isChecked()


def keep_key_if_asked(parent: QWidget | None, path: Path, remember: bool) -> None:
    from pierglass_desktop.storage import cipher

    key = cipher.key_for(path)
    if remember and key is not None:
        _keep_key(parent, Path(path).resolve(), key)


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown this once, with a button to print it as a PDF."""

    def __init__(self, key: str, database: Path, note: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Recovery key"))
        self._key, self._database = key, database
        intro = QLabel(
            _(
                "This key opens {name} if the passphrase is forgotten. It is shown only now: "
                "write it down or print it, and keep it apart from the computer."
            ).format(name=database.name),
            self,
        )
        intro.setWordWrap(True)
        groups = key.split("-")
        lines = ["-".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
        self.key_label = QLabel("\n".join(lines), self)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("font-size: 15pt; padding: 8px;")
        self.note = QLabel(note, self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.print_button = QPushButton(_("Print as PDF…"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._on_print)
        layout = QVBoxLayout(self)
        for widget in (intro, self.key_label, self.note, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(620)
        self.adjustSize()

    def _on_print(self) -> None:
        from pierglass_desktop.reports.recovery_key import write_recovery_key
        from pierglass_desktop.ui.widgets import files

        name = _("recovery-key-{name}.pdf").format(name=self._database.stem)
        path = files.choose_save_path(
            self, files.EXPORTS, _("Print as PDF…"), name, files.pdf_filter()
        )
        if path is None:
            return
        try:
            write_recovery_key(path, self._key, self._database)
        except PierglassError as error:
            messages.show_error(self, self.windowTitle(), error)
            return
        files.show_saved(self, self.windowTitle(), path)
