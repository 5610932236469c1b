"""The user's own name, asked for the first time something is stamped with it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from pierglass_desktop.i18n import _
from pierglass_desktop.preferences import save_preferences
from pierglass_desktop.services.changes import Change
from pierglass_desktop.ui.context import AppContext


def ensure_author_name(parent: QWidget | None, context: AppContext) -> str | None:
    """The name saved in Settings; asked for (and saved) when empty. None when cancelled.

    Without it a library pack would say "Made by: unknown" to everyone who imports it.
    """
    saved = context.preferences.tutor_name.strip()
    if saved:
        return saved
    name, ok = QInputDialog.getText(
        parent,
        _("Your name"),
        _(
            "Library packs you share show who made them. Which name should they show? "
            "You can change it later in Settings."
        ),
        QLineEdit.EchoMode.Normal,
    )
    name = name.strip()
    if not ok or not name:
        return None
    chosen = replace(context.preferences, tutor_name=name)
    save_preferences(chosen)
    context.preferences = chosen
    context.changes.announce({Change.PREFERENCES})
    return name
