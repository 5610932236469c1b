"""A coordinator holds members without consent to sharing by their pseudonym code and
background answers only. That is personal data all the same: retention lists them, a backup
holding them says so, and erasure and the right of access reach them."""

from __future__ import annotations

from datetime import date

import pytest

from pierglass_desktop.domain.models import Group, Participant
from pierglass_desktop.services import erasure
from pierglass_desktop.services.access import person_data
from pierglass_desktop.services.duplicates import merge_participants
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.services.sync_import import apply_import, preview_import
from pierglass_desktop.storage.backup import make_backup
from sync_helpers import build_world, open_db


@pytest.fixture
def coordinator(tmp_path):
    tutor = open_db(tmp_path / "tutor" / "t.sqlite3")
    world = build_world(tutor.sessions)
    export_sync(tutor.sessions, tmp_path / "first.xlsx")
    tutor.close(automatic_backup=False)
    db = open_db(tmp_path / "coordinator" / "c.sqlite3")
    apply_import(db, preview_import(db.sessions, [tmp_path / "first.xlsx"]))
    with db.sessions() as s:
        held = s.get(Participant, world.private_id)
        assert held.first_name == "" and held.pseudonym == "P0001Kot"
    yield db, world
    db.close(automatic_backup=False)


def test_retention_lists_a_member_known_by_her_pseudonym_code(coordinator):
    db, world = coordinator
    with db.sessions.begin() as s:
        s.get(Group, world.group_id).end_date = date(2019, 5, 31)
    due = {
        p.participant_id: p.name for p in erasure.past_retention(db.sessions, 5, date(2026, 11, 30))
    }
    assert due == {world.sharing_id: "Liisa Laine", world.private_id: "P0001Kot"}


def test_a_backup_holding_a_pseudonymised_member_is_named_when_she_is_erased(coordinator):
    db, world = coordinator
    backup = make_backup(db.path, "manual")
    result = erasure.erase_person(db, world.private_id)
    assert [held.path for held in result.backups_holding] == [backup]
    assert erasure.is_erased(db, world.private_id)
    # The other member is whole in the backup and here: it holds her too.
    assert [h.path for h in erasure.held_backups(db.path, world.sharing_id)] == [backup]


def test_the_right_of_access_reaches_a_pseudonymised_record_merged_away(coordinator):
    db, world = coordinator
    merge_participants(db.sessions, world.sharing_id, world.private_id)
    data = person_data(db.sessions, world.private_id)  # a tombstone, still holding her code
    (row,) = data.section("participants").rows
    assert row["pseudonym"] == "P0001Kot" and data.name == "P0001Kot"


def test_the_erasure_confirmation_names_a_member_by_her_code(coordinator):
    db, world = coordinator
    lines = erasure.describe_plan(erasure.plan_erasure(db, world.private_id))
    assert lines[0] == "Erasing P0001Kot removes for good:"
