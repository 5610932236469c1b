"""Files that hold personal data are readable by their owner only (issue 16).

On Linux and macOS the program's folders are made 0700 and its files 0600, whatever the umask.
Each file is created empty with that mode before anything writes into it: SQLite, openpyxl and
ReportLab then truncate it and keep the mode, and SQLite gives its WAL, SHM and journal files the
mode of the database itself. A file of ours found with wider modes (made by an older version)
is tightened when it is opened, and remembered so the program can say so once.

Windows keeps the user's profile folder private already; nothing is changed there.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from pierglass_desktop.i18n import ngettext

PRIVATE_FILE = stat.S_IRUSR | stat.S_IWUSR  # 0600
PRIVATE_FOLDER = stat.S_IRWXU  # 0700
SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal", ".lock")

_tightened: list[Path] = []
_tightened_guard = threading.Lock()


def applies() -> bool:
    """Modes mean something on Linux and macOS; Windows uses the profile folder's ACLs."""
    return os.name == "posix"


def create_private_file(path: Path) -> Path:
    """Make ``path`` an empty 0600 file if it does not exist; an existing one is tightened."""
    path = Path(path)
    if not applies():
        return path
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE)  # the umask may have taken bits off, or added some
    finally:
        os.close(descriptor)
    return path


def private_folder(path: Path, *, tighten_existing: bool = True) -> Path:
    """Create ``path`` (and missing parents) as 0700; a folder of ours that exists is tightened.

    A folder the user chose (where they keep a database or an export) is theirs: with
    ``tighten_existing=False`` only a folder made here gets the private mode.
    """
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    path.mkdir(parents=True, exist_ok=True)
    if applies():
        for folder in missing:
            os.chmod(folder, PRIVATE_FOLDER)
        if tighten_existing and not missing:
            tighten(path)
    return path


def tighten(path: Path) -> bool:
    """Take group and other permissions off an existing file or folder; True if it had some."""
    path = Path(path)
    if not applies():
        return False
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    if not stat.S_IMODE(mode) & (stat.S_IRWXG | stat.S_IRWXO):
        return False
    os.chmod(path, PRIVATE_FOLDER if stat.S_ISDIR(mode) else PRIVATE_FILE)
    with _tightened_guard:
        _tightened.append(path)
    return True


def tighten_database(database: Path, backups: Path) -> None:
    """Tighten a database, its side files, its backup folder and the backups in it."""
    for suffix in SIDE_SUFFIXES:
        tighten(Path(f"{database}{suffix}"))
    if backups.is_dir():
        tighten(backups)
        for kept in backups.iterdir():
            if kept.is_file():
                tighten(kept)


def take_tightened() -> list[Path]:
    """The files tightened since the last call, so each is announced once."""
    with _tightened_guard:
        taken = list(_tightened)
        _tightened.clear()
    return taken


def tightened_notice(paths: list[Path]) -> str:
    """One sentence about files that were readable by others and are now private."""
    return ngettext(
        "{count} file with personal data could be read by other users of this computer; "
        "it is now readable by you only.",
        "{count} files with personal data could be read by other users of this computer; "
        "they are now readable by you only.",
        len(paths),
    ).format(count=len(paths))
