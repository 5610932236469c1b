"""Properties of the exchange base and of library packs, over generated data."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.exchange.library_import import import_library
from pierglass_desktop.exchange.library_pack import export_library
from pierglass_desktop.exchange.workbook import (
    ROW_KEY,
    Column,
    Sheet,
    WorkbookFormat,
    clean_text,
    read_workbook,
    write_workbook,
)
from pierglass_desktop.services.library import (
    MethodInput,
    add_method,
    clean_user_text,
    edit_method,
    get_method,
)
from pierglass_desktop.storage.database import open_database

FMT = WorkbookFormat(
    "pierglass-test",
    1,
    (
        Sheet(
            "things",
            (
                Column("id", "id", required=True),
                Column("text"),
                Column("n", "int"),
                Column("flag", "bool"),
                Column("at", "datetime"),
            ),
        ),
    ),
)
texts = st.text(max_size=200)
moments = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)).map(
    lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000, tzinfo=UTC)
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.uuids(), texts, st.integers(-(10**12), 10**12) | st.none(), st.booleans(), moments
        ),
        max_size=8,
    )
)
def test_workbook_gives_back_what_it_was_given(rows):
    records = [{"id": str(u), "text": t, "n": n, "flag": f, "at": a} for u, t, n, f, a in rows]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        write_workbook(path, FMT, {"things": records}, origin="o", about=["test"])
        read = read_workbook(path, FMT, what="test file")
    back = [{k: v for k, v in r.items() if k != ROW_KEY} for r in read.sheets["things"]]
    assert back == [{**r, "text": clean_text(r["text"])} for r in records]
    assert read.meta.origin == "o"


method_inputs = st.builds(
    MethodInput,
    name=st.fixed_dictionaries({"fi": st.text(min_size=1, max_size=40).filter(clean_user_text)}),
    purpose=st.fixed_dictionaries({"fi": texts, "en": texts}),
    steps=st.fixed_dictionaries({"en": texts}),
    category=st.sampled_from(list(MethodCategory)),
    duration_minutes=st.integers(1, 600),
    tags=st.lists(st.text(min_size=1, max_size=15), max_size=4).map(tuple),
)


def _details(sessions, ids):
    return [get_method(sessions, i) for i in ids]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(method_inputs, min_size=1, max_size=4), st.data())
def test_pack_round_trip_and_merge_is_idempotent_and_newest_wins(inputs, data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a").mkdir()
        (root / "b").mkdir()
        with (
            open_database(root / "a" / "a.sqlite3") as a,
            open_database(root / "b" / "b.sqlite3") as b,
        ):
            ids = [add_method(a.sessions, m).id for m in inputs]
            pack = export_library(a.sessions, root / "p1.xlsx", source="A", origin="a")
            import_library(b, pack)
            sent, got = _details(a.sessions, ids), _details(b.sessions, ids)
            assert [(d.name, d.purpose, d.steps, d.category, d.tags) for d in got] == [
                (d.name, _clean(d.purpose), _clean(d.steps), d.category, d.tags) for d in sent
            ]
            assert not import_library(b, pack).changed
            changed = data.draw(st.sampled_from(ids))
            edit_method(a.sessions, changed, MethodInput(name={"en": "Newest"}))
            import_library(b, export_library(a.sessions, root / "p2.xlsx", source="A", origin="a"))
            assert get_method(b.sessions, changed).name == {"en": "Newest"}
            assert not import_library(b, pack).changed  # the older pack loses


def _clean(texts: dict[str, str]) -> dict[str, str]:
    return {k: clean_text(v) for k, v in texts.items() if clean_text(v)}
