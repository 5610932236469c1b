"""A Qt warning during a test fails that test (pyproject: qt_log_level_fail), except the one
the offscreen test platform always prints (qt_log_ignore)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

INNER = """
from PySide6.QtCore import qWarning


def test_layout_warns(qapp):
    qWarning("QLayout: Attempting to add QLayout to a widget which already has a layout")


def test_offscreen_platform_talks(qapp):
    qWarning("This plugin does not support propagateSizeHints()")
"""


def test_a_qt_warning_fails_the_test_that_caused_it(tmp_path):
    (tmp_path / "test_inner.py").write_text(INNER, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            str(tmp_path / "test_inner.py"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )
    assert "test_inner.py::test_layout_warns" in result.stdout
    assert "Qt messages with level WARNING or above emitted" in result.stdout
    assert "1 failed, 1 passed" in result.stdout, result.stdout[-3000:]
