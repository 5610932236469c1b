"""`pierglass --version` and a command's own help answer without loading the window."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pierglass_desktop

SOURCE_ROOT = Path(pierglass_desktop.__file__).resolve().parents[1]

PROBE = """
import json, sys
from pierglass_desktop.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
loaded = sorted(sys.modules)
print(json.dumps(loaded), file=sys.stderr)
"""


def _modules_loaded(*argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SOURCE_ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_version_does_not_load_the_window_or_the_data_model():
    packages = _packages(_modules_loaded("--version"))
    assert "PySide6" not in packages and "sqlalchemy" not in packages


def test_a_command_builds_only_its_own_parser(tmp_path):
    loaded = _modules_loaded("list", "tutors", "--database", str(tmp_path / "none.sqlite3"))
    commands = {name for name in loaded if name.startswith("pierglass_desktop.cli.")}
    assert "pierglass_desktop.cli.list_commands" in commands
    assert not commands & {
        "pierglass_desktop.cli.sync_commands",
        "pierglass_desktop.cli.print_commands",
        "pierglass_desktop.cli.report_commands",
    }
    assert "PySide6" not in _packages(loaded)


def test_opening_the_window_builds_no_command_parsers():
    from pierglass_desktop.cli import command_modules

    assert command_modules([]) == ()
    assert command_modules(["--database", "list", "--language", "fi"]) == ()  # a file named list
    assert command_modules(["--language", "fi", "list"]) == ("pierglass_desktop.cli.list_commands",)


def test_help_still_lists_every_command(capsys):
    import pytest

    from pierglass_desktop.cli import COMMANDS, main

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for names in COMMANDS.values() for name in names)


def test_a_word_that_is_no_command_is_refused_naming_the_commands(capsys):
    import pytest

    from pierglass_desktop.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["lsit", "groups"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'lsit'" in err and "'list'" in err and "'report'" in err
