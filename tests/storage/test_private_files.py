"""Personal data stays readable by its owner only, whatever the umask (issue 16)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from pierglass_desktop import cli, private_files
from pierglass_desktop.storage import backup
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.storage.lock import lock_path_for

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (issue 16)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def permissive_umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@pytest.fixture(autouse=True)
def nothing_left_to_announce():
    private_files.take_tightened()
    yield
    private_files.take_tightened()


def test_new_database_its_wal_lock_and_backups_are_private(tmp_path, permissive_umask):
    path = tmp_path / "tutor.sqlite3"
    db = open_database(path)
    try:
        with db.engine.begin() as connection:  # a write: the WAL and SHM files exist now
            connection.exec_driver_sql("UPDATE app_meta SET value = value")
        made = [path, Path(f"{path}-wal"), Path(f"{path}-shm"), lock_path_for(path)]
        assert all(p.exists() for p in made)
        assert {p.name: mode(p) for p in made} == {p.name: 0o600 for p in made}
        kept = backup.make_backup(path, "manual")
        assert mode(kept) == 0o600
        assert mode(kept.parent) == 0o700
    finally:
        db.close(automatic_backup=False)
    assert private_files.take_tightened() == []  # made private: nothing to announce


def test_data_folder_is_created_private(tmp_path, monkeypatch, permissive_umask):
    from pierglass_desktop.paths import data_dir

    monkeypatch.setenv("PIERGLASS_DATA_DIR", str(tmp_path / "new" / "data"))
    folder = data_dir()
    assert mode(folder) == 0o700
    assert mode(folder.parent) == 0o700  # made here too, on the way


@pytest.mark.sqlite_only
def test_backup_to_a_chosen_file_is_private(database, tmp_path, permissive_umask):
    copy = backup.backup_to(database.path, tmp_path / "usb" / "copy.sqlite3")
    assert mode(copy) == 0o600


def test_exported_workbook_and_printout_are_private(database, tmp_path, permissive_umask):
    from reportlab.platypus import Paragraph

    from pierglass_desktop.reports.pdf_base import build_pdf, styles
    from pierglass_desktop.services.sync_export import export_sync

    workbook = export_sync(database.sessions, tmp_path / "export.xlsx").output
    printout = build_pdf(
        tmp_path / "sheet.pdf", [Paragraph("Sign-in", styles()["body"])], title="Sign-in"
    )
    assert (mode(workbook), mode(printout)) == (0o600, 0o600)


def test_files_an_older_version_left_open_are_tightened_and_said_once(tmp_path, capsys):
    path = tmp_path / "old.sqlite3"
    open_database(path).close()  # a daily backup too
    (kept,) = backup.list_backups(path)
    for loose in (path, lock_path_for(path), kept):
        os.chmod(loose, 0o644)
    os.chmod(kept.parent, 0o755)

    out = tmp_path / "export.xlsx"
    assert (
        cli.main(["export", "sync", "--no-encrypt", "--output", str(out), "--database", str(path)])
        == 0
    )
    said = capsys.readouterr().err
    assert "4 files with personal data could be read by other users" in said
    assert [mode(p) for p in (path, lock_path_for(path), kept)] == [0o600] * 3
    assert mode(kept.parent) == 0o700

    assert (
        cli.main(["export", "sync", "--no-encrypt", "--output", str(out), "--database", str(path)])
        == 0
    )
    assert "could be read by other users" not in capsys.readouterr().err


def test_tightening_is_said_in_finnish(finnish):
    notice = private_files.tightened_notice([Path("a")])
    assert "could be read" not in notice and notice
