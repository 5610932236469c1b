"""The navigation's pages, in the order the main window lists them.

Each entry: (key, untranslated label marked with N_, factory taking the AppContext). A page is a
QWidget with a ``refresh()`` slot; it listens to ``context.changes`` for the kinds it shows.
Factories import their page module when first called, so start-up loads only the page shown.
Add a page by inserting one entry where it belongs (design order: Today, Groups, Participants,
Sessions, Library, Reports, Import/Export, Settings); the key is kept in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from pierglass_desktop.i18n import N_

PageFactory = Callable[[object], QWidget]


def _today(context) -> QWidget:
    from pierglass_desktop.ui.pages.today import TodayPage

    return TodayPage(context)


def _register(context) -> QWidget:
    from pierglass_desktop.ui.pages.register import RegisterPage

    return RegisterPage(context)


def _groups(context) -> QWidget:
    from pierglass_desktop.ui.pages.groups import GroupsPage

    return GroupsPage(context)


def _participants(context) -> QWidget:
    from pierglass_desktop.ui.pages.participants import ParticipantsPage

    return ParticipantsPage(context)


def _sessions(context) -> QWidget:
    from pierglass_desktop.ui.pages.sessions import SessionsPage

    return SessionsPage(context)


def _library(context) -> QWidget:
    from pierglass_desktop.ui.pages.library import LibraryPage

    return LibraryPage(context)


def _reports(context) -> QWidget:
    from pierglass_desktop.ui.pages.reports import ReportsPage

    return ReportsPage(context)


def _outcomes(context) -> QWidget:
    from pierglass_desktop.ui.pages.outcomes import OutcomesPage

    return OutcomesPage(context)


def _exchange(context) -> QWidget:
    from pierglass_desktop.ui.pages.exchange import ExchangePage

    return ExchangePage(context)


def _project(context) -> QWidget:
    from pierglass_desktop.ui.pages.project import ProjectPage

    return ProjectPage(context)


def _settings(context) -> QWidget:
    from pierglass_desktop.ui.pages.settings import SettingsPage

    return SettingsPage(context)


PAGES: list[tuple[str, str, PageFactory]] = [
    ("today", N_("Today"), _today),
    ("groups", N_("Groups"), _groups),
    ("participants", N_("Participants"), _participants),
    ("sessions", N_("Sessions"), _sessions),
    ("register", N_("Attendance register"), _register),
    ("library", N_("Library"), _library),
    ("reports", N_("Reports"), _reports),
    ("outcomes", N_("Outcomes"), _outcomes),
    ("exchange", N_("Import and export"), _exchange),
    ("project", N_("Project"), _project),
    ("settings", N_("Settings"), _settings),
]
