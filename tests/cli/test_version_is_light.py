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
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps(loaded), file=sys.stderr)
"""


def _packages_loaded(*argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SOURCE_ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_version_does_not_load_the_window():
    assert "PySide6" not in _packages_loaded("--version")
