"""A tutor's export protected with the project password travels by mail (issue 16)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import textwrap

import pytest

from pierglass_desktop import cli
from pierglass_desktop.exchange.protected import OLE_HEADER, is_protected
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.services.sync_import import FileStatus, apply_import, preview_import
from pierglass_desktop.storage import keychain
from sync_helpers import build_world, open_db, snapshot

NAME = ("Xanthippa", "Quorrinen")  # distinctive: found in no workbook by chance
TEXT = "Zebulonin kirjanpitokokeilu sujui"
PASSWORD = "kesä-Merituuli-42"


@pytest.fixture
def tutor_db(tmp_path):
    with open_db(tmp_path / "tutor" / "t.sqlite3") as db:
        build_world(db.sessions, people=(NAME, ("Jussi", "Jokinen")), text=TEXT)
    return tmp_path / "tutor" / "t.sqlite3"


def _export(tutor_db, output, password):
    with open_db(tutor_db) as db:
        export_sync(db.sessions, output, password=password)


def _imported(project, export, password=None):
    with open_db(project) as coordinator:
        preview = preview_import(coordinator.sessions, [export], password=password)
        (item,) = preview.files
        assert item.status is FileStatus.OK, item.reason
        assert item.path == export
        apply_import(coordinator, preview)
        return snapshot(coordinator.sessions)


def _printable_strings(data: bytes) -> str:
    """What `strings` shows: runs of four or more printable characters (ASCII and UTF-16)."""
    ascii_runs = re.findall(rb"[\x20-\x7e]{4,}", data)
    utf16_runs = re.findall(rb"(?:[\x20-\x7e]\x00){4,}", data)
    return "\n".join(
        [r.decode("ascii") for r in ascii_runs] + [r.decode("utf-16-le") for r in utf16_runs]
    )


def test_protected_export_shows_no_names_and_imports_whole_with_the_password(tutor_db, tmp_path):
    output, plain = tmp_path / "export.xlsx", tmp_path / "plain.xlsx"
    _export(tutor_db, output, PASSWORD)
    _export(tutor_db, plain, None)
    data = output.read_bytes()
    assert data.startswith(OLE_HEADER) and is_protected(output)
    seen = _printable_strings(data)
    for secret in (*NAME, "xanthippa@example.fi", "Zebulonin", "Aino Tutor"):
        assert secret not in seen
    if shutil.which("strings"):
        shown = subprocess.run(["strings", "-a", str(output)], capture_output=True, text=True)
        assert not any(s in shown.stdout for s in (*NAME, "Zebulonin"))

    # Whole: the same records as the plain export of the same database brings.
    through_password = _imported(tmp_path / "a" / "p.sqlite3", output, PASSWORD)
    assert through_password["participants"] and through_password["attendance"]
    assert through_password == _imported(tmp_path / "b" / "p.sqlite3", plain)


def test_wrong_password_is_refused_in_one_sentence_and_changes_nothing(tutor_db, tmp_path):
    output = tmp_path / "export.xlsx"
    _export(tutor_db, output, PASSWORD)
    project = tmp_path / "project" / "p.sqlite3"
    open_db(project).close(automatic_backup=False)
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    with open_db(project) as coordinator:
        for password, words in ((None, "is protected with a password"), ("Kesä", "does not open")):
            preview = preview_import(coordinator.sessions, [output], password=password)
            (item,) = preview.files
            assert item.status is FileStatus.REFUSED
            assert words in item.reason and "Error" not in item.reason
            assert item.reason.count(". ") + item.reason.count("; ") <= 1
            assert apply_import(coordinator, preview).applied == ()
    project_now = project.read_bytes()
    assert hashlib.sha256(project_now).hexdigest() == before


def test_same_export_encrypted_twice_is_recognised_as_imported_before(tutor_db, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _export(tutor_db, first, PASSWORD)
    shutil.copy(first, second)
    with open_db(tmp_path / "project" / "p.sqlite3") as coordinator:
        apply_import(coordinator, preview_import(coordinator.sessions, [first], password=PASSWORD))
        (again,) = preview_import(coordinator.sessions, [second], password=PASSWORD).files
        assert again.status is FileStatus.ALREADY_IMPORTED


def test_damaged_protected_file_is_refused_in_a_sentence(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(OLE_HEADER + b"\x00" * 600)
    with open_db(tmp_path / "p.sqlite3") as coordinator:
        (item,) = preview_import(coordinator.sessions, [broken], password=PASSWORD).files
    assert item.status is FileStatus.REFUSED and "damaged" in item.reason


# --- the command line ---------------------------------------------------------------------


def test_tutor_exports_encrypted_by_default_and_coordinator_imports_with_the_password(
    tutor_db, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("PIERGLASS_EXPORT_PASSWORD", PASSWORD)
    output = tmp_path / "export.xlsx"
    assert cli.main(["export", "sync", "--output", str(output), "--database", str(tutor_db)]) == 0
    said = capsys.readouterr().out
    assert is_protected(output)
    assert "by phone or text message; never in the same e-mail" in said

    project = tmp_path / "project" / "p.sqlite3"
    project.parent.mkdir()
    monkeypatch.delenv("PIERGLASS_EXPORT_PASSWORD")
    keychain.remember(keychain.PROJECT_PASSWORD, PASSWORD)  # the coordinator kept it once
    assert cli.main(["import", str(output), "--database", str(project)]) == 0
    assert "Imported 1 file." in capsys.readouterr().out


def test_import_with_a_wrong_password_exits_with_one_sentence(tutor_db, tmp_path, capsys):
    output = tmp_path / "export.xlsx"
    with open_db(tutor_db) as db:
        export_sync(db.sessions, output, password=PASSWORD)
    keychain.remember(keychain.PROJECT_PASSWORD, "something else")
    project = tmp_path / "p.sqlite3"
    assert cli.main(["import", str(output), "--database", str(project)]) == 1
    out = capsys.readouterr().out
    assert "export.xlsx: refused. The password does not open export.xlsx" in out
    assert "Traceback" not in out


def test_export_without_any_password_says_how_to_give_one(tutor_db, tmp_path, capsys):
    output = tmp_path / "export.xlsx"
    assert cli.main(["export", "sync", "--output", str(output), "--database", str(tutor_db)]) == 1
    err = capsys.readouterr().err
    assert "PIERGLASS_EXPORT_PASSWORD" in err and err.count("\n") == 1
    assert not output.exists()


def test_no_encrypt_writes_a_plain_workbook(tutor_db, tmp_path):
    output = tmp_path / "export.xlsx"
    args = ["export", "sync", "--no-encrypt", "--output", str(output), "--database", str(tutor_db)]
    assert cli.main(args) == 0
    assert output.read_bytes()[:2] == b"PK"


def test_person_export_is_protected_with_its_own_password(tutor_db, tmp_path, monkeypatch):
    from sqlalchemy import select

    from pierglass_desktop.domain.models import Participant
    from pierglass_desktop.exchange.protected import decrypt

    keychain.remember(keychain.PROJECT_PASSWORD, PASSWORD)  # must not be used for a person
    monkeypatch.setenv("PIERGLASS_EXPORT_PASSWORD", "Xanthipan-oma-salasana")
    with open_db(tutor_db) as db, db.sessions() as s:
        person = s.scalar(select(Participant.id).where(Participant.first_name == NAME[0]))
    output = tmp_path / "person.xlsx"
    args = ["person", "export", person, "--output", str(output), "--database", str(tutor_db)]
    assert cli.main(args) == 0
    assert is_protected(output)
    assert decrypt(output, "Xanthipan-oma-salasana")[:2] == b"PK"


# --- LibreOffice opens it -----------------------------------------------------------------

UNO_OPEN = textwrap.dedent(
    """
    import subprocess, sys, time, uno
    from com.sun.star.beans import PropertyValue

    path, password, profile, pipe = sys.argv[1:5]
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
        "-env:UserInstallation=" + profile, "--accept=pipe,name=" + pipe + ";urp;"])

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(240):
            try:
                context = resolver.resolve(
                    "uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.25)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        args = (prop("Hidden", True), prop("Password", password))
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, args)
        sheet = doc.Sheets.getByName("participants")
        cells = [sheet.getCellByPosition(c, r).getString() for r in range(4) for c in range(12)]
        print("OPENED", "|".join(cells))
        doc.close(True)
    except Exception as error:
        print("NOT OPENED", type(error).__name__)
    finally:
        try:
            desktop.terminate()
            office.wait(timeout=20)
        except Exception:
            office.kill()
    """
)


@pytest.mark.slow
def test_libreoffice_opens_the_protected_workbook_with_the_password(tutor_db, tmp_path):
    check = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    if check.returncode != 0 or shutil.which("soffice") is None:
        pytest.skip("LibreOffice's Python UNO bridge (Debian python3-uno) is not installed")
    output = tmp_path / "export.xlsx"
    _export(tutor_db, output, PASSWORD)
    script = tmp_path / "open.py"
    script.write_text(UNO_OPEN)

    def opened_with(password: str) -> str:
        profile = (tmp_path / f"profile-{len(password)}").as_uri()
        pipe = f"pierglass-{tmp_path.name}-{len(password)}"
        run = subprocess.run(
            ["/usr/bin/python3", str(script), str(output), password, profile, pipe],
            capture_output=True,
            text=True,
            timeout=240,
        )
        return run.stdout

    shown = opened_with(PASSWORD)
    assert shown.startswith("OPENED") and NAME[0] in shown, shown
    assert not opened_with("väärä").startswith("OPENED")
