"""Fixtures for exchange tests."""

import pytest


@pytest.fixture
def other_database(tmp_path):
    """A second installation: the tutor who receives the pack."""
    from pierglass_desktop.storage.database import open_database

    folder = tmp_path / "tutor"
    folder.mkdir()
    db = open_database(folder / "tutor.sqlite3")
    yield db
    db.close(automatic_backup=False)
