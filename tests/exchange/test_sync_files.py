"""Sync files from the real world: re-saved by spreadsheets, older, newer, damaged or hostile."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from pierglass_desktop.exchange import limits, sync_read
from pierglass_desktop.exchange.sync_format import FORMAT_VERSION, SYNC_FORMAT
from pierglass_desktop.exchange.workbook import WorkbookFormat
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.services.sync_import import FileStatus, apply_import, preview_import
from sync_helpers import add_formula, build_world, excel_like, open_db, rewrite, set_cell, snapshot


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    """One tutor's export, and what an untouched import of it gives."""
    folder = tmp_path_factory.mktemp("sync-files")
    tutor = open_db(folder / "tutor" / "t.sqlite3")
    try:
        build_world(tutor.sessions, text="Ensimmäinen tapaaminen")
        return export_sync(tutor.sessions, folder / "export.xlsx").output
    finally:
        tutor.close(automatic_backup=False)


@pytest.fixture(scope="module")
def untouched(export, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("untouched")
    return _imported(folder, export)


def _imported(folder: Path, path: Path) -> dict:
    db = open_db(folder / "c" / "c.sqlite3")
    try:
        preview = preview_import(db.sessions, [path])
        assert preview.files[0].status is FileStatus.OK, preview.files[0].reason
        apply_import(db, preview)
        return snapshot(db.sessions)
    finally:
        db.close(automatic_backup=False)


def test_workbook_saved_by_a_spreadsheet_imports_as_if_untouched(export, untouched, tmp_path):
    resaved = rewrite(export, tmp_path / "resaved.xlsx", excel_like)
    got = _imported(tmp_path, resaved)
    # The code typed in as digits, stored by the spreadsheet as a number, arrives as text.
    (typed,) = [p for p in got["participants"].values() if p["pseudonym"] == "12345"]
    typed["pseudonym"] = untouched["participants"][typed["id"]]["pseudonym"]
    assert got == untouched


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_workbook_saved_by_libreoffice_calc_imports_whole(export, untouched, tmp_path):
    out = tmp_path / "calc"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(export)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    resaved = out / export.name
    assert resaved.read_bytes() != export.read_bytes()
    assert _imported(tmp_path, resaved) == untouched


def test_older_format_version_is_upgraded_as_it_is_read(export, tmp_path, monkeypatch):
    """A fabricated next version of the format: files of the current one lack its 'evidence'
    sheet and get their tutors' organisation filled by the upgrade step."""

    def older(book):
        del book["evidence"]

    old = rewrite(export, tmp_path / "old.xlsx", older)
    calls = []

    def upgrade_to_next(sheets):
        calls.append(sorted(sheets))
        for tutor in sheets["tutors"]:
            tutor["organisation"] = tutor["organisation"] or "Työpeili-hanke"

    newer = WorkbookFormat(SYNC_FORMAT.name, FORMAT_VERSION + 1, SYNC_FORMAT.sheets)
    monkeypatch.setattr(sync_read, "SYNC_FORMAT", newer)
    monkeypatch.setattr(sync_read, "UPGRADES", {FORMAT_VERSION: upgrade_to_next})
    read = sync_read.read_sync_file(old)
    assert read.meta.format_version == FORMAT_VERSION and len(calls) == 1
    assert read.records["evidence"] == []
    assert [t["organisation"] for t in read.records["tutors"]] == ["Työpeili-hanke"]


def _version_1(book):
    """What version 1 of the format wrote: no 'seen' sheet, and its version number."""
    del book["seen"]
    _meta(book, "format_version", "1")


def test_a_version_1_file_imports_and_does_not_say_what_its_installation_saw(export, tmp_path):
    old = rewrite(export, tmp_path / "v1.xlsx", _version_1)
    read = sync_read.read_sync_file(old)
    assert read.meta.format_version == 1
    assert read.seen() is None  # unknown, not "saw nothing"
    assert sync_read.read_sync_file(export).seen() == {}  # its tutor never imported a file
    assert _imported(tmp_path, old) == _imported(tmp_path / "current", export)


def test_an_export_says_what_its_installation_had_imported_whole_and_per_group(tmp_path):
    """The coordinator imported two of a tutor's exports, the second of one group only, and
    a third tutor's file passed on by a second coordinator's: his export says up to when he
    saw each, whole or for that group."""
    tutor = open_db(tmp_path / "tutor" / "t.sqlite3")
    coordinator = open_db(tmp_path / "coordinator" / "c.sqlite3")
    try:
        world = build_world(tutor.sessions)
        whole = export_sync(tutor.sessions, tmp_path / "whole.xlsx").output
        _set_description(tutor, world.group_id)
        part = export_sync(tutor.sessions, tmp_path / "part.xlsx", group_ids=[world.group_id])
        for path in (whole, part.output):
            apply_import(coordinator, preview_import(coordinator.sessions, [path]))
        mine = export_sync(coordinator.sessions, tmp_path / "coordinator.xlsx").output
        first, second = (sync_read.read_sync_file(p) for p in (whole, part.output))
        assert sync_read.read_sync_file(mine).seen() == {
            (first.origin, ""): first.exported_at,
            (first.origin, world.group_id): second.exported_at,
        }
    finally:
        tutor.close(automatic_backup=False)
        coordinator.close(automatic_backup=False)


def _set_description(database, group_id: str) -> None:
    from pierglass_desktop.domain.models import Group

    with database.sessions.begin() as s:
        s.get(Group, group_id).description = "Uusi kuvaus"


# ---------------------------------------------------------------- refused, database untouched


def _meta(book, key, value):
    sheet = book["_meta"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == key:
            row[1].value = value


def _bomb(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = data.replace(b"</sheetData>", b"</sheetData>" + b" " * 40_000_000)
            out.writestr(item, data)
    return target


def _entities(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "entities.xlsx"
    doctype = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = doctype + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            out.writestr(item, data)
    return target


def _edited(change):
    return lambda path, tmp_path: rewrite(path, tmp_path / "edited.xlsx", change)


def _text_file(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "notes.xlsx"
    target.write_text("Tämä ei ole työkirja\n")
    return target


def _truncated(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "cut.xlsx"
    target.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return target


def _empty(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "empty.xlsx"
    Workbook().save(target)
    return target


def _merge_entry_after(value: str):
    """A participant's merge entry whose record of the merge (``after``) holds ``value``."""

    def change(book) -> None:
        stamp = "2026-03-01T10:00:00.000Z"
        person = book["participants"]["A2"].value
        entry = [str(uuid.uuid4()), stamp, stamp, None, person, "Aino", "merge", "participant"]
        book["audit_entries"].append([*entry, person, None, value, ""])

    return change


HOSTILE = {
    "not a workbook": (_text_file, "not an Excel workbook"),
    "truncated": (_truncated, "not an Excel workbook"),
    "zip bomb": (_bomb, "unpacks to far more"),
    "XML entities": (_entities, "holds XML that a workbook does not"),
    "empty workbook": (_empty, "has no _meta sheet"),
    "formula": (_edited(add_formula), "holds a formula"),
    "wrong type": (_edited(set_cell("meetings", "number", "kolme")), "not a valid value"),
    "unknown choice": (
        _edited(set_cell("attendance", "status", "paikalla")),
        "not one of the known",
    ),
    "id pointing nowhere": (
        _edited(set_cell("memberships", "group_id", str(uuid.uuid4()))),
        "neither in the file nor here",
    ),
    "duplicate id": (
        _edited(lambda b: b["notes"].append([c.value for c in b["notes"][2]])),
        "id appears twice",
    ),
    "audit record not an object": (
        _edited(_merge_entry_after('["b6f3c1de-0000-4000-8000-000000000001"]')),
        "not a record of the change",
    ),
    "questionnaire items malformed": (
        _edited(set_cell("instruments", "items", '[{"key": "q1", "min": 0}]')),
        "not a list of the questionnaire's items",
    ),
    "questionnaire name not by language": (
        _edited(set_cell("instruments", "name", '["WHO-5"]')),
        "not a name by language",
    ),
    "newer format": (
        _edited(lambda b: _meta(b, "format_version", str(FORMAT_VERSION + 1))),
        "newer version",
    ),
    "other format": (_edited(lambda b: _meta(b, "format", "pierglass-library")), "is not a"),
    "no origin": (_edited(lambda b: _meta(b, "origin", "")), "which installation"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_file_is_refused_in_a_sentence_and_the_database_is_untouched(
    export, tmp_path, kind
):
    make, words = HOSTILE[kind]
    hostile = make(export, tmp_path)
    db = open_db(tmp_path / "c" / "c.sqlite3")
    try:
        before = db.path.read_bytes()
        preview = preview_import(db.sessions, [hostile])
        (refused,) = preview.refused
        assert words in refused.reason
        assert "Error" not in refused.reason and "Traceback" not in refused.reason
        result = apply_import(db, preview)
        assert result.backup_path is None
        assert db.path.read_bytes() == before
    finally:
        db.close(automatic_backup=False)


def test_too_many_rows_are_refused_before_reading_them(export, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    db = open_db(tmp_path / "c" / "c.sqlite3")
    try:
        before = db.path.read_bytes()
        preview = preview_import(db.sessions, [export])
        assert "rows" in preview.refused[0].reason
        assert db.path.read_bytes() == before
    finally:
        db.close(automatic_backup=False)


def test_errors_name_sheet_row_column_rule_and_value(export, tmp_path):
    hostile = rewrite(export, tmp_path / "x.xlsx", set_cell("meetings", "number", "kolme"))
    db = open_db(tmp_path / "c" / "c.sqlite3")
    try:
        (error,) = preview_import(db.sessions, [hostile]).files[0].errors
    finally:
        db.close(automatic_backup=False)
    assert dataclasses.astuple(error)[:3] == ("meetings", 2, "number")
    assert error.value == "kolme" and "not a valid value" in error.rule


def test_a_refused_file_among_good_ones_leaves_the_others_to_import(export, tmp_path):
    cut = _truncated(export, tmp_path)
    db = open_db(tmp_path / "c" / "c.sqlite3")
    try:
        preview = preview_import(db.sessions, [cut, export])
        result = apply_import(db, preview)
        assert [f.status for f in result.files] == [FileStatus.REFUSED, FileStatus.OK]
        assert result.backup_path is not None and result.backup_path.is_file()
        assert snapshot(db.sessions)["meetings"]
    finally:
        db.close(automatic_backup=False)


def test_one_answer_twice_under_two_ids_is_one_record(export, tmp_path):
    def twice(book):
        sheet = book["answers"]
        values = [c.value for c in sheet[2]]
        values[0] = str(uuid.uuid4())  # the same response and question, another id
        sheet.append(values)

    doubled = rewrite(export, tmp_path / "doubled.xlsx", twice)
    db = open_db(tmp_path / "c" / "c.sqlite3")
    try:
        preview = preview_import(db.sessions, [doubled])
        assert preview.files[0].status is FileStatus.OK, preview.files[0].reason
        apply_import(db, preview)
        assert len(snapshot(db.sessions)["answers"]) == 1
    finally:
        db.close(automatic_backup=False)


CELL_VALUES = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
    st.sampled_from(["", "=1+1", "2026-13-45", "ei", str(uuid.uuid4()), "present"]),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_value_in_any_cell_is_imported_or_refused_in_a_sentence(export, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    book = load_workbook(export)
    sheet = book[data.draw(st.sampled_from(book.sheetnames[2:]))]
    if sheet.max_row < 2:
        return
    column = data.draw(st.integers(1, sheet.max_column))
    sheet.cell(2, column).value = data.draw(CELL_VALUES)
    book.save(folder / "changed.xlsx")
    db = open_db(folder / "c" / "c.sqlite3")
    try:
        before = db.path.read_bytes()
        preview = preview_import(db.sessions, [folder / "changed.xlsx"])
        (item,) = preview.files
        if item.status is FileStatus.REFUSED:
            assert item.reason.endswith(".") and "Traceback" not in item.reason
            apply_import(db, preview)
            assert db.path.read_bytes() == before
        else:
            assert apply_import(db, preview).applied
    finally:
        db.close(automatic_backup=False)


def test_a_file_cannot_claim_to_have_seen_exports_made_after_itself(export, tmp_path):
    """A 'seen' time beyond the file's own export time (a clock set wrong, a hand-edited file)
    would hide every change made here since: it counts as the file's export time."""
    from datetime import UTC, datetime

    def seen_the_future(book):
        sheet = book["seen"]
        sheet.append(["7b7f0e0c-0000-4000-8000-000000000001", "", "2099-01-01T00:00:00Z"])

    claimed = sync_read.read_sync_file(rewrite(export, tmp_path / "claims.xlsx", seen_the_future))
    seen = claimed.seen()
    assert seen == {("7b7f0e0c-0000-4000-8000-000000000001", ""): claimed.exported_at}
    assert claimed.exported_at < datetime(2099, 1, 1, tzinfo=UTC)


def test_a_file_exported_after_this_computers_now_warns_of_a_wrong_clock(export, tmp_path):
    from pierglass_desktop.services.sync_import import file_note

    def from_the_future(book):
        _meta(book, "exported_at", "2099-01-01T00:00:00Z")

    ahead = rewrite(export, tmp_path / "ahead.xlsx", from_the_future)
    db = open_db(tmp_path / "c" / "c.sqlite3")
    try:
        preview = preview_import(db.sessions, [ahead, export])
    finally:
        db.close(automatic_backup=False)
    first, second = preview.files
    assert first.status is FileStatus.OK and first.clock_ahead
    assert "later than this computer's clock says it is now" in file_note(first)
    assert not second.clock_ahead and file_note(second) == ""
