"""Everything that imports PySide6 lives here and nowhere else.

The modules on the way to the first window (``app``, ``main_window``, ``widgets.files`` and
``widgets.messages``) reach Qt's namespace as ``QtCore.Qt`` inside their functions, never with
``from PySide6.QtCore import Qt``: that import builds the namespace's ~200 enums at once, 25 ms
before the window could show (a bare PySide6 window shows in about 140 ms here). The first
function to need it builds it after the first paint (tests/ui/test_app.py sees to it).
"""

import builtins
from collections.abc import Iterator
from contextlib import contextmanager

# Python's own import function, kept before PySide6 puts its hook in its place (this package is
# imported before PySide6 is): see ``data_layer_imports``.
PLAIN_IMPORT = builtins.__import__


@contextmanager
def data_layer_imports() -> Iterator[None]:
    """Import what lies below ``ui`` (SQLAlchemy, the data model, storage) without PySide6's
    import hook.

    PySide6 replaces Python's import function to support ``from __feature__ import …``: after
    every import it reads the new module's whole source to see whether it names PySide6. For
    the ~250 modules of SQLAlchemy and the data model that was 0.1–0.2 s of start-up, spent
    behind the shown window on the way to the first page's data. No module below ``ui``
    imports Qt (and this program uses no ``__feature__``), so they are imported plainly. The
    hook is back when the block ends, unless PySide6 put another in meanwhile (it has more than
    one): then that one stays. An import made meanwhile on another thread is plain too, which
    only leaves it out of a feature switch nobody uses. (Used by the opening thread, and by a
    page's background read, whose services import here the first time.)"""
    hooked = builtins.__import__
    builtins.__import__ = PLAIN_IMPORT
    try:
        yield
    finally:
        if builtins.__import__ is PLAIN_IMPORT:  # a hook put in meanwhile stays
            builtins.__import__ = hooked
