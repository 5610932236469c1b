"""The Participants page's lean list says what the full listing says about everyone."""

from __future__ import annotations

from datetime import date

from pierglass_desktop.demo.generator import build_demo
from pierglass_desktop.services.groups import delete_group
from pierglass_desktop.services.participant_list import participant_list, participant_rows
from pierglass_desktop.services.participants import delete_participant, list_participants

TODAY = date(2026, 11, 28)


def _as_listed(rows):
    return [
        (r.id, r.first_name, r.last_name, r.company_name, r.business_id, r.email, r.pseudonym,
         r.groups, r.group_ids)
        for r in rows
    ]  # fmt: skip


def test_coordinator_sees_each_person_with_the_same_groups_as_the_full_listing(sessions):
    build_demo(sessions, groups=12, seed=4, today=TODAY)
    lean = participant_list(sessions, today=TODAY)
    full = list_participants(sessions, today=TODAY)  # by last and first name
    assert sorted(_as_listed(lean)) == sorted(_as_listed(full))
    with sessions() as s:  # the command line's stream keeps the listing's order
        assert _as_listed(participant_rows(s, today=TODAY)) == _as_listed(full)
    assert any(len(row.groups) == 0 for row in lean)  # members who left, or not yet started
    assert any(len(row.groups) == 1 for row in lean)


def test_a_person_in_two_groups_lists_both_by_name_and_the_deleted_are_left_out(sessions):
    from pierglass_desktop.services.groups import GroupInput, create_group
    from pierglass_desktop.services.members import add_member
    from pierglass_desktop.services.participants import ParticipantInput, create_participant

    zeta = create_group(sessions, GroupInput(name="Zeta, Pori"))
    alpha = create_group(sessions, GroupInput(name="Alpha, Oulu"))
    gone = create_group(sessions, GroupInput(name="Gone"))
    aino = create_participant(sessions, ParticipantInput(first_name="Aino", last_name="Aalto"))
    left = create_participant(sessions, ParticipantInput(first_name="Eero", last_name="Ek"))
    for group in (zeta, alpha, gone):
        add_member(sessions, group.id, aino.id, date(2026, 1, 1))
    add_member(sessions, zeta.id, left.id, date(2026, 1, 1))
    delete_group(sessions, gone.id)  # its memberships go with it
    delete_participant(sessions, left.id)
    (row,) = participant_list(sessions, today=date(2026, 6, 1))
    assert row.full_name == "Aino Aalto"
    assert row.groups == ("Alpha, Oulu", "Zeta, Pori")
    assert row.group_ids == (alpha.id, zeta.id)
