"""Combo boxes over enum values (translated labels, the value kept as item data)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from pierglass_desktop.domain.vocabulary import label


def enum_combo(
    values: Iterable[Any], empty: str | None = None, parent: QWidget | None = None
) -> QComboBox:
    """One item per value; ``empty`` (a translated text) adds a first item meaning None."""
    combo = QComboBox(parent)
    if empty is not None:
        combo.addItem(empty, None)
    for value in values:
        combo.addItem(label(value), value)
    return combo


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
