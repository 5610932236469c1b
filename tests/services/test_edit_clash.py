"""Two coordinators on one shared database: an edit made from a form filled before someone
else's change is refused in a sentence, and the other's change stays."""

from __future__ import annotations

import pytest

from pierglass_desktop.domain.errors import Conflict
from pierglass_desktop.services.groups import GroupInput, create_group, get_group, update_group
from pierglass_desktop.services.participants import (
    ParticipantInput,
    create_participant,
    get_participant,
    update_participant,
)


def test_a_participant_form_opened_before_anothers_change_cannot_overwrite_it(sessions):
    aino = create_participant(sessions, ParticipantInput(first_name="Aino", last_name="Aho"))
    mine = get_participant(sessions, aino.id)  # my form opens
    theirs = get_participant(sessions, aino.id)  # so does a colleague's
    update_participant(
        sessions,
        aino.id,
        ParticipantInput(first_name="Aino", last_name="Aho", phone="040 123 4567"),
        seen_at=theirs.updated_at,
    )
    with pytest.raises(Conflict, match="Someone else changed or removed this record"):
        update_participant(
            sessions,
            aino.id,
            ParticipantInput(first_name="Aino", last_name="Aho-Virta"),
            seen_at=mine.updated_at,
        )
    kept = get_participant(sessions, aino.id)
    assert (kept.last_name, kept.phone) == ("Aho", "040 123 4567")


def test_saving_the_same_form_again_after_reopening_it_works(sessions):
    aino = create_participant(sessions, ParticipantInput(first_name="Aino", last_name="Aho"))
    first = get_participant(sessions, aino.id)
    update_participant(
        sessions, aino.id, ParticipantInput("Aino", "Aho", phone="1"), seen_at=first.updated_at
    )
    again = get_participant(sessions, aino.id)
    saved = update_participant(
        sessions, aino.id, ParticipantInput("Aino", "Aho", phone="2"), seen_at=again.updated_at
    )
    assert saved.phone == "2"


def test_a_group_form_opened_before_anothers_change_cannot_overwrite_it(sessions):
    group = create_group(sessions, GroupInput(name="Kotihoito, Pori"))
    mine = get_group(sessions, group.id).group
    update_group(sessions, group.id, GroupInput(name="Kotihoito, Pori", location="Kirjasto"))
    with pytest.raises(Conflict):
        update_group(
            sessions, group.id, GroupInput(name="Kotihoito, Rauma"), seen_at=mine.updated_at
        )
    kept = get_group(sessions, group.id).group
    assert (kept.name, kept.location) == ("Kotihoito, Pori", "Kirjasto")


def test_a_method_editor_opened_before_anothers_change_cannot_overwrite_it(sessions):
    from pierglass_desktop.domain.enums import MethodCategory
    from pierglass_desktop.services.methods import MethodInput, add_method, edit_method, get_method

    def method(purpose: str) -> MethodInput:
        return MethodInput(
            name={"fi": "Kuulumiskierros"},
            purpose={"fi": purpose},
            category=MethodCategory.OPENING,
            duration_minutes=20,
        )

    made = add_method(sessions, method("Alkuun"))
    mine = get_method(sessions, made.id)
    edit_method(sessions, made.id, method("Kollegan korjaus"))
    with pytest.raises(Conflict):
        edit_method(sessions, made.id, method("Minun"), seen_at=mine.updated_at)
    assert get_method(sessions, made.id).purpose == {"fi": "Kollegan korjaus"}
