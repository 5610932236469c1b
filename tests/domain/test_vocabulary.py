"""Every stored value has one name and look, in both languages."""

from __future__ import annotations

import inspect
import re
from enum import StrEnum

import pytest

from pierglass_desktop.domain import enums, vocabulary
from pierglass_desktop.domain.enums import AttendanceStatus, GroupStatus, MeetingStatus

ALL_ENUMS = [
    member
    for _, cls in inspect.getmembers(enums, inspect.isclass)
    if issubclass(cls, StrEnum) and cls is not StrEnum
    for member in cls
]


@pytest.mark.parametrize("value", ALL_ENUMS, ids=lambda v: f"{type(v).__name__}.{v.name}")
def test_every_stored_value_has_a_name_in_english_and_finnish(value, finnish):
    finnish_name = vocabulary.label(value)
    from pierglass_desktop.i18n import set_language

    set_language("en")
    english_name = vocabulary.label(value)
    assert english_name and finnish_name
    assert finnish_name != english_name, value


def test_a_shared_stored_value_keeps_the_name_of_its_own_enum():
    # "planned" is both a group status and a meeting status; each keeps its own term.
    assert GroupStatus.PLANNED == MeetingStatus.PLANNED
    assert vocabulary.colour(MeetingStatus.PLANNED)
    assert vocabulary.colour(GroupStatus.PLANNED) == ""


def test_colours_are_hex_and_attendance_has_one_symbol_per_status():
    colours = [vocabulary.colour(v) for v in ALL_ENUMS if vocabulary.colour(v)]
    assert colours and all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    symbols = {vocabulary.symbol(s) for s in AttendanceStatus}
    assert len(symbols) == len(AttendanceStatus) and "" not in symbols


def test_no_value_means_no_words():
    assert vocabulary.label(None) == vocabulary.short_label(None) == ""
    assert vocabulary.colour(None) == vocabulary.symbol(None) == ""


def test_choices_follow_declaration_order_with_names():
    assert [v for v, _ in vocabulary.choices(AttendanceStatus)] == list(AttendanceStatus)
    assert all(name for _, name in vocabulary.choices(AttendanceStatus))
