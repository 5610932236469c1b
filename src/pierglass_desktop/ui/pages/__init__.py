"""The navigation's pages, in the order the main window lists them.

Each entry: (key, untranslated label marked with N_, factory taking the AppContext). A page is a
QWidget with a ``refresh()`` slot; it listens to ``context.changes`` for the kinds it shows.
"""


# Sessions and Library (planning, issue 3), placed after Participants as the design orders them.
def _sessions(context):
    from pierglass_desktop.ui.pages.sessions import SessionsPage

    return SessionsPage(context)


def _library(context):
    from pierglass_desktop.ui.pages.library import LibraryPage

    return LibraryPage(context)


def _planning_pages() -> list:
    from pierglass_desktop.i18n import N_

    return [("sessions", N_("Sessions"), _sessions), ("library", N_("Library"), _library)]


PAGES = globals().get("PAGES", [])
_after = next((n + 1 for n, page in enumerate(PAGES) if page[0] == "participants"), len(PAGES))
PAGES[_after:_after] = _planning_pages()
