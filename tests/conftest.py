"""Fixtures shared by every test: Qt offscreen, app folders in a temp dir, real SQLite files.

The ``database`` fixture of the storage, services, exchange and reports tests also runs on a
PostgreSQL database in a throwaway cluster (tests/postgres_cluster.py), unless the test is
marked ``sqlite_only``; without PostgreSQL's binaries that half is skipped with the reason.
"""

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


@pytest.fixture
def gui_thread_collection(qapp) -> Iterator[None]:
    """Cycles are collected on the GUI thread only, as in the window's process
    (``ui/collector.py``). Without it a collection ran in a background read's thread in the
    middle of a test, freed a Qt object there and deadlocked against the GUI thread."""
    from pierglass_desktop.ui.collector import GuiThreadCollector

    collector = GuiThreadCollector()
    yield
    collector.stop()


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


BOTH_ENGINES = ("storage", "services", "exchange", "reports", "postgres", "journeys")


def pytest_generate_tests(metafunc) -> None:
    """Tests of these folders that use the database run on both engines."""
    if "engine_kind" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.path)).relative_to(Path(__file__).parent).parts[0]
    if folder in BOTH_ENGINES and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("engine_kind", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine_kind(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator:
    """A PostgreSQL cluster for the whole run, stopped and removed at the end."""
    from postgres_cluster import Cluster, why_not

    reason = why_not()
    if reason is not None:
        pytest.skip(f"PostgreSQL half skipped: {reason}")
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def database(request, engine_kind, db_path) -> Iterator:
    """A freshly created database, on a real file or a server; closed after the test."""
    from pierglass_desktop.storage.database import open_database

    if engine_kind == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.fresh_database()
        db = open_database(cluster.location(name))
        yield db
        db.close(automatic_backup=False)
        cluster.drop(name)
        return
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
