"""Every printed document in one list, for the command line's ``print`` and the window's
*Print* menu alike: what it is called, what it needs, where its data comes from (a function in
``services/printouts``) and what draws it (a renderer here, which never reads the database).

The readers and renderers are imported when a document is made: the window builds its Print
menu from this list while its first page loads, and their imports (the agenda's and the
library's services, ReportLab) took 30-60 ms of that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pierglass_desktop.i18n import N_


class Needs(StrEnum):
    SESSION = "session"  # one meeting
    METHODS = "methods"  # methods, or a template's methods, from the library


@dataclass(frozen=True)
class PrintRequest:
    """What the person chose: the session, or the methods/template and cards per page."""

    session_id: str | None = None
    method_ids: tuple[str, ...] = ()
    template_id: str | None = None
    per_page: int = 1


@dataclass(frozen=True)
class Printable:
    name: str
    label: str  # N_(): translate with _() where shown
    needs: Needs
    data: Callable[[Any, PrintRequest], Any]
    render: Callable[[Any, Path], Path]
    default_file: str  # N_(): a file name stem, translated where offered


def _agenda_data(sessions, request: PrintRequest) -> Any:
    from pierglass_desktop.services.printouts import agenda_data

    return agenda_data(sessions, request.session_id)


def _signin_data(sessions, request: PrintRequest) -> Any:
    from pierglass_desktop.services.printouts import signin_data

    return signin_data(sessions, request.session_id)


def _cards_data(sessions, request: PrintRequest) -> Any:
    from pierglass_desktop.services.printouts import cards_data

    return cards_data(sessions, request.method_ids or None, request.template_id, request.per_page)


def _agenda_pdf(data: Any, output: Path) -> Path:
    from pierglass_desktop.reports.agenda_handout import agenda_pdf

    return agenda_pdf(data, output)


def _script_pdf(data: Any, output: Path) -> Path:
    from pierglass_desktop.reports.script import script_pdf

    return script_pdf(data, output)


def _signin_pdf(data: Any, output: Path) -> Path:
    from pierglass_desktop.reports.signin import signin_pdf

    return signin_pdf(data, output)


def _cards_pdf(data: Any, output: Path) -> Path:
    from pierglass_desktop.reports.cards import cards_pdf

    return cards_pdf(data, output)


PRINTABLES: dict[str, Printable] = {
    p.name: p
    for p in (
        Printable(
            "agenda",
            N_("Agenda handout"),
            Needs.SESSION,
            _agenda_data,
            _agenda_pdf,
            N_("agenda"),
        ),
        Printable(
            "script",
            N_("Facilitator's script"),
            Needs.SESSION,
            _agenda_data,
            _script_pdf,
            N_("facilitator-script"),
        ),
        Printable(
            "signin",
            N_("Sign-in sheet"),
            Needs.SESSION,
            _signin_data,
            _signin_pdf,
            N_("sign-in-sheet"),
        ),
        Printable(
            "cards",
            N_("Method cards"),
            Needs.METHODS,
            _cards_data,
            _cards_pdf,
            N_("method-cards"),
        ),
    )
}


def print_document(name: str, sessions, output: Path, request: PrintRequest) -> Path:
    """Read the data (one read transaction), then draw it to ``output`` (written atomically)."""
    printable = PRINTABLES[name]
    return printable.render(printable.data(sessions, request), Path(output))


__all__ = ["PRINTABLES", "Needs", "PrintRequest", "Printable", "print_document"]
