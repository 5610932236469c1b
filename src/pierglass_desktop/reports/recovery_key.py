"""The recovery key of a protected database on one page, to keep apart from the computer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pierglass_desktop.domain.errors import StorageError
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_datetime


def write_recovery_key(output: Path, key: str, database: Path) -> Path:
    """A one-page PDF with the key in large type, the file it opens and what to do with it."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pierglass_desktop.reports.pdf_base import FONT_BOLD, build_pdf, para, styles

    style = styles()
    big = ParagraphStyle("key", parent=style["body"], fontName=FONT_BOLD, fontSize=15, leading=22)
    groups = key.split("-")
    lines = ["-".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    story = [
        para(_("Recovery key"), style["title"]),
        para(_("Database: {path}").format(path=database), style["body"]),
        para(_("Printed {when}").format(when=format_datetime(datetime.now())), style["small"]),
        Spacer(1, 8 * mm),
        *[para(line, big) for line in lines],
        Spacer(1, 8 * mm),
        para(
            _(
                "This key opens the database if its passphrase is forgotten: give it where the "
                "program asks for the passphrase. Anyone who has it can read the database. Keep "
                "this page locked away, apart from the computer."
            ),
            style["body"],
        ),
    ]
    try:
        return build_pdf(Path(output), story, title=_("Recovery key"))
    except OSError as error:
        raise StorageError(
            _("{path} could not be written ({reason}).").format(
                path=output, reason=error.strerror or error
            )
        ) from error
