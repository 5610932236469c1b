"""Years after a group ended, the tutor lists the people whose data is due for erasure."""

from __future__ import annotations

from datetime import date

from pierglass_desktop.cli import main
from pierglass_desktop.services.erasure import past_retention
from pierglass_desktop.services.groups import GroupInput, create_group
from pierglass_desktop.services.members import add_member
from pierglass_desktop.services.participants import (
    ParticipantInput,
    create_participant,
)


def _member(sessions, first, *groups):
    person = create_participant(sessions, ParticipantInput(first, "Laine"))
    for group in groups:
        add_member(sessions, group.id, person.id, date(2018, 1, 1))
    return person


def test_only_people_whose_every_group_ended_long_ago_are_listed(database, capsys):
    sessions = database.sessions
    old = create_group(sessions, GroupInput("Old", end_date=date(2019, 5, 31)))
    recent = create_group(sessions, GroupInput("Recent", end_date=date(2024, 5, 31)))
    ongoing = create_group(sessions, GroupInput("Ongoing"))
    due = _member(sessions, "Aino", old)
    _member(sessions, "Bo", old, recent)
    _member(sessions, "Cai", old, ongoing)
    create_participant(sessions, ParticipantInput("Dan", "Nomember"))
    found = past_retention(sessions, 5, today=date(2026, 11, 30))
    assert [(p.participant_id, p.last_group_ended) for p in found] == [(due.id, date(2019, 5, 31))]
    assert past_retention(sessions, 1, today=date(2026, 11, 30))[-1].name == "Bo Laine"
    database.close(automatic_backup=False)
    assert main(["person", "retention", "--database", str(database.path)]) == 0
    out = capsys.readouterr().out
    assert due.id in out and "Aino Laine" in out and "Bo Laine" not in out


def test_a_record_merged_into_someone_still_in_a_group_is_not_due(database):
    from pierglass_desktop.services.duplicates import merge_participants

    sessions = database.sessions
    old = create_group(sessions, GroupInput("Old", end_date=date(2019, 5, 31)))
    ongoing = create_group(sessions, GroupInput("Ongoing"))
    earlier = _member(sessions, "Aino", old)
    now = _member(sessions, "Aino", old, ongoing)
    assert [p.participant_id for p in past_retention(sessions, 5)] == [earlier.id]
    merge_participants(sessions, now.id, earlier.id)
    # One person, in a group still running: her old record, left holding its membership in
    # the old group (joined with hers), is not due on its own.
    assert past_retention(sessions, 5, today=date(2026, 11, 30)) == []
    database.close(automatic_backup=False)
