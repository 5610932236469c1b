"""Loading the gettext catalogue and choosing the language."""

from __future__ import annotations

import gettext
import locale
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pierglass_desktop.paths import resources_dir

DOMAIN = "pierglass"
# Language code -> the name shown in the language picker, in that language.
LANGUAGES: dict[str, str] = {"fi": "suomi", "en": "English"}
DEFAULT_LANGUAGE = "en"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def localedir() -> str:
    return str(resources_dir() / "translations")


# Windows names locales in words ("Finnish_Finland.1252"); map the words to our codes.
_LANGUAGE_WORDS = {"finnish": "fi", "english": "en"}


def system_language() -> str:
    """The first supported language named by the environment or the OS locale, else English."""
    candidates: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            candidates.extend(value.split(":"))
    candidates.extend(_os_locales())
    for candidate in candidates:
        code = language_code(candidate)
        if code:
            return code
    return DEFAULT_LANGUAGE


def language_code(locale_name: str) -> str | None:
    """Our code for a locale name like fi_FI.UTF-8, fi-FI, Finnish_Finland.1252; else None."""
    head = locale_name.split(".")[0].replace("-", "_").split("_")[0].lower()
    if head in LANGUAGES:
        return head
    return _LANGUAGE_WORDS.get(head)


def _os_locales() -> list[str]:
    """What the operating system says when the environment is silent (Windows, macOS apps)."""
    found: list[str] = []
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    if loc:
        found.append(loc)
    if sys.platform == "win32":
        import ctypes

        buffer = ctypes.create_unicode_buffer(85)
        if ctypes.windll.kernel32.GetUserDefaultLocaleName(buffer, len(buffer)):
            found.append(buffer.value)
    elif sys.platform == "darwin":
        import subprocess

        try:
            out = subprocess.run(
                ["defaults", "read", "-g", "AppleLanguages"],
                capture_output=True,
                text=True,
                timeout=2,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        found.extend(part.strip(' "()\n,') for part in out.split("\n") if part.strip(' "()\n,'))
    return found


def set_language(language: str | None) -> str:
    """Switch every later ``_()`` to ``language`` (None: follow the system). Returns the code."""
    global _translations, _language
    code = language if language in LANGUAGES else system_language()
    _translations = gettext.translation(
        DOMAIN, localedir=localedir(), languages=[code], fallback=True
    )
    _language = code
    return code


# A document printed in another language than the program's: set for one thread only (a
# worker rendering a report), so the window's own strings never change meanwhile.
_document: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar(
    "document_language", default=None
)


@contextmanager
def in_language(language: str | None) -> Iterator[str]:
    """``_()`` speaks ``language`` in this thread until the block ends (None: no change)."""
    if language not in LANGUAGES:
        yield current_language()
        return
    found = gettext.translation(DOMAIN, localedir=localedir(), languages=[language], fallback=True)
    token = _document.set((language, found))
    try:
        yield language
    finally:
        _document.reset(token)


def current_language() -> str:
    document = _document.get()
    return document[0] if document else _language


def _active() -> gettext.NullTranslations:
    document = _document.get()
    return document[1] if document else _translations


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
