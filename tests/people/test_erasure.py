"""A year later Liisa asks to be forgotten: nothing of her is left in the file, its log or a
new backup, and everyone else is untouched."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from people_fixtures import BUSINESS_ID, COMPANY, EMAIL, NAME, PHONE
from pierglass_desktop.cli import main
from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.domain.meetings import AgendaItem, Attendance, Note
from pierglass_desktop.domain.people import Participant
from pierglass_desktop.domain.records import AuditEntry
from pierglass_desktop.services import erasure
from pierglass_desktop.storage.backup import make_backup
from pierglass_desktop.storage.database import open_database

TRACES = [NAME[0], NAME[1], EMAIL, PHONE, BUSINESS_ID, BUSINESS_ID.replace("-", ""), COMPANY]


def _traces(path) -> list[str]:
    found = []
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            data = file.read_bytes().lower()
            found += [f"{file.name}:{t}" for t in TRACES if t.lower().encode() in data]
    return found


@pytest.fixture
def db(project):
    database = open_database(project.path)
    yield database
    database.close(automatic_backup=False)


def _counts(sessions, person_id):
    with sessions() as s:
        return {
            "people": s.scalar(select(func.count()).select_from(Participant)),
            "others_marks": s.scalar(
                select(func.count()).where(Attendance.participant_id != person_id)
            ),
        }


def test_after_erasure_no_byte_of_the_person_is_in_the_file_its_wal_or_a_new_backup(project, db):
    assert _traces(project.path), "the fixture should hold the person before erasure"
    old_backup = make_backup(project.path, "before-library-import")
    before = _counts(db.sessions, project.person_id)
    plan = erasure.plan_erasure(db, project.person_id)
    assert plan.counts["attendance"] > 0 and plan.counts["notes_mentioning"] == 1
    result = erasure.erase_person(db, project.person_id)
    assert [h.path for h in result.backups_holding] == [old_backup]
    assert _traces(project.path) == []
    fresh = make_backup(project.path, "after")
    assert _traces(fresh) == []
    after = _counts(db.sessions, project.person_id)
    assert after == before  # the tombstone stays; other people's marks are all there
    with db.sessions() as s:
        tomb = s.get(Participant, project.person_id)
        assert tomb.deleted_at is not None
        assert (tomb.first_name, tomb.email, tomb.business_id, tomb.pseudonym) == ("",) * 4
        erase = s.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
        assert (erase.entity, erase.entity_id) == ("participant", project.person_id)
        assert erase.before is None and erase.after is None and erase.reason == ""
        other = s.get(Participant, project.other_id)
        assert other.first_name and other.deleted_at is None
        redacted = s.scalars(select(Note).where(Note.participant_id == project.other_id))
        assert any("[…]" in n.body and other.first_name in n.body for n in redacted)
        item = s.scalars(select(AgendaItem).where(AgendaItem.responsible == "[…]")).one()
        assert item.responsible_participant_id is None
    erasure.delete_backups(result.backups_holding)
    assert not old_backup.exists()


def test_command_line_asks_first_and_a_no_erases_nothing(project, monkeypatch, capsys):
    before = project.path.read_bytes()
    monkeypatch.setattr("builtins.input", lambda _prompt: "no")
    args = ["person", "erase", project.person_id, "--database", str(project.path)]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert f"Erasing {NAME[0]} {NAME[1]} removes for good" in out and "Nothing was erased" in out
    assert project.path.read_bytes() == before
    assert main([*args, "--yes"]) == 0
    assert "was erased" in capsys.readouterr().out
    assert _traces(project.path) == []
    assert main([*args, "--yes"]) == 0
    assert "erased already; the file was cleaned again" in capsys.readouterr().out
    assert main(["person", "erase", "nobody", "--database", str(project.path)]) == 1
    assert "no participant with the id nobody" in capsys.readouterr().err


def test_a_second_reader_keeps_the_file_from_cleaning_and_erasing_again_finishes(project):
    import sqlite3

    db = open_database(project.path)
    reader = sqlite3.connect(project.path)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM participants").fetchone()  # holds a read snapshot
        with pytest.raises(StorageError, match="erase the person again to finish"):
            erasure.erase_person(db, project.person_id)
        reader.rollback()
        reader.close()
        assert erasure.is_erased(db, project.person_id)
        erasure.make_clean(db)
        assert _traces(project.path) == []
    finally:
        db.close(automatic_backup=False)


def test_erasure_keeps_the_record_that_someone_was_merged_into_the_person(project, db):
    with db.sessions.begin() as s:
        s.add(
            AuditEntry(
                action="merge",
                entity="participant",
                entity_id="0a1b2c3d-0000-4000-8000-000000000001",
                after={"into": project.person_id},
            )
        )
    erasure.erase_person(db, project.person_id)
    with db.sessions() as s:
        kept = s.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).one()
        assert kept.after == {"into": project.person_id}


def test_the_confirmation_says_what_removes_each_backup_that_holds_her(project):
    """Each kind of backup rotates with its own kind only: a backup made by hand goes after
    more backups made by hand, not after imports, and one before an upgrade stays."""
    db = open_database(project.path)
    try:
        for reason in ("manual", "before-restore", "before-sync-import", "before-merge"):
            make_backup(project.path, reason)
        make_backup(project.path, "before-upgrade-from-0004")
        lines = erasure.describe_plan(erasure.plan_erasure(db, project.person_id))
    finally:
        db.close(automatic_backup=False)
    by_kind = {
        kind: next(line for line in lines if f"-{kind}.sqlite3" in line)
        for kind in ("manual", "before-restore", "before-sync-import", "before-merge")
    }
    assert "20 more backups made by hand" in by_kind["manual"]
    assert "20 more restores" in by_kind["before-restore"]
    assert "20 more imports of project files" in by_kind["before-sync-import"]
    assert "20 more merges" in by_kind["before-merge"]
    upgrade = next(line for line in lines if "before-upgrade-from-0004" in line)
    assert "until it is deleted" in upgrade
    assert not [line for line in lines if "upgrade" in line and "import" in line]


OLD_EMAIL = "liisa.old-address@example.org"


def _merged_record(db, project) -> str:
    """An older record of the person, from another group's file, merged into hers."""
    from pierglass_desktop.services.duplicates import merge_participants
    from pierglass_desktop.services.participants import ParticipantInput, create_participant

    old = create_participant(
        db.sessions, ParticipantInput(NAME[0], NAME[1], email=OLD_EMAIL, phone="+358 40 000 111")
    )
    merge_participants(db.sessions, project.person_id, old.id)
    return old.id


@pytest.mark.parametrize("asked", ["kept", "merged away"])
def test_erasing_either_record_of_a_merged_person_erases_both(project, db, asked):
    old_id = _merged_record(db, project)
    chosen = project.person_id if asked == "kept" else old_id
    plan = erasure.plan_erasure(db, chosen)
    assert plan.name == " ".join(NAME) and plan.counts["attendance"] > 0
    erasure.erase_person(db, chosen)
    assert _traces(project.path) == []
    assert OLD_EMAIL.encode() not in project.path.read_bytes()
    with db.sessions() as s:
        for record in (project.person_id, old_id):
            tomb = s.get(Participant, record)
            assert tomb.deleted_at is not None and (tomb.first_name, tomb.email) == ("", "")
        erased = s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "erase"))
        assert sorted(erased) == sorted([project.person_id, old_id])
        merge = s.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).one()
        assert merge.after == {"into": project.person_id}  # sync still redirects
    assert erasure.is_erased(db, old_id) and erasure.is_erased(db, project.person_id)


def test_a_name_written_in_capitals_with_letters_beyond_ascii_is_found_and_redacted(project, db):
    with db.sessions.begin() as s:
        person = s.get(Participant, project.person_id)
        person.first_name, person.last_name = "Åsa", "Äijälä"
        note = s.scalars(select(Note).where(Note.participant_id == project.other_id)).first()
        s.add(Note(group_id=note.group_id, body="Kiitos ÅSA ÄIJÄLÄ, hyvä alustus."))
    plan = erasure.plan_erasure(db, project.person_id)
    assert plan.counts["notes_mentioning"] == 1
    erasure.erase_person(db, project.person_id)
    with db.sessions() as s:
        bodies = list(s.scalars(select(Note.body).where(Note.body.contains("alustus"))))
    assert bodies == ["Kiitos […], hyvä alustus."]
