"""Changes on both sides, deletions, merges and erasures on their way to the coordinator."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.errors import Conflict
from pierglass_desktop.domain.models import AuditEntry, Commitment, Group, Note, Participant
from pierglass_desktop.exchange.sync_format import PERSONAL_FIELDS
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.services.sync_import import (
    FileStatus,
    Resolution,
    apply_import,
    list_imports,
    preview_import,
)
from pierglass_desktop.storage.backup import backup_to
from sync_helpers import build_world, open_db, snapshot


@pytest.fixture
def pair(tmp_path):
    """A tutor whose first export the coordinator has imported."""
    tutor = open_db(tmp_path / "tutor" / "t.sqlite3")
    coordinator = open_db(tmp_path / "coordinator" / "c.sqlite3")
    world = build_world(tutor.sessions)
    export_sync(tutor.sessions, tmp_path / "first.xlsx")
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "first.xlsx"]))
    yield tutor, coordinator, world, tmp_path
    tutor.close(automatic_backup=False)
    coordinator.close(automatic_backup=False)


def _set(sessions, model, record_id, **values):
    with sessions.begin() as s:
        record = s.get(model, record_id)
        for key, value in values.items():
            setattr(record, key, value)


def _carried(source, target, path):
    """Export everything of ``source`` to ``path`` and import it into ``target``, where no
    conflict is expected."""
    export_sync(source.sessions, path)
    preview = preview_import(target.sessions, [path])
    assert not preview.conflicts, preview.conflicts
    return apply_import(target, preview)


def _description(database, group_id: str) -> str:
    with database.sessions() as s:
        return s.get(Group, group_id).description


def _both_edit_the_group(tutor, coordinator, world, tmp_path):
    _set(coordinator.sessions, Group, world.group_id, description="Koordinaattorin korjaus")
    _set(tutor.sessions, Group, world.group_id, description="Tutorin muutos")
    export_sync(tutor.sessions, tmp_path / "second.xlsx")
    return preview_import(coordinator.sessions, [tmp_path / "second.xlsx"])


def test_record_changed_on_both_sides_is_a_conflict_and_nothing_is_applied_unresolved(pair):
    tutor, coordinator, world, tmp_path = pair
    _set(tutor.sessions, Note, world.note_ids["project"], body="Uusi yhteenveto")
    preview = _both_edit_the_group(tutor, coordinator, world, tmp_path)
    (conflict,) = preview.conflicts
    assert conflict.key == f"groups/{world.group_id}"
    assert "Kotihoito Pori" in conflict.label
    (diff,) = conflict.fields
    assert (diff.key, diff.mine, diff.theirs) == (
        "description",
        "Koordinaattorin korjaus",
        "Tutorin muutos",
    )
    assert conflict.mine_origin == coordinator.installation_id
    assert conflict.theirs_origin == tutor.installation_id
    assert preview.files[0].counts["notes"].updated == 1
    before = snapshot(coordinator.sessions)
    with pytest.raises(Conflict, match="1 record was changed both here"):
        apply_import(coordinator, preview)
    assert snapshot(coordinator.sessions) == before


@pytest.mark.parametrize(
    ("resolution", "kept"),
    [
        (Resolution.MINE, "Koordinaattorin korjaus"),
        (Resolution.THEIRS, "Tutorin muutos"),
        (Resolution.NEWER, "Tutorin muutos"),  # the tutor's change was made last
    ],
)
def test_coordinator_resolves_a_conflict(pair, resolution, kept):
    tutor, coordinator, world, tmp_path = pair
    preview = _both_edit_the_group(tutor, coordinator, world, tmp_path)
    result = apply_import(coordinator, preview, per_conflict={preview.conflicts[0].key: resolution})
    assert result.applied and not result.refused
    with coordinator.sessions() as s:
        assert s.get(Group, world.group_id).description == kept


def test_change_made_only_by_the_tutor_is_no_conflict(pair):
    """The coordinator's older edit reached the tutor before she changed the record: her
    version holds it, so hers is simply the newer."""
    tutor, coordinator, world, tmp_path = pair
    _set(coordinator.sessions, Group, world.group_id, location="Pori")
    _carried(coordinator, tutor, tmp_path / "from-coordinator.xlsx")
    _set(tutor.sessions, Group, world.group_id, description="Tutorin muutos")
    result = _carried(tutor, coordinator, tmp_path / "second.xlsx")
    assert result.files[0].counts["groups"].updated == 1
    with coordinator.sessions() as s:
        group = s.get(Group, world.group_id)
        assert (group.location, group.description) == ("Pori", "Tutorin muutos")


def test_an_edit_the_tutor_never_saw_is_not_overwritten_silently(pair):
    """The coordinator's edit predates the tutor's later file, but the tutor never had it: her
    version lacks it, so taking hers without asking would lose it."""
    tutor, coordinator, world, tmp_path = pair
    _set(coordinator.sessions, Group, world.group_id, location="Pori")
    export_sync(tutor.sessions, tmp_path / "between.xlsx")
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "between.xlsx"]))
    _set(tutor.sessions, Group, world.group_id, description="Tutorin muutos")
    export_sync(tutor.sessions, tmp_path / "second.xlsx")
    preview = preview_import(coordinator.sessions, [tmp_path / "second.xlsx"])
    assert [c.record_id for c in preview.conflicts] == [world.group_id]


def test_deletion_travels_as_a_tombstone(pair):
    tutor, coordinator, world, tmp_path = pair
    _set(tutor.sessions, Note, world.note_ids["group"], deleted_at=utcnow())
    export_sync(tutor.sessions, tmp_path / "second.xlsx")
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "second.xlsx"]))
    with coordinator.sessions() as s:
        assert s.get(Note, world.note_ids["group"]).deleted_at is not None


def _merge(sessions, old: str, kept: str) -> None:
    """What merging two records of one person leaves behind (the merge itself is elsewhere)."""
    with sessions.begin() as s:
        s.get(Participant, old).deleted_at = utcnow()
        for commitment in s.scalars(select(Commitment).where(Commitment.participant_id == old)):
            commitment.participant_id = kept
        s.add(AuditEntry(action="merge", entity="participant", entity_id=old, after={"into": kept}))


def _erase(sessions, person: str) -> None:
    with sessions.begin() as s:
        record = s.get(Participant, person)
        for key in PERSONAL_FIELDS:
            setattr(record, key, "")
        record.deleted_at = utcnow()
        s.add(AuditEntry(action="erase", entity="participant", entity_id=person))


def _stale_copy(tutor, tmp_path, name: str):
    """The tutor's database as it was now, on a second laptop that never hears of what follows."""
    destination = tmp_path / name / "t.sqlite3"
    backup_to(tutor.path, destination)
    return open_db(destination)


def test_merge_travels_and_an_old_copy_cannot_bring_the_merged_person_back(pair):
    tutor, coordinator, world, tmp_path = pair
    stale = _stale_copy(tutor, tmp_path, "stale")
    _merge(tutor.sessions, world.private_id, world.sharing_id)
    export_sync(tutor.sessions, tmp_path / "after-merge.xlsx")
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "after-merge.xlsx"]))
    try:  # edited after the merge, on a copy that knows nothing of it
        _set(stale.sessions, Participant, world.private_id, municipality="Ulvila")
        export_sync(stale.sessions, tmp_path / "stale.xlsx")
    finally:
        stale.close(automatic_backup=False)
    preview = preview_import(coordinator.sessions, [tmp_path / "stale.xlsx"])
    assert preview.files[0].status is FileStatus.OK, preview.files[0].reason
    apply_import(coordinator, preview, Resolution.THEIRS)
    with coordinator.sessions() as s:
        assert s.get(Participant, world.private_id).deleted_at is not None
        owners = set(s.scalars(select(Commitment.participant_id)))
    assert owners == {world.sharing_id}


def test_merge_made_by_the_coordinator_redirects_an_old_file(pair):
    tutor, coordinator, world, tmp_path = pair
    _merge(coordinator.sessions, world.private_id, world.sharing_id)
    _set(tutor.sessions, Participant, world.private_id, municipality="Ulvila")  # newer there
    export_sync(tutor.sessions, tmp_path / "unaware.xlsx")
    preview = preview_import(coordinator.sessions, [tmp_path / "unaware.xlsx"])
    apply_import(coordinator, preview, Resolution.THEIRS)
    with coordinator.sessions() as s:
        person = s.get(Participant, world.private_id)
        assert person.deleted_at is not None and person.municipality == ""


def test_erasure_travels_and_an_old_file_cannot_revive_the_person(pair):
    tutor, coordinator, world, tmp_path = pair
    _erase(tutor.sessions, world.sharing_id)
    export_sync(tutor.sessions, tmp_path / "erased.xlsx")
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "erased.xlsx"]))
    preview = preview_import(coordinator.sessions, [tmp_path / "first.xlsx"])
    assert preview.files[0].status is FileStatus.ALREADY_IMPORTED
    with coordinator.sessions() as s:
        person = s.get(Participant, world.sharing_id)
        assert person.deleted_at is not None
        assert (person.first_name, person.email, person.business_id) == ("", "", "")
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).all()
        assert [e.entity_id for e in entries] == [world.sharing_id]
        assert entries[0].before is None and entries[0].after is None


def test_old_copy_about_an_erased_person_leaves_her_out(pair):
    tutor, coordinator, world, tmp_path = pair
    stale = _stale_copy(tutor, tmp_path, "stale")
    _erase(tutor.sessions, world.sharing_id)
    export_sync(tutor.sessions, tmp_path / "erased.xlsx")
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "erased.xlsx"]))
    try:  # edited after the erasure, on a copy that knows nothing of it
        _set(stale.sessions, Participant, world.sharing_id, first_name="Liisa-Maria")
        export_sync(stale.sessions, tmp_path / "stale.xlsx")
    finally:
        stale.close(automatic_backup=False)
    apply_import(
        coordinator,
        preview_import(coordinator.sessions, [tmp_path / "stale.xlsx"]),
        Resolution.THEIRS,
    )
    held = snapshot(coordinator.sessions)
    person = held["participants"][world.sharing_id]
    assert person["deleted_at"] is not None and person["first_name"] == ""
    assert all(a["participant_id"] != world.sharing_id for a in held["attendance"].values())


def test_preview_of_two_exports_from_one_tutor_says_what_the_import_does(pair):
    """The second file is merged after the first, in the preview as in the import."""
    tutor, coordinator, world, tmp_path = pair
    _set(tutor.sessions, Group, world.group_id, description="Ensimmäinen muutos")
    export_sync(tutor.sessions, tmp_path / "a.xlsx")
    _set(tutor.sessions, Group, world.group_id, description="Tutorin muutos")
    export_sync(tutor.sessions, tmp_path / "b.xlsx")
    preview = preview_import(coordinator.sessions, [tmp_path / "a.xlsx", tmp_path / "b.xlsx"])
    assert not preview.conflicts
    assert [f.counts["groups"].updated for f in preview.files] == [1, 1]
    result = apply_import(coordinator, preview)
    assert [f.counts["groups"] for f in result.files] == [f.counts["groups"] for f in preview.files]
    with coordinator.sessions() as s:
        assert s.get(Group, world.group_id).description == "Tutorin muutos"


def test_marks_moved_by_a_merge_arrive_live_for_the_kept_person(pair):
    """As the merge does it: the merged person's mark becomes a tombstone and the kept person
    gets a mark under the id derived for them, both in one transaction (the same stamps)."""
    from pierglass_desktop.domain.models import Attendance, attendance_id

    tutor, coordinator, world, tmp_path = pair
    old, kept = world.sharing_id, world.private_id
    with tutor.sessions.begin() as s:
        mark = s.get(Attendance, attendance_id(world.meeting_id, old))
        mark.deleted_at = utcnow()
        s.add(
            Attendance(
                meeting_id=world.meeting_id,
                participant_id=kept,
                status=mark.status,
                minutes_attended=mark.minutes_attended,
            )
        )
        s.get(Participant, old).deleted_at = utcnow()
        s.add(AuditEntry(action="merge", entity="participant", entity_id=old, after={"into": kept}))
    export_sync(tutor.sessions, tmp_path / "merged.xlsx")
    for target in (coordinator, open_db(tmp_path / "fresh" / "c.sqlite3")):
        apply_import(target, preview_import(target.sessions, [tmp_path / "merged.xlsx"]))
        marks = snapshot(target.sessions)["attendance"]
        assert marks[attendance_id(world.meeting_id, kept)]["deleted_at"] is None
        assert marks[attendance_id(world.meeting_id, old)]["deleted_at"] is not None
        if target is not coordinator:
            target.close(automatic_backup=False)


def test_an_erasure_arriving_by_file_forgets_what_only_the_coordinator_held(pair):
    from pierglass_desktop.domain.models import Attendance
    from pierglass_desktop.services.erasure import erase_person

    tutor, coordinator, world, tmp_path = pair
    with coordinator.sessions.begin() as s:  # written on the coordinator's side only
        s.add(Note(group_id=world.group_id, body="Soitettu LIISA LAINE: palaa syksyllä."))
        mark = s.scalars(select(Attendance.id).where(Attendance.participant_id == world.sharing_id))
        s.add(
            AuditEntry(
                action="update",
                entity="attendance",
                entity_id=mark.one(),
                before={"remark": "Liisa myöhästyi bussin takia"},
            )
        )
    erase_person(tutor, world.sharing_id)
    export_sync(tutor.sessions, tmp_path / "erased.xlsx")
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "erased.xlsx"]))
    with coordinator.sessions() as s:
        redacted = s.scalars(select(Note).where(Note.body.contains("syksyllä"))).one()
        assert redacted.body == "Soitettu […]: palaa syksyllä."
        assert redacted.origin == s.info["origin"]  # redacted here, by this installation
        assert s.scalars(select(AuditEntry).where(AuditEntry.entity == "attendance")).all() == []
        person = s.get(Participant, world.sharing_id)
        assert person.first_name == "" and person.deleted_at is not None
        erase = s.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        assert (person.updated_at, person.origin) >= (erase.updated_at, erase.origin)


def test_a_merge_arriving_by_file_moves_what_only_the_tutor_held(pair):
    """The coordinator merges two records of one person; the tutor's rows made since her last
    export still point at the merged-away record, and her import of the coordinator's file
    moves them to the kept one, as the merge moved the coordinator's own."""
    from datetime import datetime

    from pierglass_desktop.domain.enums import AttendanceStatus, MeetingStatus
    from pierglass_desktop.domain.models import Attendance, Meeting, attendance_id
    from pierglass_desktop.services.duplicates import live_references, merge_participants

    tutor, coordinator, world, tmp_path = pair
    old, kept = world.private_id, world.sharing_id
    with tutor.sessions.begin() as s:  # the tutor's evening after her export
        meeting = Meeting(
            group_id=world.group_id,
            number=2,
            theme="Jaksaminen",
            starts_at=datetime(2026, 3, 12, 17, 0),
            status=MeetingStatus.HELD,
        )
        s.add(meeting)
        s.flush()
        s.add(
            Attendance(meeting_id=meeting.id, participant_id=old, status=AttendanceStatus.PRESENT)
        )
        s.add(Commitment(meeting_id=meeting.id, participant_id=old, text="Kokeilen taukojumppaa"))
        second_meeting = meeting.id
    merge_participants(coordinator.sessions, kept, old)
    export_sync(coordinator.sessions, tmp_path / "merged.xlsx")

    preview = preview_import(tutor.sessions, [tmp_path / "merged.xlsx"])
    assert preview.files[0].status is FileStatus.OK, preview.files[0].reason
    assert not preview.conflicts  # the coordinator had seen the tutor's records it changed
    apply_import(tutor, preview)

    with tutor.sessions() as s:
        assert not any(live_references(s, old).values())
        assert s.get(Participant, old).deleted_at is not None
        mark = s.get(Attendance, attendance_id(second_meeting, kept))
        assert mark is not None and mark.deleted_at is None
        assert mark.status is AttendanceStatus.PRESENT
        owners = {
            c.text: c.participant_id for c in s.scalars(select(Commitment)) if c.deleted_at is None
        }
        assert owners["Kokeilen taukojumppaa"] == kept
        moved = s.get(Attendance, attendance_id(second_meeting, kept))
        assert moved.origin == s.info["origin"]  # moved here, so stamped by this installation

    # The tutor's next file brings the moved rows to the coordinator without a conflict.
    export_sync(tutor.sessions, tmp_path / "next.xlsx")
    preview = preview_import(coordinator.sessions, [tmp_path / "next.xlsx"])
    assert preview.files[0].status is FileStatus.OK and not preview.conflicts
    apply_import(coordinator, preview)
    with coordinator.sessions() as s:
        assert not any(live_references(s, old).values())
        mark = s.get(Attendance, attendance_id(second_meeting, kept))
        assert mark is not None and mark.deleted_at is None


def test_a_correction_by_the_coordinator_reaches_the_tutor_without_a_conflict(pair):
    """The coordinator changed a record after importing the tutor's export: the tutor's own
    version is one the coordinator had seen, so the correction is no conflict, even on the
    tutor's first import from the coordinator."""
    tutor, coordinator, world, tmp_path = pair
    _set(tutor.sessions, Group, world.group_id, description="Tutorin muutos")
    export_sync(tutor.sessions, tmp_path / "second.xlsx")
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "second.xlsx"]))
    _set(coordinator.sessions, Group, world.group_id, description="Koordinaattorin korjaus")
    _carried(coordinator, tutor, tmp_path / "corrected.xlsx")
    assert _description(tutor, world.group_id) == "Koordinaattorin korjaus"


def test_a_change_the_coordinator_has_not_seen_is_a_conflict_at_the_tutor(pair):
    tutor, coordinator, world, tmp_path = pair
    _set(coordinator.sessions, Group, world.group_id, description="Koordinaattorin korjaus")
    _set(tutor.sessions, Group, world.group_id, description="Tutorin muutos")  # never sent
    export_sync(coordinator.sessions, tmp_path / "corrected.xlsx")
    preview = preview_import(tutor.sessions, [tmp_path / "corrected.xlsx"])
    assert [c.record_id for c in preview.conflicts] == [world.group_id]


def test_keeping_mine_in_a_conflict_is_not_undone_by_the_next_file(pair):
    """The older version chosen in a conflict is stamped as changed here: the tutor's next
    file, which still holds her older version, does not overwrite the choice, and the choice
    reaches the tutor as the newer version."""
    tutor, coordinator, world, tmp_path = pair
    preview = _both_edit_the_group(tutor, coordinator, world, tmp_path)
    apply_import(coordinator, preview, Resolution.MINE)
    export_sync(tutor.sessions, tmp_path / "third.xlsx")  # nothing changed since
    apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "third.xlsx"]))
    assert _description(coordinator, world.group_id) == "Koordinaattorin korjaus"
    _carried(coordinator, tutor, tmp_path / "decided.xlsx")
    assert _description(tutor, world.group_id) == "Koordinaattorin korjaus"


def test_a_file_of_chosen_groups_counts_for_those_groups_only(tmp_path):
    """A file of one group moved the "last import" time for every group, so a later whole
    file's change to another group, made before that, slipped past the coordinator's own. For
    the group it carried it does count: the coordinator's correction made after it, to the
    version it brought, is no conflict when the whole file brings that version again."""
    tutor = open_db(tmp_path / "tutor" / "t.sqlite3")
    coordinator = open_db(tmp_path / "coordinator" / "c.sqlite3")
    try:
        first = build_world(tutor.sessions)
        second = build_world(tutor.sessions, group="Fysioterapia Rauma")
        export_sync(tutor.sessions, tmp_path / "whole.xlsx")
        apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "whole.xlsx"]))
        _set(tutor.sessions, Group, first.group_id, description="Ensimmäisen ryhmän muutos")
        _set(tutor.sessions, Group, second.group_id, description="Tutorin muutos")
        _set(coordinator.sessions, Group, second.group_id, description="Koordinaattorin korjaus")
        export_sync(tutor.sessions, tmp_path / "one.xlsx", group_ids=[first.group_id])
        apply_import(coordinator, preview_import(coordinator.sessions, [tmp_path / "one.xlsx"]))
        history = list_imports(coordinator.sessions)
        assert [(r.covers, r.groups) for r in history] == [
            ("1 group", (first.group_id,)),
            ("all groups", None),
        ]
        _set(coordinator.sessions, Group, first.group_id, location="Pori")
        export_sync(tutor.sessions, tmp_path / "all.xlsx")
        preview = preview_import(coordinator.sessions, [tmp_path / "all.xlsx"])
        assert [c.record_id for c in preview.conflicts] == [second.group_id]
        apply_import(coordinator, preview, Resolution.THEIRS)
        with coordinator.sessions() as s:
            group = s.get(Group, first.group_id)
            assert (group.description, group.location) == ("Ensimmäisen ryhmän muutos", "Pori")
    finally:
        tutor.close(automatic_backup=False)
        coordinator.close(automatic_backup=False)


def _holds_bytes(path, *texts: str) -> list[str]:
    found = []
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            data = file.read_bytes()
            found += [f"{file.name}:{t}" for t in texts if t.encode() in data]
    return found


def test_an_import_that_forgets_someone_cleans_the_file_and_names_the_backups_holding_her(pair):
    from pierglass_desktop.services.erasure import erase_person
    from pierglass_desktop.services.sync_import import file_note, forgetting_lines

    tutor, coordinator, world, tmp_path = pair
    traces = ("liisa@example.fi", "Laine")
    assert _holds_bytes(coordinator.path, *traces), "the coordinator holds her before"
    erase_person(tutor, world.sharing_id)
    export_sync(tutor.sessions, tmp_path / "erased.xlsx")
    preview = preview_import(coordinator.sessions, [tmp_path / "erased.xlsx"])
    assert preview.files[0].forgotten == (world.sharing_id,)
    assert file_note(preview.files[0]).startswith("Importing it erases 1 person held here")
    result = apply_import(coordinator, preview)
    assert result.forgotten == (world.sharing_id,)
    assert _holds_bytes(coordinator.path, *traces) == []
    assert result.backup_path in [held.path for held in result.backups_holding]
    assert _holds_bytes(result.backup_path, *traces)  # the backup before the import: it says so
    lines = forgetting_lines(result)
    assert "1 person erased where the files came from was erased here too." in lines[0]
    assert any(result.backup_path.name in line for line in lines)


def test_an_erasure_arriving_by_file_blanks_a_pseudonymised_record_too(pair):
    """The coordinator knew the member only by her pseudonym code and background answers:
    those are personal data too, and the erasure empties them."""
    from pierglass_desktop.services.erasure import erase_person

    tutor, coordinator, world, tmp_path = pair
    with coordinator.sessions() as s:
        held = s.get(Participant, world.private_id)
        assert held.first_name == "" and held.pseudonym and held.birth_year
    erase_person(tutor, world.private_id)
    export_sync(tutor.sessions, tmp_path / "erased.xlsx")
    result = apply_import(
        coordinator, preview_import(coordinator.sessions, [tmp_path / "erased.xlsx"])
    )
    assert result.forgotten == (world.private_id,)
    with coordinator.sessions() as s:
        person = s.get(Participant, world.private_id)
        assert (person.pseudonym, person.birth_year, person.consent_scope) == ("", None, None)
        assert person.deleted_at is not None


def test_erasing_a_person_blanks_a_pseudonymised_record_merged_into_hers(pair):
    from pierglass_desktop.services.duplicates import merge_participants
    from pierglass_desktop.services.erasure import erase_person

    _tutor, coordinator, world, _tmp_path = pair
    merge_participants(coordinator.sessions, world.sharing_id, world.private_id)
    erase_person(coordinator, world.sharing_id)
    with coordinator.sessions() as s:
        for person in (s.get(Participant, world.sharing_id), s.get(Participant, world.private_id)):
            assert (person.first_name, person.pseudonym, person.birth_year) == ("", "", None)


def test_a_group_handed_to_another_tutor_through_the_coordinator_is_no_conflict(pair):
    """Bertta takes over Aino's group from the coordinator's file and edits it: the
    coordinator had not touched it, and Bertta's version grew from the one he holds, which
    her file says she had seen by way of his."""
    _tutor, coordinator, world, tmp_path = pair
    export_sync(coordinator.sessions, tmp_path / "everything.xlsx")
    bertta = open_db(tmp_path / "bertta" / "b.sqlite3")
    try:
        apply_import(bertta, preview_import(bertta.sessions, [tmp_path / "everything.xlsx"]))
        _set(bertta.sessions, Group, world.group_id, description="Bertan suunnitelma")
        _carried(bertta, coordinator, tmp_path / "bertta.xlsx")
    finally:
        bertta.close(automatic_backup=False)
    assert _description(coordinator, world.group_id) == "Bertan suunnitelma"


def test_a_tutor_sent_only_her_group_has_seen_the_coordinators_corrections_to_it(pair):
    """The coordinator sends each tutor her own groups only (a file of chosen groups). The
    tutor's file then says she saw his correction for that group, so her later edit to the
    corrected record is no conflict."""
    tutor, coordinator, world, tmp_path = pair
    _set(coordinator.sessions, Group, world.group_id, location="Pori")
    only_hers = tmp_path / "for-aino.xlsx"
    export_sync(coordinator.sessions, only_hers, group_ids=[world.group_id])
    apply_import(tutor, preview_import(tutor.sessions, [only_hers]))
    _set(tutor.sessions, Group, world.group_id, description="Tutorin muutos")
    _carried(tutor, coordinator, tmp_path / "second.xlsx")
    with coordinator.sessions() as s:
        group = s.get(Group, world.group_id)
        assert (group.location, group.description) == ("Pori", "Tutorin muutos")
