"""Business ID, e-mail and WHO-5 rules, with properties over every possible input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierglass_desktop.domain import rules

seven_digits = st.text(alphabet="0123456789", min_size=7, max_size=7)


@pytest.mark.parametrize("valid", ["0737546-2", "2617416-4", "1572860-0", " 0112038-9 "])
def test_real_business_ids_pass(valid):
    assert rules.normalize_business_id(valid) == valid.strip()


def test_six_digit_business_id_gets_its_leading_zero():
    assert rules.normalize_business_id("737546-2") == "0737546-2"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("0737546-3", "checksum"), ("07375462", "shape"), ("abc", "shape"), ("", "shape")],
)
def test_wrong_business_ids_say_what_is_wrong(text, reason):
    with pytest.raises(ValueError, match=reason):
        rules.normalize_business_id(text)


@given(seven_digits)
def test_exactly_one_check_digit_is_accepted_when_any_is(digits):
    accepted = [d for d in range(10) if rules.is_valid_business_id(f"{digits}-{d}")]
    expected = rules.business_id_check_digit(digits)
    assert accepted == ([] if expected is None else [expected])


@given(st.text(max_size=40))
def test_business_id_check_never_crashes_on_any_text(text):
    try:
        cleaned = rules.normalize_business_id(text)
    except ValueError:
        return
    assert rules.normalize_business_id(cleaned) == cleaned


@pytest.mark.parametrize("good", ["aino@example.fi", "liisa.makela@hoiva-palvelu.fi"])
def test_plain_email_addresses_pass(good):
    assert rules.normalize_email(f"  {good} ") == good


@pytest.mark.parametrize("bad", ["aino", "aino@", "@example.fi", "a b@example.fi", "a@b"])
def test_malformed_email_addresses_fail(bad):
    with pytest.raises(ValueError):
        rules.normalize_email(bad)


@pytest.mark.parametrize("pasted", ["FI01120389", "fi01120389", "FI 0112 0389", " FI0112038 9 "])
def test_tutor_pastes_business_id_in_vat_form_and_it_is_understood(pasted):
    assert rules.normalize_business_id(pasted) == "0112038-9"


def test_vat_form_with_a_wrong_check_digit_is_still_refused():
    with pytest.raises(ValueError, match="checksum"):
        rules.normalize_business_id("FI01120388")


@given(seven_digits, st.sampled_from(["FI", "fi", "FI ", "Fi"]), st.booleans())
def test_vat_form_means_the_same_id_as_the_dashed_form(digits, prefix, spaced):
    check = rules.business_id_check_digit(digits)
    if check is None:
        return
    body = f"{digits[:4]} {digits[4:]}{check}" if spaced else f"{digits}{check}"
    assert rules.normalize_business_id(prefix + body) == f"{digits}-{check}"
