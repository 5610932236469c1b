"""Encryption at rest with SQLCipher 4 (issue 16): one database file, optionally encrypted.

The key. A passphrase is stretched once with scrypt and the file's own salt (SQLCipher keeps
16 random bytes at the start of an encrypted file) into a 256-bit key. Every connection then
opens with that raw key (``PRAGMA key = "x'…'"``), which skips SQLCipher's own key derivation:
a connection costs well under a millisecond, so the engine's pool, the read-only readers and
the backups need no slow step. The raw key, written in groups, is the *recovery key*: it opens
the file without the passphrase. The keyring keeps the raw key, if the user agrees.

Unlocked keys live in this process only, by file; a file this program has no key for is
tried with the keys it has. A backup carries the key and the salt of its database, so the
passphrase and the recovery key open it too.
A plain file keeps working as before: no key, the standard sqlite3 module.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.storage.sqlite_header import is_encrypted

SALT_BYTES = 16
KEY_BYTES = 32
# scrypt at ~0.1 s: slow for someone guessing, once per start for the user.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
KEYRING_PREFIX = "database-key:"
# The commands (and an unattended window) read the passphrase here, after the keyring.
PASSPHRASE_ENV = "PIERGLASS_PASSPHRASE"
RECOVERY_KEY = re.compile(r"^[0-9a-fA-F]{64}$")

_keys: dict[Path, str] = {}
_guard = threading.Lock()


class PassphraseNeeded(StorageError):
    """The file is encrypted and no key for it has been given in this process."""


class WrongPassphrase(StorageError):
    """The passphrase or recovery key given does not open the file."""


@dataclass(frozen=True)
class Protected:
    """What protecting a database did: the key to write down and the plain copies removed."""

    recovery_key: str
    removed_backups: int


# --- telling and unlocking ------------------------------------------------------------------


def derive_key(secret: str, salt: bytes) -> str:
    """The raw key (hex) for a passphrase and salt; a recovery key is the raw key itself."""
    compact = re.sub(r"[\s-]", "", secret)
    if RECOVERY_KEY.match(compact):
        return compact.lower()
    # cryptography's scrypt, not hashlib's: the frozen app then needs no second OpenSSL for
    # Python's own hashlib and ssl modules (5 MB), and the key is the same.
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    stretched = Scrypt(salt=salt, length=KEY_BYTES, **SCRYPT).derive(secret.encode("utf-8"))
    return stretched.hex()


def recovery_key_text(key: str) -> str:
    """The raw key in 16 groups of four, easy to copy from paper."""
    return "-".join(key[i : i + 4].upper() for i in range(0, len(key), 4))


def unlock(path: Path, secret: str) -> str:
    """Check ``secret`` (a passphrase or the recovery key) against the file; remember its key.

    Raises WrongPassphrase, with the file unchanged, when it does not open the file.
    """
    path = Path(path).expanduser().resolve()
    with open(path, "rb") as stream:
        salt = stream.read(SALT_BYTES)
    key = derive_key(secret, salt)
    if not opens(path, key):
        raise WrongPassphrase(wrong_passphrase_sentence(path))
    remember_key(path, key)
    return key


def remember_key(path: Path, key: str) -> None:
    with _guard:
        _keys[Path(path).resolve()] = key


def forget_key(path: Path) -> None:
    with _guard:
        _keys.pop(Path(path).resolve(), None)


def key_for(path: Path) -> str | None:
    """The key of an encrypted ``path`` in this process, trying the known keys on a new file."""
    path = Path(path).resolve()
    with _guard:
        known = _keys.get(path)
        candidates = list(dict.fromkeys(_keys.values()))
    if known is not None:
        return known
    if not candidates or not is_encrypted(path):
        return None
    for key in candidates:
        if opens(path, key):
            remember_key(path, key)
            return key
    return None


def key_with_salt(path: Path) -> str | None:
    """The key of an encrypted ``path`` with its salt: a copy keyed so keeps the file's salt,
    so the passphrase (stretched with that salt) opens the copy too."""
    key = key_for(path)
    if key is None:
        return None
    with open(path, "rb") as stream:
        return key + stream.read(SALT_BYTES).hex()


def opens(path: Path, key: str) -> bool:
    """True when ``key`` opens the file at ``path`` (read only: nothing is written)."""
    try:
        connection = connect(read_only_uri(path), key, uri=True)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except Exception as error:  # sqlcipher3's DatabaseError: "file is not a database"
        if isinstance(error, OSError):
            raise
        return False
    return True


def read_only_uri(path: Path) -> str:
    flags = "?mode=ro" if Path(f"{path}-wal").exists() else "?mode=ro&immutable=1"
    return Path(path).resolve().as_uri() + flags


def connect(target: str | Path, key: str, *, uri: bool = False, **options: Any) -> Any:
    """A sqlcipher3 connection to ``target`` opened with the raw ``key``."""
    import sqlcipher3

    connection = sqlcipher3.connect(str(target), uri=uri, **options)
    connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our sentence, not a log
    connection.execute(f"PRAGMA key = \"x'{_checked(key)}'\"")
    return connection


def _checked(key: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{64}([0-9a-f]{32})?", key):
        raise ValueError("a raw SQLCipher key is 64 (or 96 with the salt) lower-case hex digits")
    return key


def needs_passphrase_sentence(path: Path) -> str:
    return _(
        "{path} is protected with a passphrase. Give the passphrase (or the recovery key) to "
        "open it; the file has not been changed."
    ).format(path=path)


def wrong_passphrase_sentence(path: Path) -> str:
    return _(
        "That passphrase does not open {path}; the file has not been changed. Check the "
        "keyboard's language and Caps Lock, or use the recovery key."
    ).format(path=path)


def plain_or_keyed(path: Path) -> str | None:
    """The key to open ``path`` with, None for a plain file; PassphraseNeeded otherwise."""
    key = key_for(path)
    if key is None and is_encrypted(path):
        raise PassphraseNeeded(needs_passphrase_sentence(path))
    return key


def sqlite_connect(target: str | Path, path: Path, **options: Any) -> sqlite3.Connection | Any:
    """A connection to ``target`` (the file ``path`` or a URI for it), encrypted or plain."""
    key = plain_or_keyed(path)
    if key is None:
        return sqlite3.connect(target, **options)
    return connect(target, key, **options)


# --- converting a file ----------------------------------------------------------------------


def protect_database(path: Path, passphrase: str) -> Protected:
    """Encrypt the database at ``path`` under its lock, then take its first encrypted backup
    (the plain backups are gone). Close every connection to it first."""
    from pierglass_desktop.storage.backup import make_backup

    path = Path(path).expanduser().resolve()
    with _locked(path):
        done = encrypt_file(path, passphrase)
        make_backup(path, "protected")
    return done


def unprotect_database(path: Path) -> None:
    """Write the encrypted database at ``path`` back as plain SQLite, under its lock."""
    path = Path(path).expanduser().resolve()
    with _locked(path):
        decrypt_file(path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    from pierglass_desktop.storage.faults import storage_faults
    from pierglass_desktop.storage.lock import DatabaseLock

    if not path.is_file():
        raise StorageError(_("There is no database at {path}.").format(path=path))
    with storage_faults(path):
        lock = DatabaseLock(path)
        lock.acquire()
        try:
            yield
        finally:
            lock.release()


def encrypt_file(path: Path, passphrase: str) -> Protected:
    """Encrypt the plain database at ``path`` in place; hold its lock while calling this.

    The copy is written with ``sqlcipher_export`` beside the file, checked (integrity and the
    row count of every table), then moved over the plain file; the plain backups go too.
    """
    from pierglass_desktop.paths import backups_dir_for

    path = Path(path).resolve()
    if is_encrypted(path):
        raise StorageError(_("{path} is protected with a passphrase already.").format(path=path))
    if len(passphrase) < 8 and not RECOVERY_KEY.match(passphrase):
        raise StorageError(_("Choose a passphrase of at least 8 characters."))
    salt = os.urandom(SALT_BYTES)
    key = derive_key(passphrase, salt)
    _convert(path, source_key="", target_key=key + salt.hex(), check_key=key)
    remember_key(path, key)
    removed = _remove_plain_backups(backups_dir_for(path), path.stem)
    return Protected(recovery_key_text(key), removed)


def decrypt_file(path: Path) -> None:
    """Write the encrypted database at ``path`` back as plain SQLite; hold its lock."""
    path = Path(path).resolve()
    key = plain_or_keyed(path)
    if key is None:
        raise StorageError(
            _("{path} is not protected with a passphrase; nothing to do.").format(path=path)
        )
    _convert(path, source_key=key, target_key="", check_key="")
    forget_key(path)


def _convert(path: Path, *, source_key: str, target_key: str, check_key: str) -> None:
    from pierglass_desktop.private_files import create_private_file

    fresh = path.with_name(path.name + ".converting")
    fresh.unlink(missing_ok=True)
    create_private_file(fresh)
    try:
        counts = _export(path, fresh, source_key, target_key)
        _verify(fresh, check_key, counts)
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
        fresh.replace(path)
    finally:
        fresh.unlink(missing_ok=True)


def _export(path: Path, fresh: Path, source_key: str, target_key: str) -> dict[str, int]:
    import sqlcipher3

    source = connect(path, source_key) if source_key else sqlcipher3.connect(str(path))
    try:
        source.isolation_level = None
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _counts(source)
        version = source.execute("PRAGMA user_version").fetchone()[0]
        target = f"x'{target_key}'" if target_key else ""
        source.execute("ATTACH DATABASE ? AS converted KEY ?", (str(fresh), target))
        source.execute("SELECT sqlcipher_export('converted')")
        source.execute(f"PRAGMA converted.user_version = {int(version)}")
        source.execute("DETACH DATABASE converted")
    finally:
        source.close()
    return counts


def _verify(fresh: Path, key: str, counts: dict[str, int]) -> None:
    import sqlcipher3

    copy = connect(fresh, key) if key else sqlcipher3.connect(str(fresh))
    try:
        copy.execute("PRAGMA journal_mode = WAL")
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        copied = _counts(copy)
    finally:
        copy.close()
    if result != "ok" or copied != counts:
        raise StorageError(
            _("The converted copy of the database did not check out; nothing was changed.")
        )


def _counts(connection: Any) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _remove_plain_backups(folder: Path, stem: str) -> int:
    if not folder.is_dir():
        return 0
    plain = [p for p in folder.glob(f"{stem}-*") if p.is_file() and not is_encrypted(p)]
    for old in plain:
        old.unlink(missing_ok=True)
    return len(plain)


def protected_sentence(removed_backups: int) -> str:
    """What became of the plain copies, honestly."""
    deleted = (
        ngettext(
            "The unprotected file and {count} unprotected backup were deleted.",
            "The unprotected file and {count} unprotected backups were deleted.",
            removed_backups,
        ).format(count=removed_backups)
        if removed_backups
        else _("The unprotected file was deleted.")
    )
    return (
        deleted
        + " "
        + _(
            "On SSDs and USB sticks the drive may keep old copies of deleted blocks for a while; "
            "full-disk encryption (BitLocker, FileVault, LUKS) protects those too."
        )
    )


# --- what the other storage modules use -----------------------------------------------------


def database_errors() -> tuple[type[Exception], ...]:
    """sqlite3's DatabaseError, and sqlcipher3's once that driver is in use."""
    import sys

    errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
    driver = sys.modules.get("sqlcipher3.dbapi2")
    return errors + ((driver.DatabaseError,) if driver is not None else ())


def engine_options(path: Path, target: str, **options: Any) -> dict[str, Any]:
    """``create_engine`` options for ``path``: sqlcipher3 as the driver with the key, when the
    file is encrypted (so SQLAlchemy wraps its errors as it wraps sqlite3's); else nothing."""
    key = plain_or_keyed(path)
    if key is None:
        return {}
    import sqlcipher3.dbapi2

    uri = target.startswith("file:")
    return {
        "module": sqlcipher3.dbapi2,
        "creator": lambda: connect(target, key, uri=uri, **options),
    }
