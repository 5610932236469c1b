"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

Measured here: every call from Python to a Qt method that returns nothing (``setText``,
``setEnabled``, ``QPainter.fillRect``…) drops one reference to ``None``, and ``Signal.emit``
drops one to ``True``. Python 3.12 made these singletons immortal, so the bindings no longer
count them; on 3.11 the count reaches zero after some tens of thousands of calls and the
interpreter aborts with "none_dealloc" — mid-meeting, on a screen that ticks every second.

``protect_singletons()`` gives ``None``, ``True`` and ``False`` a huge reference count, which is
what 3.12 does. It changes nothing on 3.12 and later. Call it once before the window opens.
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40
_done = False


def protect_singletons() -> bool:
    """Make None, True and False effectively immortal on Python < 3.12; True if it acted."""
    global _done
    if _done or sys.version_info >= (3, 12):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _EXTRA_REFERENCES
    _done = True
    return True
