"""`pierglass check | head -1`: a reader that stops reading is no error, and the work is done."""

from __future__ import annotations

import subprocess
import sys

from pierglass_desktop.storage.backup import list_backups
from pierglass_desktop.storage.database import open_database


def _with_stdout_closed(*argv: str) -> subprocess.CompletedProcess:
    """The command with its standard output a pipe nobody reads: closed before it prints."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pierglass_desktop", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    return subprocess.CompletedProcess(argv, process.wait(), "", stderr)


def test_check_read_by_a_reader_that_left_ends_quietly(tmp_path):
    database = tmp_path / "project.sqlite3"
    open_database(database).close(automatic_backup=False)
    result = _with_stdout_closed("check", "--database", str(database))
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
    assert result.returncode == 0


def test_backup_whose_output_nobody_reads_is_still_made(tmp_path):
    database = tmp_path / "project.sqlite3"
    open_database(database).close(automatic_backup=False)
    result = _with_stdout_closed("backup", "--database", str(database))
    assert "Traceback" not in result.stderr
    assert result.returncode == 0
    assert list_backups(database)
