"""A tutor protects the database with a passphrase: a stolen copy shows nothing (issue 16)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pierglass_desktop import cli
from pierglass_desktop.domain.enums import NoteVisibility
from pierglass_desktop.domain.models import Group, Note, Participant
from pierglass_desktop.storage import backup, cipher
from pierglass_desktop.storage.check import check_database
from pierglass_desktop.storage.database import open_database, reading
from sync_helpers import build_world, open_db, snapshot

PASSPHRASE = "Merituulen-vanha-majakka"
NAME = ("Xanthippa", "Quorrinen")
EMAIL = "xanthippa@example.fi"
NOTE = "Zebulonin kirjanpitokokeilu sujui hyvin"
SECRETS = (*NAME, EMAIL, "Zebulonin", "kirjanpitokokeilu")


@pytest.fixture(autouse=True)
def no_keys_left():
    yield
    for path in list(cipher._keys):
        cipher.forget_key(path)


@pytest.fixture
def tutor_db(tmp_path):
    path = tmp_path / "tutor.sqlite3"
    with open_db(path) as db:
        build_world(db.sessions, people=(NAME, ("Jussi", "Jokinen")), text=NOTE)
    return path


def strings(path) -> str:
    """What `strings -a` finds: runs of four or more printable characters, ASCII and UTF-8."""
    data = path.read_bytes()
    runs = re.findall(rb"[\x20-\x7e\x80-\xff]{4,}", data)
    found = "\n".join(r.decode("utf-8", "replace") for r in runs)
    if shutil.which("strings"):
        found += subprocess.run(["strings", "-a", str(path)], capture_output=True, text=True).stdout
    return found


def file_hash(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_strings_over_the_protected_database_its_wal_and_a_backup_find_nothing(tutor_db):
    assert any(s in strings(tutor_db) for s in SECRETS)  # the plain file gives them away
    done = cipher.protect_database(tutor_db, PASSPHRASE)
    assert re.fullmatch(r"([0-9A-F]{4}-){15}[0-9A-F]{4}", done.recovery_key)
    cipher.forget_key(tutor_db)  # as after a restart
    cipher.unlock(tutor_db, PASSPHRASE)
    db = open_database(tutor_db)
    try:
        with db.sessions.begin() as s:  # a new note: it sits in the WAL until a checkpoint
            group = s.scalars(select(Group)).first()
            note = Note(group_id=group.id, body=NOTE + " Q", visibility=NoteVisibility.GROUP)
            s.add(note)
        wal = tutor_db.with_name(tutor_db.name + "-wal")
        assert wal.stat().st_size > 0
        copy = backup.make_backup(tutor_db, "manual")
        for path in (tutor_db, wal, copy):
            seen = strings(path)
            assert not [s for s in SECRETS if s in seen], path.name
    finally:
        db.close(automatic_backup=False)
    assert cipher.is_encrypted(copy) and check_database(copy).ok


def test_a_wrong_passphrase_says_so_and_changes_nothing(tutor_db):
    cipher.protect_database(tutor_db, PASSPHRASE)
    cipher.forget_key(tutor_db)
    before = file_hash(tutor_db)
    with pytest.raises(cipher.WrongPassphrase) as refused:
        cipher.unlock(tutor_db, "merituulen-vanha-majakka")
    assert str(refused.value).startswith("That passphrase does not open")
    with pytest.raises(cipher.PassphraseNeeded):  # still locked: nothing opens it
        open_database(tutor_db)
    assert file_hash(tutor_db) == before
    assert not tutor_db.with_name(tutor_db.name + "-wal").exists()


def test_protect_then_unprotect_gives_back_the_same_records(tutor_db):
    with open_database(tutor_db) as db:
        before = snapshot(db.sessions)
    cipher.protect_database(tutor_db, PASSPHRASE)
    with open_database(tutor_db) as db:
        assert snapshot(db.sessions) == before
    cipher.unprotect_database(tutor_db)
    assert not cipher.is_encrypted(tutor_db)
    with open_database(tutor_db) as db:
        assert snapshot(db.sessions) == before
    with reading(tutor_db) as sessions, sessions() as s:  # plain sqlite3 reads it as before
        assert s.scalar(select(Participant.email).where(Participant.first_name == NAME[0]))


def test_the_recovery_key_opens_the_file_without_the_passphrase(tutor_db):
    done = cipher.protect_database(tutor_db, PASSPHRASE)
    cipher.forget_key(tutor_db)
    cipher.unlock(tutor_db, done.recovery_key.lower().replace("-", " "))
    with reading(tutor_db) as sessions, sessions() as s:
        assert s.scalar(select(Participant.email).where(Participant.first_name == NAME[0])) == EMAIL


def test_protecting_removes_the_plain_backups_and_keeps_an_encrypted_one(tutor_db):
    plain = backup.make_backup(tutor_db, "manual")
    done = cipher.protect_database(tutor_db, PASSPHRASE)
    assert not plain.exists() and done.removed_backups >= 1
    (kept,) = backup.list_backups(tutor_db)
    assert kept.name.endswith("-protected.sqlite3") and cipher.is_encrypted(kept)
    assert "SSD" in cipher.protected_sentence(done.removed_backups)


def test_a_short_passphrase_is_refused_before_anything_changes(tutor_db):
    before = file_hash(tutor_db)
    with pytest.raises(Exception, match="at least 8 characters"):
        cipher.protect_database(tutor_db, "lyhyt")
    assert file_hash(tutor_db) == before and not cipher.is_encrypted(tutor_db)


def test_restore_takes_back_an_encrypted_backup(tutor_db):
    from pierglass_desktop.storage.restore import restore_backup

    cipher.protect_database(tutor_db, PASSPHRASE)
    (kept,) = backup.list_backups(tutor_db)
    restore_backup(kept, tutor_db)
    assert cipher.is_encrypted(tutor_db) and check_database(tutor_db).ok


# --- the command line ---------------------------------------------------------------------


def test_commands_encrypt_check_and_decrypt_with_the_passphrase(
    tutor_db, capsys, monkeypatch, memory_keyring
):
    monkeypatch.setenv("PIERGLASS_PASSPHRASE", PASSPHRASE)
    assert cli.main(["encrypt", "--remember", "--database", str(tutor_db)]) == 0
    out = capsys.readouterr().out
    assert "Recovery key" in out and "SSD" in out
    assert memory_keyring.get_password("Pier-glass Desktop", "database-key:" + str(tutor_db))

    cipher.forget_key(tutor_db)
    monkeypatch.delenv("PIERGLASS_PASSPHRASE")  # the kept key opens it now
    assert cli.main(["check", "--database", str(tutor_db)]) == 0
    assert "Protected with a passphrase: yes" in capsys.readouterr().out

    cipher.forget_key(tutor_db)
    monkeypatch.setenv("PIERGLASS_PASSPHRASE", PASSPHRASE)
    assert cli.main(["decrypt", "--database", str(tutor_db)]) == 0
    assert not cipher.is_encrypted(tutor_db)
    assert cli.main(["check", "--database", str(tutor_db)]) == 0
    assert "Protected with a passphrase: no" in capsys.readouterr().out


def test_a_command_without_the_passphrase_says_how_to_give_it(tutor_db, capsys, monkeypatch):
    cipher.protect_database(tutor_db, PASSPHRASE)
    cipher.forget_key(tutor_db)
    before = file_hash(tutor_db)
    assert cli.main(["list", "groups", "--database", str(tutor_db)]) == 1
    err = capsys.readouterr().err
    assert "protected with a passphrase" in err and "PIERGLASS_PASSPHRASE" in err
    monkeypatch.setenv("PIERGLASS_PASSPHRASE", "not the passphrase")
    assert cli.main(["list", "groups", "--database", str(tutor_db)]) == 1
    assert "does not open" in capsys.readouterr().err
    assert file_hash(tutor_db) == before


def test_erasing_a_person_from_a_protected_database_names_the_backups_that_hold_them(tutor_db):
    from pierglass_desktop.services import erasure

    cipher.protect_database(tutor_db, PASSPHRASE)  # its first backup is encrypted, and holds her
    with open_database(tutor_db) as db:
        with db.sessions() as s:
            person = s.scalar(select(Participant.id).where(Participant.first_name == NAME[0]))
        plan = erasure.plan_erasure(db, person)
        assert len(plan.backups_holding) == 1  # read with the database's key
        erasure.erase_person(db, person)  # VACUUM and checkpoint through SQLCipher
        with db.sessions() as s:
            assert s.get(Participant, person).first_name == ""


def test_a_protected_backup_restores_into_the_decrypted_database(tutor_db, capsys, monkeypatch):
    cipher.protect_database(tutor_db, PASSPHRASE)
    (kept,) = backup.list_backups(tutor_db)
    cipher.unprotect_database(tutor_db)
    cipher.forget_key(tutor_db)
    monkeypatch.setenv("PIERGLASS_PASSPHRASE", PASSPHRASE)
    assert cli.main(["restore", str(kept), "--database", str(tutor_db)]) == 0, capsys.readouterr()
    assert cipher.is_encrypted(tutor_db)  # the file is as the backup was: protected


@settings(max_examples=200, deadline=None)
@given(
    key=st.binary(min_size=32, max_size=32),
    separator=st.sampled_from(["-", " ", "", "\n", " - "]),
    lower=st.booleans(),
)
def test_a_recovery_key_typed_in_any_grouping_or_case_is_the_raw_key(key, separator, lower):
    written = cipher.recovery_key_text(key.hex()).replace("-", separator)
    typed = written.lower() if lower else written
    assert cipher.derive_key(typed, b"\0" * 16) == key.hex()


@settings(max_examples=10, deadline=None)  # each stretch costs ~0.1 s on purpose
@given(passphrase=st.text(min_size=1, max_size=40))
def test_a_passphrase_is_stretched_with_the_salt(passphrase):
    first = cipher.derive_key(passphrase, b"a" * 16)
    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert first != cipher.derive_key(passphrase, b"b" * 16)


@settings(max_examples=5, deadline=None)
@given(passphrase=st.text(min_size=1, max_size=40), salt=st.binary(min_size=16, max_size=16))
def test_a_passphrase_gives_the_key_files_were_protected_with_before(passphrase, salt):
    """Files protected by earlier versions (the key stretched with hashlib's scrypt) still
    open with their passphrase."""
    before = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=2**15, r=8, p=1, maxmem=2**26, dklen=32
    )
    assert cipher.derive_key(passphrase, salt) == before.hex()


def test_the_sentence_after_protecting_counts_backups_only_when_there_were_some():
    assert cipher.protected_sentence(0).startswith("The unprotected file was deleted.")
    assert cipher.protected_sentence(2).startswith(
        "The unprotected file and 2 unprotected backups were deleted."
    )


def test_a_protected_database_copied_into_a_new_file_stays_protected(
    tutor_db, tmp_path, capsys, monkeypatch
):
    """`pierglass copy --from` unlocks the protected file with the passphrase, and the new file
    is protected with the same one: a copy must not give away what the original keeps."""
    cipher.protect_database(tutor_db, PASSPHRASE)
    cipher.forget_key(tutor_db)  # as in a new terminal
    monkeypatch.setenv("PIERGLASS_PASSPHRASE", PASSPHRASE)
    copied = tmp_path / "copied.sqlite3"
    assert cli.main(["copy", "--from", str(tutor_db), "--to", str(copied)]) == 0
    assert "same passphrase" in capsys.readouterr().out
    assert cipher.is_encrypted(copied)
    assert not [s for s in SECRETS if s in strings(copied)]

    for path in list(cipher._keys):  # a later day: the passphrase alone opens the copy
        cipher.forget_key(path)
    cipher.unlock(copied, PASSPHRASE)
    with reading(copied) as sessions, sessions() as s:
        names = set(s.execute(select(Participant.first_name)).scalars())
    assert NAME[0] in names
    monkeypatch.delenv("PIERGLASS_PASSPHRASE")
    assert cli.main(["check", "--database", str(copied)]) == 0


def test_a_plain_file_with_a_damaged_header_is_called_damaged_not_protected(
    tutor_db, capsys, monkeypatch
):
    """Its first 16 bytes are lost, but the rest of the header is plain SQLite's: asking for a
    passphrase would send the tutor looking for one that never existed."""
    data = bytearray(tutor_db.read_bytes())
    data[:16] = bytes(16)
    tutor_db.write_bytes(bytes(data))
    assert not cipher.is_encrypted(tutor_db)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli.main(["list", "groups", "--database", str(tutor_db)]) == 1
    err = capsys.readouterr().err
    assert "passphrase" not in err and "damaged" in err


@given(
    salt=st.binary(min_size=16, max_size=16),
    page=st.binary(min_size=496, max_size=496),
    plain_tail=st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_bytes_that_could_be_sqlcipher_pages_count_as_encrypted(
    tmp_path_factory, salt, page, plain_tail
):
    """SQLCipher's first page is a salt and ciphertext: only the three fixed bytes of a plain
    header (offsets 21 to 23) tell a damaged plain file apart, and ciphertext rarely has them."""
    if plain_tail:
        page = page[:5] + b"\x40\x20\x20" + page[8:]
    path = tmp_path_factory.mktemp("cipher") / "maybe.sqlite3"
    path.write_bytes(salt + page)
    plain_tail = page[5:8] == b"\x40\x20\x20"
    assert cipher.is_encrypted(path) == (salt != b"SQLite format 3\x00" and not plain_tail)
