"""Telling a plain SQLite file from an encrypted one by its first bytes, with nothing imported:
the window asks this before it shows any passphrase dialog, on its way to the first page."""

from __future__ import annotations

from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def is_encrypted(path: Path) -> bool:
    """True for a file that is not plain SQLite but could be SQLCipher's (whole pages)."""
    try:
        size = path.stat().st_size
        if size < 512 or size % 512:
            return False
        with open(path, "rb") as stream:
            return stream.read(len(SQLITE_HEADER)) != SQLITE_HEADER
    except OSError:
        return False
