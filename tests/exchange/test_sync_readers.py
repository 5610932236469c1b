"""Both cell readers (python-calamine, and openpyxl where calamine is missing) read sync files
alike: a re-saved file, a sheet whose stored size lies, and a formula refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pierglass_desktop.exchange import workbook
from pierglass_desktop.services.sync_import import FileStatus, apply_import, preview_import
from sync_helpers import add_formula, build_world, excel_like, open_db, rewrite, snapshot


@pytest.fixture(params=["calamine", "openpyxl"])
def reader(request, monkeypatch):
    if request.param == "openpyxl":
        monkeypatch.setattr(workbook._FastBook, "open", classmethod(lambda cls, path: None))
    return request.param


@pytest.fixture
def export(tmp_path) -> Path:
    from pierglass_desktop.services.sync_export import export_sync

    tutor = open_db(tmp_path / "tutor" / "t.sqlite3")
    try:
        build_world(tutor.sessions, text="=Toinen\x08 _x0041_ \r\n tapaaminen")
        return export_sync(tutor.sessions, tmp_path / "export.xlsx").output
    finally:
        tutor.close(automatic_backup=False)


def _import(folder: Path, path: Path):
    db = open_db(folder / "c.sqlite3")
    try:
        preview = preview_import(db.sessions, [path])
        apply_import(db, preview)
        return preview.files[0], snapshot(db.sessions)
    finally:
        db.close(automatic_backup=False)


def _lying_dimension(source: Path, target: Path) -> Path:
    """Every sheet claims to be one cell big (some generators write that)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</sheetPr>", b'</sheetPr><dimension ref="A1"/>', 1)
            new.writestr(item, data)
    return target


def test_both_readers_import_alike(reader, export, tmp_path):
    plain, untouched = _import(tmp_path / "plain", export)
    assert plain.status is FileStatus.OK, plain.reason
    resaved = rewrite(export, tmp_path / "resaved.xlsx", excel_like)
    again, got = _import(tmp_path / "resaved", resaved)
    assert again.status is FileStatus.OK, again.reason
    (typed,) = [p for p in got["participants"].values() if p["pseudonym"] == "12345"]
    typed["pseudonym"] = untouched["participants"][typed["id"]]["pseudonym"]
    assert got == untouched
    lying = _lying_dimension(export, tmp_path / "lying.xlsx")
    _status, read = _import(tmp_path / "lying", lying)
    assert read == untouched


def test_both_readers_refuse_a_formula(reader, export, tmp_path):
    formula = rewrite(export, tmp_path / "formula.xlsx", add_formula)
    preview, _held = _import(tmp_path / "formula", formula)
    assert preview.status is FileStatus.REFUSED
    assert "holds a formula" in preview.reason and "meetings" in preview.reason


def test_both_readers_give_back_texts_exactly(reader, export, tmp_path):
    _preview, held = _import(tmp_path / "plain", export)
    (group,) = held["groups"].values()
    assert group["description"] == "=Toinen\x08 _x0041_ \r\n tapaaminen"
