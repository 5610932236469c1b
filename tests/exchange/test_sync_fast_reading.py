"""The coordinator's import reads sync files fast without trusting them less: formulas are found
in the zip scan's one pass (also with a namespace prefix), a cell placed far beyond the bounds
is refused before python-calamine would build a grid for it, whole columns are decoded as the
cell-by-cell reader decodes them, and stamps are stored as SQLAlchemy stores them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pierglass_desktop.exchange import limits
from pierglass_desktop.exchange.column_decode import decode_columns
from pierglass_desktop.exchange.workbook import CellError, Column, cell_decoder
from pierglass_desktop.exchange.zip_guard import _sheet_parts
from pierglass_desktop.services.sync_export import export_sync
from pierglass_desktop.services.sync_import import FileStatus, apply_import, preview_import
from sync_helpers import build_world, open_db, snapshot

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MARKUP_TEXT = '<f>1+1</f> x:f> <x:f t="shared"/> a:f/'


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fast-reading")
    tutor = open_db(folder / "tutor" / "t.sqlite3")
    try:
        build_world(tutor.sessions, text=MARKUP_TEXT)
        return export_sync(tutor.sessions, folder / "export.xlsx").output
    finally:
        tutor.close(automatic_backup=False)


def _edit_sheet(source: Path, target: Path, sheet: str, change) -> Path:
    """A copy of ``source`` with the XML of one sheet changed by ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(source) as old:
        part = next(
            p for p, title in _sheet_parts(old, set(old.NameToInfo)).items() if title == sheet
        )
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
            for item in old.infolist():
                data = old.read(item.filename)
                new.writestr(item.filename, change(data) if item.filename == part else data)
    return target


def _preview(folder: Path, path: Path):
    db = open_db(folder / "c.sqlite3")
    try:
        before = db.path.read_bytes()
        preview = preview_import(db.sessions, [path])
        apply_import(db, preview)
        return preview.files[0], before, db.path.read_bytes(), snapshot(db.sessions)
    finally:
        db.close(automatic_backup=False)


def test_text_that_looks_like_formula_markup_arrives_as_typed(export, tmp_path):
    got, _before, _after, records = _preview(tmp_path, export)
    assert got.status is FileStatus.OK, got.reason
    assert MARKUP_TEXT in {g["description"] for g in records["groups"].values()}


@pytest.mark.parametrize(
    "formula",
    [b"<x:f xmlns:x='" + MAIN + b"'>1+1</x:f>", b'<f t="shared" ref="G2:G3" si="0">1+1</f>'],
    ids=["namespace prefix", "shared formula"],
)
def test_a_formula_written_by_another_program_is_refused(export, tmp_path, formula):
    edited = _edit_sheet(
        export,
        tmp_path / "formula.xlsx",
        "meetings",
        lambda xml: xml.replace(b"<v>", formula + b"<v>", 1),
    )
    got, before, after, _records = _preview(tmp_path, edited)
    assert got.status is FileStatus.REFUSED
    assert "holds a formula" in got.reason and "meetings" in got.reason
    assert after == before


FAR_CELLS = {
    "row and cell": b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
    "single quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "spaces, no row number": b"<row><c r = 'XFD1048576'><v>1</v></c></row>",
    "lower case": b'<row><c r="xfd1048576"><v>1</v></c></row>',
    "just past the bounds": b'<row r="200001"><c r="GS200001"><v>1</v></c></row>',
}

CHILD = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
from pierglass_desktop.exchange.sync_read import RefusedFile, read_sync_file
try:
    read_sync_file(Path(sys.argv[1]))
except RefusedFile as refusal:
    print(refusal)
"""


@pytest.mark.parametrize("cell", sorted(FAR_CELLS))
def test_a_cell_placed_far_beyond_the_bounds_is_refused_without_stopping_the_program(
    export, tmp_path, cell
):
    # python-calamine builds one grid from A1 to the last position: this cell alone made it
    # allocate hundreds of gigabytes and abort the whole program. In a child process, so a
    # regression fails this test, not the test run.
    far = _edit_sheet(
        export,
        tmp_path / "far.xlsx",
        "tutors",
        lambda xml: xml.replace(b"</sheetData>", FAR_CELLS[cell] + b"</sheetData>"),
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(far)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert "cannot be imported safely" in done.stdout
    assert "tutors" in done.stdout


# ---------------------------------------------------------------- a column at a time


def _cells(kind: str, mix: str):
    """Cell values python-calamine may hand over for a column of ``kind``: the written form
    (and empty cells), near misses (what Excel, Calc or a person may leave), or anything."""
    written = {
        "id": st.uuids().map(str),
        "datetime": st.datetimes(timezones=st.just(UTC)).map(
            lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"
        ),
        "local_datetime": st.datetimes().map(lambda d: d.isoformat(timespec="seconds")),
        "date": st.dates().map(date.isoformat),
        "time": st.times().map(lambda t: t.isoformat(timespec="seconds")),
        "int": st.integers(-(2**40), 2**40).map(float),
        "bool": st.sampled_from(["true", "false"]),
        "read_text": st.text(max_size=12),
        "text": st.text(max_size=12),
        "json": st.sampled_from(['{"en": "x"}', "[1, 2]", '"a"', "3"]),
    }[kind] | st.just("")
    if mix == "written":
        return written
    near = {
        "id": st.uuids().map(lambda u: str(u).upper()) | st.uuids().map(lambda u: f" {u}"),
        "datetime": st.sampled_from(["2026-01-01T10:00:00+02:00", "2026-01-01T10:00:00"]),
        "local_datetime": st.sampled_from(["2026-01-01T10:00:00+02:00", "2026-01-01T10:00Z"]),
        "date": st.sampled_from(["2026-01-01T10:00", "20260101", " 2026-01-01"]),
        "time": st.sampled_from(["10:00:00+02:00", 0.5]),
        "int": st.sampled_from(["5", 2.5, 1e300, True]),
        "bool": st.sampled_from(["TRUE", "yes", True, 1.0]),
        "text": st.sampled_from(["a\rb", "a\x01", 12.0]),
        "read_text": st.sampled_from(["x" * 6, 7.0]),
    }.get(kind, st.just(" "))
    if mix == "near":
        return written | near
    return (
        written
        | near
        | st.one_of(
            st.text(max_size=6),
            st.integers(-5, 5),
            st.floats(allow_nan=True),
            st.booleans(),
            st.datetimes(),
            st.dates(),
            st.times(),
            st.timedeltas(max_value=timedelta(days=2), min_value=timedelta(0)),
            st.sampled_from(["TRUE", " true", "2026-01-01T10:00:00+02:00", "2026-01-01", "A1"]),
        )
    )


def _row_by_row(rows, columns):
    """What the cell-by-cell reader gives: the records, or None when a cell is refused."""
    decoders = [cell_decoder(c) for c in columns]
    records = []
    for number, row in enumerate(rows, start=2):
        values = [None if v == "" else v for v in row]
        if all(v is None for v in values):
            continue
        record = {"_row": number}
        try:
            for column, decode, raw in zip(columns, decoders, values, strict=True):
                record[column.key] = decode(raw)
        except CellError:
            return None
        records.append(record)
    return records


KINDS = ["id", "datetime", "local_datetime", "date", "time", "int", "bool", "read_text", "text"]


@st.composite
def _sheets(draw, kind: str):
    """A sheet of one column of ``kind`` and maybe a second of any kind."""
    kinds = [kind, *draw(st.lists(st.sampled_from([*KINDS, "json"]), max_size=1))]
    wide = limits.CELL_TEXT_LIMIT
    columns = [
        Column(
            f"c{i}",
            kind,
            required=draw(st.booleans()),
            max_length=draw(st.sampled_from([wide, wide, wide, 8])),
            low=draw(st.sampled_from([limits.INT_LOW, limits.INT_LOW, 0])),
            high=draw(st.sampled_from([limits.INT_HIGH, limits.INT_HIGH, 100])),
        )
        for i, kind in enumerate(kinds)
    ]
    mixes = [draw(st.sampled_from(["written", "near", "anything"])), "written"]
    cells = [_cells(c.kind, mix) for c, mix in zip(columns, mixes, strict=False)]
    rows = draw(st.lists(st.tuples(*cells).map(list), min_size=0, max_size=5))
    return columns, rows


@pytest.mark.parametrize("kind", [*KINDS, "json"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_column_at_a_time_gives_what_the_cell_by_cell_reader_gives(kind, data):
    columns, rows = data.draw(_sheets(kind))
    positions = {c.key: i for i, c in enumerate(columns)}
    got = decode_columns(rows, columns, positions, [cell_decoder(c) for c in columns], "_row")
    expected = _row_by_row(rows, columns)
    assert got == expected  # None: a cell is refused (then read row by row to name it)
    for mine, theirs in zip(got or [], expected or [], strict=True):
        for key, value in mine.items():
            assert type(value) is type(theirs[key])
            if isinstance(value, datetime):
                assert value.tzinfo is theirs[key].tzinfo


# ---------------------------------------------------------------- stamps as SQLAlchemy stores them


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]
        ),
    )
)
def test_a_stamp_is_stored_as_sqlalchemy_stores_it(moment):
    from sqlalchemy.dialects import sqlite

    from pierglass_desktop.domain.base import UTCDateTime
    from pierglass_desktop.exchange.sync_merge import _converter

    dialect = sqlite.dialect()
    column_type = UTCDateTime()
    theirs = column_type.dialect_impl(dialect).bind_processor(dialect)
    assert _converter(column_type, dialect)(moment) == theirs(moment)
    assert _converter(column_type, dialect)(None) is None


def test_a_stamp_at_midnight_keeps_its_microseconds_field():
    from pierglass_desktop.exchange.sync_merge import _sqlite_utc_text

    assert _sqlite_utc_text(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01 00:00:00.000000"
    with pytest.raises(ValueError):
        _sqlite_utc_text(datetime(2026, 1, 1))  # a naive moment is refused, as before
