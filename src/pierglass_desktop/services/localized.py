"""Texts kept per language, and text as the user typed it, made safe to show anywhere."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pierglass_desktop.i18n import LANGUAGES, current_language

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def localized_text(texts: Mapping[str, str] | None, language: str | None = None) -> str:
    """The text in ``language`` (default: the current one), else any language that has one."""
    texts = texts or {}
    language = language or current_language()
    if texts.get(language):
        return texts[language]
    for code in (*LANGUAGES, *texts):
        if texts.get(code):
            return texts[code]
    return ""


def clean_user_text(value: str) -> str:
    """Text as typed, without control characters (pasted from PDFs) and with \\n line ends:
    what every export, print and screen can show."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()
