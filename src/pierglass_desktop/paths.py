"""Where the program keeps and finds its files; tests redirect these through the environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pierglass_desktop import APP_NAME

DATABASE_ENV = "PIERGLASS_DATABASE"
DATA_DIR_ENV = "PIERGLASS_DATA_DIR"
DATABASE_FILENAME = "pierglass.sqlite3"


def resources_dir() -> Path:
    """The folder of icons, fonts, translations and the built-in library.

    The repository keeps it at its top level (`resources/`); the wheel and the PyInstaller app
    carry it inside the package as `pierglass_desktop/resources` (see pyproject.toml and
    packaging/pierglass.spec). So: inside the package if it is there, else the checkout's.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    package = Path(frozen) / "pierglass_desktop" if frozen else Path(__file__).resolve().parent
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parents[1] / "resources"  # src/pierglass_desktop/ -> the repository


def data_dir() -> Path:
    """The user's data folder (created on demand)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    from pierglass_desktop.private_files import private_folder

    return private_folder(path)  # 0700: it holds the database and its backups


def is_url(text: str) -> bool:
    """A database address (``postgresql://…``) rather than a file's path."""
    return "://" in text


def given_database_text(given: str | None) -> str | None:
    """``--database`` if given, else ``$PIERGLASS_DATABASE``: what the person named, if anything."""
    return given or os.environ.get(DATABASE_ENV) or None


def default_database() -> Path:
    """`PIERGLASS_DATABASE` if set, else the file in the user's data folder."""
    override = os.environ.get(DATABASE_ENV)
    if override:
        return Path(override).expanduser()
    return data_dir() / DATABASE_FILENAME


def demo_database() -> Path:
    """The demo the window opens with ``--demo``, in the data folder."""
    return data_dir() / "demo" / "demo.sqlite3"


def backups_dir_for(database: Path) -> Path:
    """Backups live beside the database they protect, in a folder named after it."""
    return database.parent / f"{database.stem}-backups"
