"""Validation takes its lengths from the field specs, so it cannot drift from the columns."""

from __future__ import annotations

import pytest

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.fields import PARTICIPANT, TEXT_KINDS, TUTOR
from pierglass_desktop.services import tutors
from pierglass_desktop.services.participants import ParticipantInput, validate_participant

NAMES = {"first_name": "Aino", "last_name": "Virtanen"}
TYPED = [spec for spec in PARTICIPANT if spec.kind in TEXT_KINDS]


@pytest.mark.parametrize("spec", TYPED, ids=lambda spec: spec.key)
def test_tutor_types_one_character_too_many_and_is_told_where(spec):
    filler = "a" * (spec.max_length + 1)
    data = ParticipantInput(**{**NAMES, spec.key: filler})
    with pytest.raises(ValidationError) as refused:
        validate_participant(data)
    assert spec.key in refused.value.fields
    assert str(spec.max_length) in refused.value.fields[spec.key]


@pytest.mark.parametrize(
    "spec", [s for s in TYPED if s.key != "email"], ids=lambda spec: spec.key
)  # a 320-character address is not a valid one, whatever its length
def test_text_exactly_as_long_as_the_column_is_kept(spec):
    longest = "a" * spec.max_length
    data = ParticipantInput(**{**NAMES, spec.key: longest})
    assert getattr(validate_participant(data), spec.key) == longest


def test_tutor_name_one_over_the_column_is_refused(sessions):
    too_long = "T" * (TUTOR.limit("name") + 1)
    with pytest.raises(ValidationError) as refused:
        tutors.create_tutor(sessions, too_long)
    assert set(refused.value.fields) == {"name"}
