"""Fixtures for the catalogue tests: the developer tool, and throw-away copies of the catalogues."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

TOOL_PATH = Path(__file__).resolve().parents[2] / "tools" / "i18n.py"


@pytest.fixture(scope="session")
def tool():
    """tools/i18n.py, loaded as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("pierglass_i18n_tool", TOOL_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sandbox(tool, tmp_path):
    """A tiny package with one string, translated and compiled: the catalogues are complete."""
    package = tmp_path / "pierglass_desktop"
    package.mkdir()
    (package / "__init__.py").write_text('__version__ = "9.9"\n', encoding="utf-8")
    (package / "pages.py").write_text("N_('Participants')\n", encoding="utf-8")
    translations = tmp_path / "translations"
    tool.extract(package, translations)
    for language in ("en", "fi"):
        tool.init(language, translations)
    _translate(tool, translations, "Participants", "Osallistujat")
    tool.compile_catalogues(translations)
    assert tool.check(package, translations) == []
    return package, translations


@pytest.fixture(scope="session")
def translate(tool):
    """What a translator does in an editor: fill in msgstr and clear the fuzzy flag."""
    return lambda translations, msgid, text: _translate(tool, translations, msgid, text)


def _translate(tool, translations, msgid, text):
    path = tool.po_path("fi", translations)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="fi")
    catalog.get(msgid).string = text
    catalog.get(msgid).flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)
