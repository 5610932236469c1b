"""Password-protected exchange workbooks: the standard Office encryption (ECMA-376 agile).

Excel and LibreOffice Calc open such a file after asking for its password; msoffcrypto-tool
writes and reads it here. An encrypted workbook is an OLE compound file, not a zip, so its
first eight bytes tell it apart. The plain workbook is built in memory and only its encrypted
form touches the disk; reading decrypts into memory and into a private temporary copy for the
readers that want a path, removed at once.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.i18n import _

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class PasswordNeeded(ValidationError):
    """The file is protected and no password was given."""


class WrongPassword(ValidationError):
    """The password given does not open the file."""


def is_protected(path: Path) -> bool:
    """True for an encrypted Office file (an OLE compound file), False for anything else."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(OLE_HEADER)) == OLE_HEADER
    except OSError:
        return False  # the reader that follows says what is wrong with the file


def encrypt(plain: bytes, password: str) -> bytes:
    """The workbook ``plain`` (xlsx bytes) encrypted with ``password``."""
    from msoffcrypto.format.ooxml import OOXMLFile

    if not password:
        raise ValidationError(_("The password cannot be empty."))
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


def decrypt(path: Path, password: str | None) -> bytes:
    """The plain workbook inside the protected file at ``path``; one sentence when it fails."""
    import msoffcrypto
    from msoffcrypto import exceptions

    path = Path(path)
    if not password:
        raise PasswordNeeded(
            _("{name} is protected with a password; enter it to import the file.").format(
                name=path.name
            )
        )
    data = path.read_bytes()  # a refusal of the disk goes up as it is, for its own sentence
    plain = io.BytesIO()
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        office.load_key(password=password, verify_password=True)
        office.decrypt(plain, verify_integrity=True)
    except exceptions.InvalidKeyError:
        raise WrongPassword(
            _("The password does not open {name}; nothing of it was imported.").format(
                name=path.name
            )
        ) from None
    except Exception:  # a damaged container: msoffcrypto and olefile raise many kinds
        raise ValidationError(
            _(
                "{name} is protected with a password but is damaged. Ask its sender for a new "
                "copy. Nothing of it was imported."
            ).format(name=path.name)
        ) from None
    return plain.getvalue()


@contextmanager
def decrypted_copy(path: Path, password: str | None) -> Iterator[Path]:
    """A private temporary copy of the plain workbook, with the same file name, while needed."""
    from pierglass_desktop.private_files import create_private_file

    plain = decrypt(path, password)
    folder = Path(tempfile.mkdtemp(prefix="pierglass-"))  # 0700
    try:
        copy = create_private_file(folder / Path(path).name)
        copy.write_bytes(plain)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def send_password_separately() -> str:
    """The advice every protected export ends with."""
    return _(
        "Send the password another way, by phone or text message; never in the same e-mail as "
        "the file."
    )
