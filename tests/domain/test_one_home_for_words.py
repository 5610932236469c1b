"""Names, colours and symbols of stored values live in domain/vocabulary.py and nowhere else.

A second table of them drifts: one screen says "Held" while another says "held", a colour is
changed in one place only. The scan reads the source with ``ast`` so it finds the tables however
they are laid out.
"""

from __future__ import annotations

import ast
import re
from enum import StrEnum
from pathlib import Path

import pierglass_desktop
from pierglass_desktop.domain import enums

PACKAGE = Path(pierglass_desktop.__file__).parent
HOME = PACKAGE / "domain" / "vocabulary.py"
ENUM_NAMES = {
    name
    for name, value in vars(enums).items()
    if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
}
ENUM_VALUES = {member.value for name in ENUM_NAMES for member in getattr(enums, name)}
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _is_enum_key(key: ast.expr | None) -> bool:
    if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name):
        return key.value.id in ENUM_NAMES
    return isinstance(key, ast.Constant) and key.value in ENUM_VALUES


def _is_word_or_colour(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return bool(HEX.match(value.value))
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        if value.func.id == "N_":  # a table's words; "_()" is a message, e.g. a field's error
            return True
        if value.func.id == "QColor":  # QColor("#rrggbb")
            return any(_is_word_or_colour(arg) for arg in value.args)
    return False


def value_tables(root: Path) -> list[str]:
    """'file:line' of every dict outside the vocabulary mapping enum values to words/colours."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == root / "domain" / "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and any(
                _is_enum_key(key) and _is_word_or_colour(value)
                for key, value in zip(node.keys, node.values, strict=True)
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_a_new_status_needs_its_name_and_colour_written_once():
    assert value_tables(PACKAGE) == []


def test_the_scan_finds_a_stray_table(tmp_path):
    (tmp_path / "screen.py").write_text(
        "COLOURS = {MeetingStatus.HELD: QColor('#2f8f5b')}\n"
        "WORDS = {AttendanceStatus.LATE: N_('Late')}\n"
        "RAW = {'face_to_face': N_('face to face')}\n"
        "FINE = {'groups': N_('There are no groups.')}\n"
    )
    assert value_tables(tmp_path) == ["screen.py:1", "screen.py:2", "screen.py:3"]
