"""Where the command line finds the password of an exchange file.

In order: the project password kept in the keyring (if the user agreed to keep it there), then
``PIERGLASS_EXPORT_PASSWORD``, then a question on the terminal. A script without a terminal
and without either gets one sentence, never a hanging prompt.
"""

from __future__ import annotations

import os
import sys

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.i18n import _

PASSWORD_ENV = "PIERGLASS_EXPORT_PASSWORD"


def add_encrypt_arguments(parser, *, what: str) -> None:
    """``--encrypt`` (the default: the file holds personal data) and ``--no-encrypt``."""
    import argparse

    parser.add_argument(
        "--encrypt",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=what,
    )


def project_password(*, confirm: bool) -> str:
    """The project password for an exchange file: keyring, environment, then the terminal."""
    from pierglass_desktop.storage import keychain

    kept = keychain.recall(keychain.PROJECT_PASSWORD)
    return kept or file_password(confirm=confirm)


def file_password(*, confirm: bool) -> str:
    """A password from ``PIERGLASS_EXPORT_PASSWORD`` or the terminal (not the keyring)."""
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise ValidationError(
            _(
                "The file is protected with a password, but there is none to use: set "
                "{variable}, keep the project password in the keyring (Settings), or run the "
                "command in a terminal."
            ).format(variable=PASSWORD_ENV)
        )
    return _ask(confirm)


def _ask(confirm: bool) -> str:
    import getpass

    password = getpass.getpass(_("Password for the file: "))
    if not password:
        raise ValidationError(_("The password cannot be empty."))
    if confirm and getpass.getpass(_("The same password again: ")) != password:
        raise ValidationError(_("The two passwords differ; nothing was written."))
    return password


def say_send_separately() -> None:
    from pierglass_desktop.exchange.protected import send_password_separately

    print(_("The file is protected with a password.") + " " + send_password_separately())
