"""A row of named push buttons, the way every page lays out its actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QWidget

from pierglass_desktop.i18n import _

Action = tuple[str, str, Callable[[], object]]  # name (object name, key), label, slot


def button_row(
    parent: QWidget, actions: Iterable[Action], buttons: dict[str, QPushButton], *, stretch=True
) -> QHBoxLayout:
    """Buttons for ``actions`` in a row; each is also put in ``buttons`` under its name."""
    row = QHBoxLayout()
    for name, label, slot in actions:
        button = QPushButton(label, parent)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False, slot=slot: slot())
        buttons[name] = button
        row.addWidget(button)
    if stretch:
        row.addStretch(1)
    return row


def more_button(
    parent: QWidget, entries: Iterable[Action | None], actions: dict[str, QAction]
) -> QPushButton:
    """A "More" button whose menu holds the less frequent actions (None: a separator).

    Each menu entry is also put in ``actions`` under its name.
    """
    button = QPushButton(_("More"), parent)
    button.setObjectName("more")
    menu = QMenu(button)
    for entry in entries:
        if entry is None:
            menu.addSeparator()
            continue
        name, label, slot = entry
        action = menu.addAction(label)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        actions[name] = action
    button.setMenu(menu)
    return button
