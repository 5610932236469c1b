"""One gettext catalogue for screens, reports and the command line, plus locale formatting.

Use ``_("text")`` at the moment a string is shown; mark module-level strings with ``N_`` and
translate them where they are used, so a language change takes effect without a restart.
"""

from pierglass_desktop.i18n.core import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    N_,
    _,
    current_language,
    in_language,
    ngettext,
    set_language,
    system_language,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "in_language",
    "ngettext",
    "set_language",
    "system_language",
]
