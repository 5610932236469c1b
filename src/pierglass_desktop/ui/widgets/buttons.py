"""A row of named push buttons, the way every page lays out its actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

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
