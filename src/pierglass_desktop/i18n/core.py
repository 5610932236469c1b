"""Loading the gettext catalogue and choosing the language."""

from __future__ import annotations

import gettext
import locale
import os

from pierglass_desktop.paths import resources_dir

DOMAIN = "pierglass"
# Language code -> the name shown in the language picker, in that language.
LANGUAGES: dict[str, str] = {"fi": "suomi", "en": "English"}
DEFAULT_LANGUAGE = "en"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def localedir() -> str:
    return str(resources_dir() / "translations")


def system_language() -> str:
    """The first supported language named by the environment or the OS locale, else English."""
    candidates: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            candidates.extend(value.split(":"))
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    if loc:
        candidates.append(loc)
    for candidate in candidates:
        code = candidate.split(".")[0].split("_")[0].split("-")[0].lower()
        if code in LANGUAGES:
            return code
        if code in ("c", "posix"):
            continue
    return DEFAULT_LANGUAGE


def set_language(language: str | None) -> str:
    """Switch every later ``_()`` to ``language`` (None: follow the system). Returns the code."""
    global _translations, _language
    code = language if language in LANGUAGES else system_language()
    _translations = gettext.translation(
        DOMAIN, localedir=localedir(), languages=[code], fallback=True
    )
    _language = code
    return code


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
