"""Fixtures shared by every test: Qt offscreen, app folders in a temp dir, real SQLite files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: no display is needed, and none is touched.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own data folder, preferences and default database, in English."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PIERGLASS_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("PIERGLASS_DATABASE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("LANGUAGE", "en")
    from pierglass_desktop.i18n import set_language

    set_language("en")
    return home


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch):
    """No test touches the computer's keyring: each gets an empty one in memory."""
    import keyring

    from keyring_helpers import MemoryKeyring

    monkeypatch.delenv("PIERGLASS_EXPORT_PASSWORD", raising=False)
    monkeypatch.delenv("PIERGLASS_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "project.sqlite3"


@pytest.fixture
def database(db_path) -> Iterator:
    """A freshly created database on a real file, closed (and unlocked) after the test."""
    from pierglass_desktop.storage.database import open_database

    db = open_database(db_path)
    yield db
    db.close(automatic_backup=False)


@pytest.fixture
def sessions(database):
    return database.sessions


@pytest.fixture
def finnish():
    """Switch the whole program to Finnish for one test."""
    from pierglass_desktop.i18n import set_language

    set_language("fi")
    yield
    set_language("en")
