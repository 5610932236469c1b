"""The navigation's pages, in the order the main window lists them.

Each entry: (key, untranslated label marked with N_, factory taking the AppContext). A page is a
QWidget with a ``refresh()`` slot; it listens to ``context.changes`` for the kinds it shows.
"""
