"""Starting the program: the database opens or its sentence is shown; the demo is fresh."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import types
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from pierglass_desktop.i18n import current_language
from pierglass_desktop.paths import data_dir
from pierglass_desktop.services.groups import GroupInput, create_group, list_groups
from pierglass_desktop.storage.backup import list_backups
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.ui.app import run_app


@pytest.fixture
def message_boxes(monkeypatch) -> list[tuple[str, str]]:
    """Every critical message box's title and text, instead of a blocking dialog."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: seen.append((title, text))
    )
    return seen


@pytest.fixture
def quit_when_shown(monkeypatch, qapp) -> list[bool]:
    """The event loop returns as soon as the window is shown, and records what it saw.

    A real ``exec()`` followed by ``quit()`` leaves later modal loops of the same test process
    returning at once, so in-process tests stand in for it; the subprocess test below runs the
    real loop with PIERGLASS_QUIT_WHEN_SHOWN.
    """
    seen: list[bool] = []

    def exec_until_shown(self=None) -> int:
        QApplication.processEvents()
        seen.append(any(w.isVisible() for w in QApplication.topLevelWidgets()))
        return 0

    monkeypatch.delenv("PIERGLASS_QUIT_WHEN_SHOWN", raising=False)
    monkeypatch.setattr(QApplication, "exec", exec_until_shown)
    return seen


def test_a_locked_database_shows_its_sentence_and_returns_1(database, db_path, message_boxes):
    assert run_app(str(db_path), demo=False, language=None) == 1
    [(title, text)] = message_boxes
    assert "already open in another Pier-glass window" in text
    assert title == "Pier-glass cannot open the database"


def test_the_window_command_collects_again_when_its_database_would_not_open(
    database, db_path, message_boxes
):
    import gc

    from pierglass_desktop import cli

    assert cli.main(["--database", str(db_path)]) == 1  # already open: the window never runs
    assert message_boxes
    assert gc.isenabled()  # off while it started, on again for what the process does next


def test_a_newer_database_is_refused_in_a_sentence_and_not_changed(
    db_path, message_boxes, quit_when_shown
):
    open_database(db_path).close(automatic_backup=False)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = db_path.read_bytes()
    assert run_app(str(db_path), demo=False, language=None) == 1
    assert "newer version" in message_boxes[0][1]
    assert db_path.read_bytes() == before


def test_the_window_opens_and_quits_when_shown_releasing_the_file_with_a_backup(
    db_path, message_boxes, quit_when_shown, qtbot
):
    assert run_app(str(db_path), demo=False, language="en") == 0
    assert quit_when_shown == [True]
    assert message_boxes == []
    assert list_backups(db_path, "auto"), "closing takes the daily backup"
    open_database(db_path).close(automatic_backup=False)  # the lock was released


def test_the_language_argument_wins_and_qt_buttons_follow(db_path, quit_when_shown, qtbot):
    assert run_app(str(db_path), demo=False, language="fi") == 0
    assert current_language() == "fi"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Peru"  # qtbase_fi.qm


def test_demo_replaces_the_previous_demo_with_a_fresh_one(monkeypatch, quit_when_shown, qtbot):
    calls = []

    def create_demo_database(path, *, groups=6, seed=1, today=None):
        calls.append((path, groups, seed))
        db = open_database(path)
        create_group(db.sessions, GroupInput(f"Demo {len(calls)}", start_date=date(2025, 1, 1)))
        db.close(automatic_backup=False)

    fake = types.ModuleType("pierglass_desktop.demo.generator")
    fake.create_demo_database = create_demo_database
    monkeypatch.setitem(sys.modules, "pierglass_desktop.demo.generator", fake)
    assert run_app(None, demo=True, language=None) == 0
    assert run_app(None, demo=True, language=None) == 0
    demo_path = data_dir() / "demo" / "demo.sqlite3"
    assert calls == [(demo_path, 6, 1), (demo_path, 6, 1)]
    with open_database(demo_path) as db:
        assert [g.name for g in list_groups(db.sessions)] == ["Demo 2"]


def test_demo_refuses_to_replace_a_demo_open_in_another_window(
    monkeypatch, message_boxes, quit_when_shown
):
    demo_path = data_dir() / "demo" / "demo.sqlite3"
    demo_path.parent.mkdir(parents=True)
    fake = types.ModuleType("pierglass_desktop.demo.generator")
    fake.create_demo_database = lambda *a, **k: pytest.fail("must not rebuild an open demo")
    monkeypatch.setitem(sys.modules, "pierglass_desktop.demo.generator", fake)
    with open_database(demo_path) as db:
        create_group(db.sessions, GroupInput("Still here"))
        assert run_app(None, demo=True, language=None) == 1
        assert "already open" in message_boxes[0][1]
        assert [g.name for g in list_groups(db.sessions)] == ["Still here"]


START = (
    "import gc, sys, threading; gc.disable(); from pierglass_desktop.ui.app import run_app; "
    "from sqlalchemy import event; from sqlalchemy.orm import Mapper; configured = []; "
    "event.listen(Mapper, 'after_configured', "
    "lambda: configured.append(threading.current_thread().name)); "
    "code = run_app({path!r}, False, None); print('collecting:', gc.isenabled()); "
    "heavy = [m for m in ('openpyxl', 'reportlab.platypus', 'alembic', "
    "'pierglass_desktop.ui.dialogs.passphrase_dialogs') if m in sys.modules]; "
    "print('heavy:', heavy); import builtins; from pierglass_desktop.ui import PLAIN_IMPORT; "
    "print('plain import after:', builtins.__import__ is PLAIN_IMPORT); "
    "print('mappers configured on:', configured); raise SystemExit(code)"
)


def _real_program(script: str, tmp_path, quit_when: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh Python on a first start (no saved settings: Today is the first
    page), quitting at the moment ``quit_when`` names."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PIERGLASS_QUIT_WHEN")},
        quit_when: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_the_real_program_opens_its_window_and_quits_when_asked(db_path, tmp_path):
    """The real event loop in a fresh process, as the benchmark and the frozen smoke test use it."""
    done = _real_program(START.format(path=str(db_path)), tmp_path, "PIERGLASS_QUIT_WHEN_SHOWN")
    assert done.returncode == 0, done.stderr
    assert "heavy: []" in done.stdout  # start-up stays light: a plain file asks no passphrase
    assert "collecting: True" in done.stdout  # off while starting (as the command does), on after
    # SQLAlchemy and the data model were imported without PySide6's import hook, which is back
    assert "plain import after: False" in done.stdout
    # The data model is made ready behind the window, not on the GUI thread after it
    assert "mappers configured on: ['open-database']" in done.stdout
    assert list_backups(db_path, "auto")
    open_database(db_path).close(automatic_backup=False)


FIRST_DATA = (
    "import sys, threading; from pierglass_desktop.ui import app; "
    "from sqlalchemy import event; from sqlalchemy.orm import Mapper; configured = []; "
    "event.listen(Mapper, 'after_configured', "
    "lambda: configured.append(threading.current_thread().name)); marks = []; "
    "app._mark = lambda name, env: marks.append((name, 'pierglass_desktop.domain.library' in "
    "sys.modules)); code = app.run_app({path!r}, False, None); print('marks:', marks); "
    "print('whole model at exit:', 'pierglass_desktop.domain.models' in sys.modules); "
    "print('mappers configured on:', configured); raise SystemExit(code)"
)


@pytest.mark.slow
def test_the_first_page_shows_its_data_before_the_rest_of_the_data_model_loads(db_path, tmp_path):
    """Today reads people and meetings only: the library, assessments and records load after
    its data is shown, on a thread of their own, and are ready before the program ends."""
    db = open_database(db_path)
    create_group(db.sessions, GroupInput("Aamuryhmä", start_date=date(2026, 1, 1)))
    db.close(automatic_backup=False)
    done = _real_program(
        FIRST_DATA.format(path=str(db_path)), tmp_path, "PIERGLASS_QUIT_WHEN_LOADED"
    )
    assert done.returncode == 0, done.stderr
    assert "marks: [('pierglass-shown', False), ('pierglass-loaded', False)]" in done.stdout
    assert "whole model at exit: True" in done.stdout
    assert "mappers configured on: ['open-database', 'load-data-model']" in done.stdout


QT_NAMESPACE = """
import PySide6.QtCore as core
from pierglass_desktop.ui import app
built = {{}}
app._mark = lambda name, env: built.setdefault(name, "Qt" in core.__dict__)
result = app._Opening.result
def opened(self):
    database = result(self)  # the window has painted and answered while the file opened
    built["opened"] = "Qt" in core.__dict__
    return database
app._Opening.result = opened
code = app.run_app({path!r}, False, None)
print("Qt namespace built:", built)
raise SystemExit(code)
"""


@pytest.mark.slow
def test_the_window_shows_and_paints_before_qt_namespace_is_built(db_path, tmp_path):
    """Building ``PySide6.QtCore.Qt`` (its ~200 enums) takes about as long as a fifth of a bare
    window's start: the window shows and paints without it, and the first page builds it."""
    done = _real_program(
        QT_NAMESPACE.format(path=str(db_path)), tmp_path, "PIERGLASS_QUIT_WHEN_SHOWN"
    )
    assert done.returncode == 0, done.stderr
    assert "Qt namespace built: {'pierglass-shown': False, 'opened': False}" in done.stdout


def test_an_unexpected_error_is_logged_and_told_in_a_sentence(message_boxes, monkeypatch):
    from pierglass_desktop.ui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app_module.install_error_hook()
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    [(title, text)] = message_boxes
    assert title == "Something went wrong" and "boom" in text
    log = data_dir() / "pierglass.log"
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")


def test_the_data_layer_is_imported_plainly_and_the_hook_comes_back(monkeypatch):
    import builtins

    from pierglass_desktop.ui import PLAIN_IMPORT, data_layer_imports

    calls: list[str] = []

    def hook(name, *args, **kwargs):
        calls.append(name)
        return PLAIN_IMPORT(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", hook)
    with data_layer_imports():
        assert builtins.__import__ is PLAIN_IMPORT
        import json.decoder  # noqa: F401
    assert builtins.__import__ is hook
    assert "json.decoder" not in calls
    with pytest.raises(ZeroDivisionError), data_layer_imports():
        1 / 0  # noqa: B018
    assert builtins.__import__ is hook

    def newer(name, *args, **kwargs):
        return PLAIN_IMPORT(name, *args, **kwargs)

    with data_layer_imports():
        builtins.__import__ = newer  # PySide6 puts another hook in meanwhile
    assert builtins.__import__ is newer  # it stays
