"""Participants: every validation rule, search and filter, pseudonyms, deletion."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from pierglass_desktop.domain.enums import (
    CompanySize,
    ConsentScope,
    EducationBand,
    Gender,
    LabourStatus,
)
from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.models import Membership
from pierglass_desktop.domain.rules import business_id_check_digit
from pierglass_desktop.services.groups import GroupInput, create_group
from pierglass_desktop.services.members import add_member
from pierglass_desktop.services.participants import (
    ParticipantInput,
    create_participant,
    delete_participant,
    get_participant,
    list_participants,
    update_participant,
    validate_participant,
)

TODAY = date(2026, 11, 28)
AINO = ParticipantInput(
    "Aino",
    "Virtanen",
    email="aino@hoivavirtanen.fi",
    company_name="Hoivapalvelu Virtanen",
    business_id="2345678-0",
    company_size=CompanySize.SOLE,
)


def field_errors(data: ParticipantInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_participant(data, TODAY)
    return caught.value.fields


def test_tutor_adds_a_participant_with_everything_and_reads_it_back(sessions):
    full = replace(
        AINO,
        consent_scope=ConsentScope.SHARING,
        consent_date=date(2026, 9, 1),
        gender=Gender.NON_BINARY,
        birth_year=1978,
        labour_status=LabourStatus.EMPLOYED,
        education=EducationBand.ISCED_5_8,
    )
    row = create_participant(sessions, full, today=TODAY)
    again = get_participant(sessions, row.id)
    assert again.to_input() == full
    assert again.full_name == "Aino Virtanen"


def test_first_and_last_name_are_required_each_at_its_field():
    assert set(field_errors(ParticipantInput(" ", ""))) == {"first_name", "last_name"}


def test_email_shape_is_checked_and_trimmed():
    assert "email" in field_errors(replace(AINO, email="aino.virtanen@"))
    assert "email" in field_errors(replace(AINO, email="aino virtanen@x.fi"))
    assert validate_participant(replace(AINO, email="  a@b.fi "), TODAY).email == "a@b.fi"
    assert validate_participant(replace(AINO, email=""), TODAY).email == ""


def test_business_id_says_whether_the_shape_or_the_check_digit_is_wrong():
    shape = field_errors(replace(AINO, business_id="234567-80"))["business_id"]
    check = field_errors(replace(AINO, business_id="2345678-1"))["business_id"]
    assert "seven digits" in shape
    assert "check digit" in check
    assert shape != check


def test_business_id_is_normalised_old_six_digit_ids_get_their_zero():
    digit = business_id_check_digit("0123456")
    cleaned = validate_participant(replace(AINO, business_id=f" 123456-{digit}"), TODAY)
    assert cleaned.business_id == f"0123456-{digit}"


@given(st.text(alphabet="0123456789", min_size=7, max_size=7), st.integers(0, 9))
def test_any_business_id_passes_exactly_when_its_check_digit_is_right(digits, digit):
    data = replace(AINO, business_id=f"{digits}-{digit}")
    expected = business_id_check_digit(digits)
    if expected == digit:
        assert validate_participant(data, TODAY).business_id == f"{digits}-{digit}"
    else:
        with pytest.raises(ValidationError) as caught:
            validate_participant(data, TODAY)
        assert set(caught.value.fields) == {"business_id"}


@given(st.text(max_size=20))
def test_any_typed_business_id_is_accepted_or_refused_at_its_field_never_crashes(text):
    try:
        cleaned = validate_participant(replace(AINO, business_id=text), TODAY)
    except ValidationError as error:
        assert set(error.fields) == {"business_id"}
    else:
        assert cleaned.business_id == "" or re.fullmatch(r"\d{7}-\d", cleaned.business_id)


@pytest.mark.parametrize(("year", "ok"), [(1926, True), (1925, False), (2011, True), (2012, False)])
def test_birth_year_stays_within_sane_bounds(year, ok):
    data = replace(AINO, birth_year=year)
    if ok:
        assert validate_participant(data, TODAY).birth_year == year
    else:
        assert "1926" in field_errors(data)["birth_year"]


def test_consent_scope_needs_a_date_not_in_the_future():
    no_date = replace(AINO, consent_scope=ConsentScope.REPORTING)
    assert "consent_date" in field_errors(no_date)
    future = replace(no_date, consent_date=date(2026, 11, 29))
    assert "future" in field_errors(future)["consent_date"]
    today = replace(no_date, consent_date=TODAY)
    assert validate_participant(today, TODAY).consent_date == TODAY


def test_a_consent_date_without_a_scope_asks_for_the_scope():
    assert "consent_scope" in field_errors(replace(AINO, consent_date=date(2026, 1, 1)))


def test_every_field_error_is_reported_at_once_and_nothing_is_saved(sessions):
    bad = ParticipantInput("", "Virtanen", email="x", business_id="1", birth_year=1800)
    with pytest.raises(ValidationError) as caught:
        create_participant(sessions, bad, today=TODAY)
    assert set(caught.value.fields) == {"first_name", "email", "business_id", "birth_year"}
    assert list_participants(sessions) == []


def test_each_new_participant_gets_a_stable_unique_pseudonym(sessions):
    rows = [create_participant(sessions, ParticipantInput("A", f"B{i}")) for i in range(40)]
    codes = [r.pseudonym for r in rows]
    assert all(re.fullmatch(r"P-[2-9A-HJKMNP-TV-Z]{5}", c) for c in codes)
    assert len(set(codes)) == len(codes)
    edited = update_participant(sessions, rows[0].id, ParticipantInput("Aa", "Bb"))
    assert edited.pseudonym == codes[0]


def test_search_finds_by_name_company_business_id_and_email(sessions):
    aino = create_participant(sessions, AINO, today=TODAY)
    create_participant(sessions, ParticipantInput("Jussi", "Mäkelä", company_name="Kotiapu JM"))

    def found(text: str) -> list[str]:
        return [p.full_name for p in list_participants(sessions, search=text)]

    assert found("aino virt") == ["Aino Virtanen"]
    assert found("HOIVAPALVELU") == ["Aino Virtanen"]
    assert found("23456780") == ["Aino Virtanen"]
    assert found("2345678-0") == ["Aino Virtanen"]
    assert found("@hoivavirtanen") == ["Aino Virtanen"]
    assert found("mäkelä") == ["Jussi Mäkelä"]
    assert found(aino.pseudonym.lower()) == ["Aino Virtanen"]
    assert found("nobody") == []


def test_list_is_sorted_by_last_then_first_name_and_filters_by_group_members(sessions):
    pori = create_group(sessions, GroupInput("Pori"))
    rauma = create_group(sessions, GroupInput("Rauma"))
    a = create_participant(sessions, ParticipantInput("Aino", "Virtanen"))
    b = create_participant(sessions, ParticipantInput("Jussi", "Aho"))
    c = create_participant(sessions, ParticipantInput("Anna", "Aho"))
    add_member(sessions, pori.id, a.id, date(2025, 1, 1))
    add_member(sessions, rauma.id, b.id, date(2025, 1, 1))
    assert [p.full_name for p in list_participants(sessions)] == [
        "Anna Aho",
        "Jussi Aho",
        "Aino Virtanen",
    ]
    assert [p.id for p in list_participants(sessions, group_id=pori.id)] == [a.id]
    assert get_participant(sessions, a.id).groups == ("Pori",)
    assert c.groups == ()


def test_deleting_a_participant_tombstones_them_and_their_memberships(sessions):
    group = create_group(sessions, GroupInput("Pori"))
    aino = create_participant(sessions, AINO, today=TODAY)
    add_member(sessions, group.id, aino.id, date(2025, 1, 1))
    delete_participant(sessions, aino.id)
    assert list_participants(sessions) == []
    with pytest.raises(NotFound):
        get_participant(sessions, aino.id)
    with sessions() as s:
        assert s.scalars(select(Membership)).one().deleted_at is not None
    with pytest.raises(NotFound):
        update_participant(sessions, aino.id, AINO)
