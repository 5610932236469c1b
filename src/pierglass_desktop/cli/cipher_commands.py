"""`pierglass encrypt` and `pierglass decrypt`, and unlocking a protected database for any
command: the key kept in the keyring, then ``PIERGLASS_PASSPHRASE``, then the terminal."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument, database_path
from pierglass_desktop.i18n import _
from pierglass_desktop.storage.cipher import PASSPHRASE_ENV


def register(subparsers) -> None:
    encrypt = subparsers.add_parser(
        "encrypt",
        help=_("protect the database with a passphrase (SQLCipher)"),
        description=_(
            "Encrypts the database file and its backups. The passphrase comes from "
            "$PIERGLASS_PASSPHRASE or is asked twice. Prints a recovery key that opens the file "
            "without the passphrase: write it down and keep it apart from the computer."
        ),
    )
    encrypt.add_argument(
        "--remember",
        action="store_true",
        help=_("keep the key in this computer's keyring, so it is not asked at each start"),
    )
    add_database_argument(encrypt)
    encrypt.set_defaults(handler=run_encrypt)
    decrypt = subparsers.add_parser(
        "decrypt", help=_("remove the passphrase protection: write the database plain again")
    )
    add_database_argument(decrypt)
    decrypt.set_defaults(handler=run_decrypt)


def _database_file(args: argparse.Namespace) -> Path:
    """The database file to convert; a server database is refused in a sentence."""
    from pierglass_desktop.domain.errors import ValidationError

    location = database_path(args)
    if not isinstance(location, Path):
        raise ValidationError(
            _(
                "A database on a server is protected by the server (its disk encryption and "
                "TLS connections); a passphrase protects a database file."
            )
        )
    return location.expanduser().resolve()


def run_encrypt(args: argparse.Namespace) -> int:
    from pierglass_desktop.storage import cipher, keychain

    path = _database_file(args)
    done = cipher.protect_database(path, _new_passphrase())
    print(_("{path} is now protected with a passphrase.").format(path=path))
    print(cipher.protected_sentence(done.removed_backups))
    print(_("Recovery key (opens the file without the passphrase; keep it on paper):"))
    print("  " + done.recovery_key)
    if args.remember:
        key = cipher.key_for(path)
        if key is not None:
            keychain.remember(cipher.KEYRING_PREFIX + str(path), key)
            print(_("The key is kept in this computer's keyring."))
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    from pierglass_desktop.storage import cipher, keychain

    path = _database_file(args)
    cipher.unprotect_database(path)
    keychain.forget(cipher.KEYRING_PREFIX + str(path))
    print(_("{path} is no longer protected with a passphrase.").format(path=path))
    print(
        _(
            "Backups made while it was protected stay protected; the passphrase or the "
            "recovery key opens them."
        )
    )
    return 0


def unlock_for_command(args: argparse.Namespace) -> None:
    """Unlock the command's database if it is encrypted; a plain file needs nothing. A backup
    to restore that was made while the database was protected is unlocked the same way."""
    location = database_path(args)
    if isinstance(location, Path):  # a server database's encryption at rest is the server's
        unlock_file(location.expanduser())
    backup_file = getattr(args, "backup_file", None)
    if backup_file:
        unlock_file(Path(backup_file).expanduser())


def unlock_file(path: Path) -> None:
    from pierglass_desktop.storage import cipher, keychain

    if not path.is_file() or not cipher.is_encrypted(path):
        return
    path = path.resolve()
    if cipher.key_for(path) is not None:
        return
    kept = keychain.recall(cipher.KEYRING_PREFIX + str(path))
    if kept and cipher.opens(path, kept):
        cipher.remember_key(path, kept)
        return
    cipher.unlock(path, _passphrase(path))


def _passphrase(path: Path) -> str:
    from pierglass_desktop.storage.cipher import PassphraseNeeded, needs_passphrase_sentence

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise PassphraseNeeded(
            needs_passphrase_sentence(path)
            + " "
            + _("Set {variable}, or run the command in a terminal.").format(variable=PASSPHRASE_ENV)
        )
    import getpass

    return getpass.getpass(_("Passphrase for {name}: ").format(name=path.name))


def _new_passphrase() -> str:
    from pierglass_desktop.domain.errors import ValidationError

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise ValidationError(
            _("Give the new passphrase in {variable}, or run the command in a terminal.").format(
                variable=PASSPHRASE_ENV
            )
        )
    import getpass

    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("The same passphrase again: ")) != first:
        raise ValidationError(_("The two passphrases differ; nothing was changed."))
    return first
