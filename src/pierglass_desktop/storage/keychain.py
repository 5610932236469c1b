"""Secrets the user agreed to keep in the operating system's keyring.

Windows Credential Manager, the macOS Keychain or the Secret Service on Linux, through the
``keyring`` package. A computer without a usable keyring (a bare Linux, a locked session) is
normal: then nothing is remembered and the program asks each time.
"""

from __future__ import annotations

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _

SERVICE = "Pier-glass Desktop"
# The name under which the project's password for exchange files is kept.
PROJECT_PASSWORD = "project-password"


def available() -> bool:
    """True when a real keyring is there to keep a secret."""
    import keyring
    from keyring.backends import fail

    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is no keyring
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def recall(name: str) -> str | None:
    """The secret kept under ``name``, or None when there is none or no keyring answers."""
    import keyring
    from keyring.errors import KeyringError

    if not available():
        return None
    try:
        return keyring.get_password(SERVICE, name) or None
    except KeyringError:  # locked or refused: asking the user is the fallback
        return None


def remember(name: str, secret: str) -> None:
    """Keep ``secret`` under ``name``; one sentence when the keyring cannot."""
    import keyring
    from keyring.errors import KeyringError

    if not available():
        raise StorageError(no_keyring_sentence())
    try:
        keyring.set_password(SERVICE, name, secret)
    except KeyringError as error:
        raise StorageError(
            _("The keyring did not keep the password ({reason}).").format(reason=error)
        ) from error


def forget(name: str) -> None:
    """Remove the secret kept under ``name``, if there is one."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    if not available():
        return
    try:
        keyring.delete_password(SERVICE, name)
    except PasswordDeleteError:
        pass  # nothing was kept
    except KeyringError as error:
        raise StorageError(
            _("The keyring did not forget the password ({reason}).").format(reason=error)
        ) from error


def no_keyring_sentence() -> str:
    return _(
        "This computer has no keyring to keep passwords in, so the program asks for the "
        "password each time."
    )
