"""The program speaks Finnish from its installed catalogue, and picks it from a Finnish system."""

from __future__ import annotations

import argparse
import gettext
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pierglass_desktop.i18n import _, current_language, ngettext, set_language
from pierglass_desktop.i18n.core import DOMAIN, localedir
from pierglass_desktop.paths import resources_dir

SRC = Path(__file__).resolve().parents[2] / "src"


def test_finnish_comes_from_the_catalogue_shipped_in_the_package(finnish):
    found = gettext.find(DOMAIN, localedir(), languages=["fi"])
    assert found is not None and Path(found).is_relative_to(resources_dir())
    assert current_language() == "fi"
    assert _("Integrity: ok") == "Eheys: kunnossa"
    assert _("Page {page}").format(page=3) == "Sivu 3"


def test_finnish_plural_forms_follow_the_count(finnish):
    one = ngettext("Integrity: {count} problem found", "Integrity: {count} problems found", 1)
    many = ngettext("Integrity: {count} problem found", "Integrity: {count} problems found", 4)
    assert one.format(count=1) == "Eheys: löytyi 1 ongelma"
    assert many.format(count=4) == "Eheys: löytyi 4 ongelmaa"


def test_switching_back_to_english_takes_effect_at_once(finnish):
    assert _("Integrity: ok") == "Eheys: kunnossa"
    set_language("en")
    assert _("Integrity: ok") == "Integrity: ok"


def test_tutor_checks_the_database_and_reads_the_result_in_finnish(finnish, database, capsys):
    from pierglass_desktop.cli.database_commands import run_check

    database.close(automatic_backup=False)
    exit_code = run_check(argparse.Namespace(database=str(database.path), quick=True))
    out = capsys.readouterr().out
    assert exit_code == 0
    assert "Tietokanta:" in out and "Eheys: kunnossa" in out


def _system_language(**environment: str) -> str:
    """What a fresh process decides from nothing but these locale variables."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(SRC), **environment}
    code = "from pierglass_desktop.i18n import system_language; print(system_language())"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "fi_FI.UTF-8"}, "fi"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "C"}, "en"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "sv:fi", "LANG": "sv_FI.UTF-8"}, "fi"),
    ],
)
def test_language_follows_the_system_locale(environment, expected):
    assert _system_language(**environment) == expected


def test_locale_names_of_every_platform_map_to_our_languages():
    from pierglass_desktop.i18n.core import language_code

    assert language_code("fi_FI.UTF-8") == "fi"
    assert language_code("fi-FI") == "fi"
    assert language_code("Finnish_Finland.1252") == "fi"
    assert language_code("English_United Kingdom.1252") == "en"
    assert language_code("sv_FI") is None
    assert language_code("C") is None
