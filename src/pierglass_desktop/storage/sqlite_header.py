"""Telling a plain SQLite file from an encrypted one by its first bytes, with nothing imported:
the window asks this before it shows any passphrase dialog, on its way to the first page."""

from __future__ import annotations

from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# Bytes 21 to 23 of every plain SQLite header (the payload fractions SQLite fixes): a file
# whose first 16 bytes are damaged still has them, and SQLCipher's ciphertext almost never.
PLAIN_PAYLOAD_FRACTIONS = (21, b"\x40\x20\x20")


def is_encrypted(path: Path) -> bool:
    """True for a file that is not plain SQLite but could be SQLCipher's (whole pages)."""
    try:
        size = path.stat().st_size
        if size < 512 or size % 512:
            return False
        with open(path, "rb") as stream:
            head = stream.read(32)
    except OSError:
        return False
    offset, fractions = PLAIN_PAYLOAD_FRACTIONS
    return not (
        head.startswith(SQLITE_HEADER) or head[offset : offset + len(fractions)] == fractions
    )
