"""Properties of the exchange base and of library packs, over generated data."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.models import Material
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
from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
from pierglass_desktop.services.localized import clean_user_text
from pierglass_desktop.services.materials import attach_file, list_attachments
from pierglass_desktop.services.methods import MethodInput, add_method, edit_method, get_method
from pierglass_desktop.services.templates import list_template_items, save_agenda_as_template
from pierglass_desktop.storage.database import open_database
from planning_helpers import make_meeting

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


@contextmanager
def two_databases():
    """Two installations in a fresh folder (hypothesis runs many examples in one test)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a").mkdir()
        (root / "b").mkdir()
        with (
            open_database(root / "a" / "a.sqlite3") as a,
            open_database(root / "b" / "b.sqlite3") as b,
        ):
            yield root, a, b


def _details(sessions, ids):
    return [get_method(sessions, i) for i in ids]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(method_inputs, min_size=1, max_size=4), st.data())
def test_pack_round_trip_and_merge_is_idempotent_and_newest_wins(inputs, data):
    with two_databases() as (root, a, b):
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


# An item of a template: its title and the files (content, caption) attached to it.
template_items = st.lists(
    st.tuples(
        st.text(min_size=1, max_size=30).filter(clean_user_text),
        st.lists(
            st.tuples(
                st.binary(max_size=3000) | st.sampled_from([b"shared worksheet"]),
                st.sampled_from(["", "Print one per member", "=A1 <b>&"]),
            ),
            max_size=3,
        ),
    ),
    min_size=1,
    max_size=4,
)


def _template_files(sessions, template_id):
    """Per item in order: the (sha256, caption) of its files; and the template's own files."""
    items = list_template_items(sessions, template_id)
    per_item = [
        sorted((f.sha256, f.caption) for f in list_attachments(sessions, template_item_id=i.id))
        for i in items
    ]
    own = sorted((f.sha256, f.caption) for f in list_attachments(sessions, template_id=template_id))
    return per_item, own


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(template_items, st.lists(st.binary(max_size=500), max_size=2))
def test_template_item_files_survive_the_round_trip_and_twice_changes_nothing(items, own_files):
    with two_databases() as (root, a, b):
        template_id = _template_with_files(a.sessions, root, items, own_files)
        pack = export_library(a.sessions, root / "p.xlsx", source="A", origin="a")
        import_library(b, pack)
        assert _template_files(b.sessions, template_id) == _template_files(a.sessions, template_id)
        assert not import_library(b, pack).changed
        with b.sessions() as s:
            stored = s.scalar(select(func.count()).select_from(Material))
        contents = {c for _t, files in items for c, _c in files} | set(own_files)
        assert stored == len(contents)  # each content kept once


def _template_with_files(sessions, root: Path, items, own_files) -> str:
    meeting = make_meeting(sessions)
    for number, (title, files) in enumerate(items):
        item = add_agenda_item(sessions, meeting.id, AgendaItemInput(title, 15))
        for index, (content, caption) in enumerate(files):
            path = root / f"item{number}-{index}.bin"
            path.write_bytes(content)
            attach_file(sessions, path, agenda_item_id=item.id, caption=caption)
    for index, content in enumerate(own_files):
        path = root / f"own{index}.bin"
        path.write_bytes(content)
        attach_file(sessions, path, meeting_id=meeting.id)
    return save_agenda_as_template(sessions, meeting.id, "Template").id
