"""Keyboard shortcuts that belong to one page and work only while it is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def shortcut(owner: QWidget, key, slot, context: Qt.ShortcutContext) -> QShortcut:
    result = QShortcut(QKeySequence(key), owner)
    result.setContext(context)
    result.activated.connect(slot)
    return result


def list_page_shortcuts(page: QWidget, *, table, search, new, edit, delete) -> None:
    """Ctrl+F searches and Ctrl+N adds anywhere on the page; Enter edits and Delete deletes
    (asking first) only in the table, so typing in the search box never triggers them."""
    page_wide = Qt.ShortcutContext.WidgetWithChildrenShortcut
    shortcut(page, QKeySequence.StandardKey.Find, search.setFocus, page_wide)
    shortcut(page, QKeySequence.StandardKey.New, new, page_wide)
    in_table = Qt.ShortcutContext.WidgetShortcut
    shortcut(table, QKeySequence.StandardKey.Delete, delete, in_table)
    for key in ("Return", "Enter"):
        shortcut(table, key, edit, in_table)
