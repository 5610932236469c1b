"""Groups, their members over time and their tutors, on a real SQLite file."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from pierglass_desktop.domain.enums import GroupMode, GroupStatus, TutorRole
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError
from pierglass_desktop.domain.models import GroupTutor, Meeting, Membership
from pierglass_desktop.services.groups import (
    GroupInput,
    archive_group,
    create_group,
    delete_group,
    get_group,
    group_deletion_impact,
    list_groups,
    unarchive_group,
    update_group,
)
from pierglass_desktop.services.members import add_member, end_membership, remove_membership
from pierglass_desktop.services.participants import ParticipantInput, create_participant
from pierglass_desktop.services.tutors import (
    assign_new_tutor,
    assign_tutor,
    create_tutor,
    list_tutors,
    unassign_tutor,
)

PORI = GroupInput(
    "Kotihoidon yrittäjät, Pori",
    location="Pori",
    status=GroupStatus.ACTIVE,
    start_date=date(2025, 9, 1),
)


def person(sessions, first: str, last: str, company: str = ""):
    return create_participant(sessions, ParticipantInput(first, last, company_name=company))


def test_tutor_creates_a_group_and_finds_it_in_the_list(sessions):
    row = create_group(sessions, PORI)
    assert row.name == "Kotihoidon yrittäjät, Pori"
    assert [g.id for g in list_groups(sessions)] == [row.id]
    assert get_group(sessions, row.id).group.location == "Pori"


def test_a_group_needs_a_name_said_at_the_field(sessions):
    with pytest.raises(ValidationError) as caught:
        create_group(sessions, GroupInput("   "))
    assert set(caught.value.fields) == {"name"}
    assert list_groups(sessions) == []


def test_a_group_cannot_end_before_it_starts(sessions):
    bad = GroupInput("Ryhmä", start_date=date(2026, 1, 10), end_date=date(2026, 1, 9))
    with pytest.raises(ValidationError) as caught:
        create_group(sessions, bad)
    assert "end_date" in caught.value.fields


def test_too_long_a_name_is_refused_not_cut(sessions):
    with pytest.raises(ValidationError) as caught:
        create_group(sessions, GroupInput("x" * 201))
    assert "200" in caught.value.fields["name"]


def test_editing_a_group_keeps_its_id_and_changes_its_fields(sessions):
    row = create_group(sessions, PORI)
    changed = update_group(
        sessions, row.id, GroupInput("Hyvinvointiala, Rauma", mode=GroupMode.HYBRID)
    )
    assert changed.id == row.id
    assert (changed.name, changed.mode) == ("Hyvinvointiala, Rauma", GroupMode.HYBRID)


def test_list_searches_filters_by_status_and_sorts_by_name_finnish_letters_too(sessions):
    create_group(sessions, GroupInput("Öljyala", status=GroupStatus.PLANNED))
    create_group(sessions, GroupInput("Ämmänsaaren kampaajat", status=GroupStatus.ACTIVE))
    create_group(sessions, GroupInput("Arjen apu", location="Kemi", status=GroupStatus.ACTIVE))
    names = [g.name for g in list_groups(sessions)]
    assert names[0] == "Arjen apu"
    assert [g.name for g in list_groups(sessions, search="KEMI")] == ["Arjen apu"]
    assert [g.name for g in list_groups(sessions, search="ämmän")] == ["Ämmänsaaren kampaajat"]
    active = list_groups(sessions, status=GroupStatus.ACTIVE)
    assert {g.name for g in active} == {"Arjen apu", "Ämmänsaaren kampaajat"}


def test_archive_hides_a_group_until_archived_are_shown_and_unarchive_brings_it_back(sessions):
    row = create_group(sessions, PORI)
    assert archive_group(sessions, row.id).archived
    assert list_groups(sessions) == []
    assert [g.id for g in list_groups(sessions, include_archived=True)] == [row.id]
    assert not unarchive_group(sessions, row.id).archived
    assert [g.id for g in list_groups(sessions)] == [row.id]


def test_members_join_leave_and_rejoin_later(sessions):
    group = create_group(sessions, PORI)
    aino = person(sessions, "Aino", "Virtanen", "Hoivapalvelu Virtanen")
    first = add_member(sessions, group.id, aino.id, date(2025, 9, 1))
    assert get_group(sessions, group.id).group.member_count == 1
    end_membership(sessions, first.membership_id, date(2025, 12, 31))
    assert get_group(sessions, group.id).group.member_count == 0
    add_member(sessions, group.id, aino.id, date(2026, 3, 1))
    detail = get_group(sessions, group.id)
    assert [(m.joined_on, m.left_on) for m in detail.members] == [
        (date(2025, 9, 1), date(2025, 12, 31)),
        (date(2026, 3, 1), None),
    ]
    assert detail.members[0].company == "Hoivapalvelu Virtanen"
    assert detail.group.member_count == 1


def test_a_current_member_cannot_be_added_twice(sessions):
    group = create_group(sessions, PORI)
    aino = person(sessions, "Aino", "Virtanen")
    add_member(sessions, group.id, aino.id, date(2025, 9, 1))
    with pytest.raises(ValidationError) as caught:
        add_member(sessions, group.id, aino.id, date(2025, 10, 1))
    assert "participant" in caught.value.fields


def test_rejoining_inside_the_earlier_period_is_refused_at_the_date(sessions):
    group = create_group(sessions, PORI)
    aino = person(sessions, "Aino", "Virtanen")
    first = add_member(sessions, group.id, aino.id, date(2025, 9, 1))
    end_membership(sessions, first.membership_id, date(2025, 12, 31))
    with pytest.raises(ValidationError) as caught:
        add_member(sessions, group.id, aino.id, date(2025, 12, 31))
    assert "joined_on" in caught.value.fields


def test_leaving_before_joining_is_refused_at_the_field_and_nothing_changes(sessions):
    group = create_group(sessions, PORI)
    aino = person(sessions, "Aino", "Virtanen")
    member = add_member(sessions, group.id, aino.id, date(2025, 9, 1))
    with pytest.raises(ValidationError) as caught:
        end_membership(sessions, member.membership_id, date(2025, 8, 31))
    assert "left_on" in caught.value.fields
    assert get_group(sessions, group.id).members[0].left_on is None
    # Leaving on the joining day itself is a real (one-day) membership.
    assert end_membership(sessions, member.membership_id, date(2025, 9, 1)).left_on


def test_a_membership_added_by_mistake_can_be_removed(sessions):
    group = create_group(sessions, PORI)
    aino = person(sessions, "Aino", "Virtanen")
    member = add_member(sessions, group.id, aino.id, date(2025, 9, 1))
    remove_membership(sessions, member.membership_id)
    assert get_group(sessions, group.id).members == ()


def test_tutors_are_created_assigned_with_a_role_reassigned_and_unassigned(sessions):
    group = create_group(sessions, PORI)
    maija = create_tutor(sessions, "Maija Ojala", email="maija@example.fi")
    kalle = create_tutor(sessions, "Kalle Aho")
    assert [t.name for t in list_tutors(sessions)] == ["Kalle Aho", "Maija Ojala"]
    assign_tutor(sessions, group.id, kalle.id, TutorRole.CO_TUTOR)
    assign_tutor(sessions, group.id, maija.id, TutorRole.LEAD)
    detail = get_group(sessions, group.id)
    assert [(t.name, t.role) for t in detail.tutors] == [
        ("Maija Ojala", TutorRole.LEAD),
        ("Kalle Aho", TutorRole.CO_TUTOR),
    ]
    assert list_groups(sessions)[0].tutor_names == "Maija Ojala, Kalle Aho"
    unassign_tutor(sessions, group.id, kalle.id)
    assign_tutor(sessions, group.id, kalle.id, TutorRole.LEAD)  # revives the same link
    with sessions() as s:
        links = s.scalars(select(GroupTutor).where(GroupTutor.tutor_id == kalle.id)).all()
    assert len(links) == 1 and links[0].deleted_at is None
    with pytest.raises(Conflict):
        unassign_tutor(sessions, group.id, "no-such-tutor")


def test_a_tutor_needs_a_name_and_a_real_email(sessions):
    with pytest.raises(ValidationError) as caught:
        create_tutor(sessions, "", email="maija(at)example")
    assert set(caught.value.fields) == {"name", "email"}


def test_deleting_a_group_tombstones_it_with_its_memberships_and_keeps_people(sessions):
    group = create_group(sessions, PORI)
    aino = person(sessions, "Aino", "Virtanen")
    add_member(sessions, group.id, aino.id, date(2025, 9, 1))
    tutor = create_tutor(sessions, "Maija Ojala")
    assign_tutor(sessions, group.id, tutor.id)
    impact = group_deletion_impact(sessions, group.id)
    assert (impact.memberships, impact.tutor_links, impact.history) == (1, 1, 0)
    delete_group(sessions, group.id)
    assert list_groups(sessions, include_archived=True) == []
    with pytest.raises(NotFound):
        get_group(sessions, group.id)
    with sessions() as s:
        membership = s.scalars(select(Membership)).one()
        assert membership.deleted_at is not None
        assert s.scalars(select(GroupTutor)).one().deleted_at is not None
    from pierglass_desktop.services.participants import get_participant

    assert get_participant(sessions, aino.id).groups == ()


def test_a_group_with_sessions_is_not_deleted_but_can_be_archived(sessions):
    group = create_group(sessions, PORI)
    with sessions.begin() as s:
        s.add(Meeting(group_id=group.id, number=1, starts_at=datetime(2025, 9, 4, 17)))
    with pytest.raises(Conflict) as caught:
        delete_group(sessions, group.id)
    assert "Archive" in str(caught.value)
    assert list_groups(sessions)[0].id == group.id


def test_a_deleted_participant_no_longer_counts_as_a_member(sessions):
    from pierglass_desktop.services.participants import delete_participant

    group = create_group(sessions, PORI)
    aino = person(sessions, "Aino", "Virtanen")
    add_member(sessions, group.id, aino.id, date(2025, 9, 1))
    delete_participant(sessions, aino.id)
    assert list_groups(sessions)[0].member_count == 0
    assert get_group(sessions, group.id).members == ()


def test_adding_a_member_to_a_deleted_group_is_not_found(sessions):
    group = create_group(sessions, PORI)
    aino = person(sessions, "Aino", "Virtanen")
    delete_group(sessions, group.id)
    with pytest.raises(NotFound):
        add_member(sessions, group.id, aino.id, date(2025, 9, 1))


def test_a_new_tutor_is_created_and_assigned_in_one_step_or_not_at_all(sessions):
    group = create_group(sessions, PORI)
    row = assign_new_tutor(sessions, group.id, "Maija Ojala", "maija@example.fi", TutorRole.LEAD)
    assert get_group(sessions, group.id).tutors == (row,)
    with pytest.raises(NotFound):
        assign_new_tutor(sessions, "no-such-group", "Kalle Aho")
    assert [t.name for t in list_tutors(sessions)] == ["Maija Ojala"]


def _statements(database, action) -> int:
    from sqlalchemy import event

    count = [0]

    def counted(*_args) -> None:
        count[0] += 1

    event.listen(database.engine, "before_cursor_execute", counted)
    try:
        action()
    finally:
        event.remove(database.engine, "before_cursor_execute", counted)
    return count[0]


def test_opening_a_big_group_asks_the_database_no_more_than_a_small_one(database):
    sessions = database.sessions
    small = create_group(sessions, GroupInput(name="Pieni"))
    big = create_group(sessions, GroupInput(name="Iso"))
    for group, size in ((small, 1), (big, 12)):
        for n in range(size):
            person = create_participant(sessions, ParticipantInput(f"P{n}", group.name))
            add_member(sessions, group.id, person.id, date(2026, 1, 1))
        for n in range(1 if size == 1 else 3):
            tutor = create_tutor(sessions, f"T{n} {group.name}")
            assign_tutor(sessions, group.id, tutor.id, TutorRole.CO_TUTOR)
    opened = {}
    small_count = _statements(database, lambda: opened.update(small=get_group(sessions, small.id)))
    big_count = _statements(database, lambda: opened.update(big=get_group(sessions, big.id)))
    assert len(opened["big"].members) == 12 and len(opened["big"].tutors) == 3
    assert big_count == small_count  # no statement per member or tutor
