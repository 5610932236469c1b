"""The frozen one-folder app: it builds, starts, makes a demo, checks it, and reads migrations.

Slow (a PyInstaller build takes a minute or two); CI runs it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pierglass_desktop import __version__
from pierglass_desktop.storage.schema import HEAD_REVISION

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "pierglass_desktop"

pytestmark = pytest.mark.slow
# The frozen app never reads the keyring of the computer running the tests.
NO_KEYRING = "keyring.backends.null.Keyring"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Path:
    """Build once for this module; returns the frozen executable."""
    folder = tmp_path_factory.mktemp("frozen")
    build = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--dist",
            str(folder / "dist"),
            "--work",
            str(folder / "work"),
        ],
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    executable = folder / "dist" / "pierglass" / "pierglass"
    assert executable.exists()
    return executable


def _clean_env(**extra: str) -> dict[str, str]:
    """No PYTHONPATH: the frozen app must carry everything itself."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({"QT_QPA_PLATFORM": "offscreen", "LANGUAGE": "en", **extra})
    return env


def _run(app: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(app), *args], capture_output=True, text=True, env=_clean_env(**env), timeout=120
    )


def test_frozen_app_tells_its_version(app):
    result = _run(app, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pierglass {__version__}"


def test_frozen_app_builds_a_demo_and_checks_it(app, tmp_path):
    database = tmp_path / "demo.sqlite3"
    made = _run(app, "demo", "--database", str(database), "--groups", "2")
    assert made.returncode == 0, made.stderr
    assert "Groups:           2" in made.stdout
    checked = _run(app, "check", "--database", str(database))
    assert checked.returncode == 0, checked.stderr
    assert f"Schema revision: {HEAD_REVISION} (this program writes {HEAD_REVISION})" in (
        checked.stdout
    )
    assert "Integrity: ok" in checked.stdout
    listed = _run(app, "list", "groups", "--database", str(database), "--json")
    assert listed.returncode == 0 and listed.stdout.count('"sessions": 18') == 2


def test_frozen_app_reads_its_migrations_from_disk(app, tmp_path):
    """A database from an unknown version is refused: Alembic loaded the shipped revisions."""
    database = tmp_path / "newer.sqlite3"
    assert _run(app, "demo", "--database", str(database), "--groups", "1").returncode == 0
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = database.read_bytes()
    refused = _run(app, "list", "groups", "--database", str(database))
    assert refused.returncode == 1
    assert "was saved by a newer version of Pier-glass" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert database.read_bytes() == before


def test_frozen_app_upgrades_an_older_database(app, tmp_path):
    from pierglass_desktop.storage.database import open_database
    from pierglass_desktop.storage.migrate import downgrade, known_revisions

    first = min(known_revisions())
    if first == HEAD_REVISION:
        pytest.skip("only one schema revision exists so far: nothing to upgrade from")
    database = tmp_path / "old.sqlite3"
    db = open_database(database)
    downgrade(db.engine, first)
    db.close(automatic_backup=False)
    upgraded = _run(app, "list", "groups", "--database", str(database))
    assert upgraded.returncode == 0, upgraded.stderr
    checked = _run(app, "check", "--database", str(database))
    assert f"Schema revision: {HEAD_REVISION} " in checked.stdout


def test_frozen_app_carries_resources_and_qt_translations(app):
    internal = app.parent / "_internal"
    package = internal / "pierglass_desktop"
    resources = package / "resources"
    carried = sorted(
        p.relative_to(resources).as_posix() for p in resources.rglob("*") if p.is_file()
    )
    assert carried == _tracked_resources()  # the top-level resources/ folder, all of it
    versions = package / "storage" / "migrations" / "versions"
    shipped = {p.name for p in versions.glob("*.py")}
    assert shipped == {p.name for p in (SOURCE / "storage/migrations/versions").glob("*.py")}
    assert (package / "storage" / "migrations" / "env.py").exists()
    translations = internal / "PySide6" / "Qt" / "translations"
    assert (translations / "qtbase_fi.qm").exists()
    assert not (translations / "qtbase_de.qm").exists()  # languages we do not speak stay out
    assert (app.parent / "share" / "applications" / "pierglass-desktop.desktop").exists()


def test_frozen_app_speaks_finnish_from_its_own_catalogue(app, tmp_path):
    """The frozen lookup finds the translations it carries (no checkout beside it)."""
    result = _run(app, "check", "--database", str(tmp_path / "missing.sqlite3"), LANGUAGE="fi")
    assert result.returncode == 1
    assert "Tietokantaa ei löydy" in result.stderr


def _tracked_resources() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-z", "resources"], cwd=ROOT, capture_output=True, check=True
    )
    names = [name for name in listing.stdout.decode().split("\0") if name]
    return sorted(Path(name).relative_to("resources").as_posix() for name in names)


def test_frozen_app_has_defusedxml_for_openpyxl(app):
    listing = subprocess.run(
        [sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer", "-r", "-b", str(app)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listing.returncode == 0, listing.stderr
    modules = {line.strip() for line in listing.stdout.splitlines()}
    assert {"defusedxml", "defusedxml.ElementTree", "pierglass_desktop.demo.generator"} <= modules
    commands = {"pierglass_desktop.cli.demo_commands", "pierglass_desktop.cli.list_commands"}
    assert commands <= modules


def test_frozen_app_writes_and_reads_a_password_protected_export(app, tmp_path):
    database = tmp_path / "tutor.sqlite3"
    assert _run(app, "demo", "--database", str(database), "--groups", "1").returncode == 0
    export = tmp_path / "export.xlsx"
    secret = {"PIERGLASS_EXPORT_PASSWORD": "frozen-Merituuli", "PYTHON_KEYRING_BACKEND": NO_KEYRING}
    args = ("export", "sync", "--output", str(export), "--database", str(database))
    wrote = _run(app, *args, **secret)
    assert wrote.returncode == 0, wrote.stderr
    assert export.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office
    project = tmp_path / "project.sqlite3"
    read = _run(app, "import", str(export), "--database", str(project), **secret)
    assert read.returncode == 0, read.stdout + read.stderr
    assert "Imported 1 file." in read.stdout


def test_frozen_app_carries_sqlcipher_and_opens_an_encrypted_database(app, tmp_path):
    database = tmp_path / "tutor.sqlite3"
    assert _run(app, "demo", "--database", str(database), "--groups", "1").returncode == 0
    secret = {"PIERGLASS_PASSPHRASE": "kolme vanhaa majakkaa", "PYTHON_KEYRING_BACKEND": NO_KEYRING}
    protected = _run(app, "encrypt", "--database", str(database), **secret)
    assert protected.returncode == 0, protected.stderr
    assert database.read_bytes()[:16] != b"SQLite format 3\x00"
    checked = _run(app, "check", "--database", str(database), **secret)
    assert checked.returncode == 0, checked.stderr
    assert "Protected with a passphrase: yes" in checked.stdout
    shown = _run(app, "--database", str(database), PIERGLASS_QUIT_WHEN_SHOWN="1", **secret)
    assert shown.returncode == 0, shown.stderr
    assert "pierglass-shown" in shown.stdout


def test_frozen_app_opens_its_window(app, tmp_path):
    database = tmp_path / "window.sqlite3"
    assert _run(app, "demo", "--database", str(database), "--groups", "1").returncode == 0
    shown = _run(app, "--database", str(database), PIERGLASS_QUIT_WHEN_SHOWN="1")
    assert shown.returncode == 0, shown.stderr


@pytest.mark.parametrize(("language", "locale"), [("fi", "fi_FI"), ("en", "en_GB")])
def test_frozen_app_prints_an_agenda_dated_in_words_in_each_language(
    app, tmp_path, language, locale
):
    """ReportLab (with the part of Pillow it loads) and Babel's trimmed locale data."""
    import json

    from babel.dates import format_date
    from pypdf import PdfReader

    database = tmp_path / "print.sqlite3"
    assert _run(app, "demo", "--database", str(database), "--groups", "1").returncode == 0
    listed = _run(app, "list", "sessions", "--database", str(database), "--json")
    session = json.loads(listed.stdout)[0]
    output = tmp_path / f"agenda-{language}.pdf"
    printed = _run(
        app, "--language", language, "print", "agenda", "--session", session["id"],
        "--output", str(output), "--database", str(database),
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    text = " ".join(page.extract_text() for page in PdfReader(output).pages)
    day = date.fromisoformat(session["starts_at"][:10])
    weekday = format_date(day, format="full", locale=locale).split()[0].rstrip(",")
    assert weekday in text  # "torstai", "Thursday": the date in words, as Babel writes it


def test_frozen_app_leaves_out_what_it_never_uses(app):
    internal = app.parent / "_internal"
    locales = {p.stem for p in (internal / "babel" / "locale-data").glob("*.dat")}
    assert {"fi", "fi_FI", "en", "en_GB", "root"} <= locales
    assert "de" not in locales and len(locales) < 20  # not Babel's 1,100 locales
    assert (internal / "PIL").is_dir()  # ReportLab imports Pillow's Image
    assert not list((internal / "PIL").glob("_avif*")) and not list(internal.rglob("*libavif*"))
    assert not list((internal / "PySide6").glob("QtNetwork*"))  # the app opens no sockets
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "imageformats" / "libqsvg.so").is_file()  # the icons
    assert not list(plugins.rglob("libqgtk3*")) and not list(plugins.rglob("libqeglfs*"))
    assert not list(internal.glob("libfontconfig*")) and not list(internal.glob("libcairo*"))
    assert not list(internal.rglob("_ssl.*")) and not list(internal.rglob("_hashlib.*"))
    dangling = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling
