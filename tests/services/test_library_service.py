"""The method library: built-ins arrive once, the user's own can be added, edited, copied."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event, func, select

from pierglass_desktop.domain.enums import MethodCategory
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError
from pierglass_desktop.domain.models import Method, PlanTemplate, TemplateItem
from pierglass_desktop.services import builtin_methods
from pierglass_desktop.services.builtin_methods import builtin_method_id, ensure_builtin_library
from pierglass_desktop.services.library_search import search_methods
from pierglass_desktop.services.methods import (
    MethodInput,
    add_method,
    delete_method,
    duplicate_method,
    edit_method,
    get_method,
    set_method_tags,
)
from pierglass_desktop.storage.database import open_database


def _own(name="Kahvikuppikeskustelu", **kw) -> MethodInput:
    return MethodInput(
        name={"fi": name, "en": "Coffee-cup talk"},
        purpose={"fi": "Vapaa vaihto", "en": "Free exchange of tips"},
        **kw,
    )


def test_builtin_library_has_thirty_complete_methods_in_both_languages():
    data = builtin_methods.builtin_resource()
    assert len(data["methods"]) >= 30
    for entry in data["methods"]:
        for name in ("name", "purpose", "steps"):
            assert entry[name]["fi"].strip() and entry[name]["en"].strip(), entry["key"]
        assert entry["name"]["fi"] != entry["name"]["en"] or entry["key"] == "one-two-four-all"
        assert set(entry["tags"]) <= set(data["tags"])
    keys = {e["key"] for e in data["methods"]}
    for template in data["templates"]:
        assert {i["method"] for i in template["items"]} <= keys


def test_a_new_database_has_the_builtins_and_ensuring_again_writes_nothing(db_path):
    with open_database(db_path) as database:
        sessions = database.sessions
        with sessions() as s:
            count = s.scalar(select(func.count()).select_from(Method))
            stamp = s.get(Method, builtin_method_id("peer-consultation")).updated_at
            templates = s.scalar(select(func.count()).select_from(PlanTemplate))
        assert count == len(builtin_methods.builtin_resource()["methods"])
        assert templates >= 2
        assert ensure_builtin_library(sessions) is False
    before = db_path.read_bytes()
    with open_database(db_path) as database:  # a second start
        assert ensure_builtin_library(database.sessions) is False
        with database.sessions() as s:
            assert s.get(Method, builtin_method_id("peer-consultation")).updated_at == stamp
    assert db_path.read_bytes() == before


def _statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_the_builtins_are_installed_in_bulk_when_an_older_file_is_opened(db_path):
    with open_database(db_path) as database, database.engine.begin() as connection:
        for table in ("template_items", "plan_templates", "methods"):
            connection.exec_driver_sql(f"DELETE FROM {table}")  # as an earlier version left it
        connection.exec_driver_sql("DELETE FROM app_meta WHERE key = 'builtin_library_version'")
    with open_database(db_path) as database:
        with database.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Method)) == len(
                builtin_methods.builtin_resource()["methods"]
            )
        with database.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM template_items")
            connection.exec_driver_sql("DELETE FROM app_meta WHERE key = 'builtin_library_version'")
        seen = _statements(database.engine)
        assert ensure_builtin_library(database.sessions) is True
        writes = [q for q in seen if not q.lstrip().upper().startswith("SELECT")]
        assert len(writes) < 10, writes  # one executemany per table, not one row at a time
        with database.sessions() as s:
            items = s.scalar(select(func.count()).select_from(TemplateItem))
        assert items == sum(
            len(t["items"]) for t in builtin_methods.builtin_resource()["templates"]
        )


def test_changed_builtin_file_updates_builtins_but_not_the_users_own(
    sessions, tmp_path, monkeypatch
):
    ensure_builtin_library(sessions)
    mine = add_method(sessions, _own())
    data = json.loads(builtin_methods.builtin_path().read_text(encoding="utf-8"))
    data["methods"][0]["name"]["en"] = "Check-in round, renewed"
    data["methods"] = [m for m in data["methods"] if m["key"] != "six-thinking-hats"]
    changed = tmp_path / "library" / "methods.json"
    changed.parent.mkdir()
    changed.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(builtin_methods, "builtin_path", lambda: changed)
    assert ensure_builtin_library(sessions) is True
    names = {row.name for row in search_methods(sessions)}
    assert "Check-in round, renewed" in names
    assert "Six thinking hats" not in names  # removed from the file: tombstoned
    assert get_method(sessions, mine.id).name["fi"] == "Kahvikuppikeskustelu"


def test_search_finds_by_name_purpose_and_tag_in_current_language(sessions, finnish):
    ensure_builtin_library(sessions)
    assert [r.name for r in search_methods(sessions, "konsultaatio")] == [
        "Kollegiaalinen konsultaatio"
    ]
    voucher = {r.name for r in search_methods(sessions, "palveluseteli")}  # a tag label
    assert "Palvelukuvaus palvelusetelihakuun" in voucher
    assert search_methods(sessions, "PEER CONSULTATION") == []  # English words, Finnish screen
    digital = search_methods(sessions, category=MethodCategory.DIGITAL)
    assert digital and all(r.category is MethodCategory.DIGITAL for r in digital)


def test_search_needs_every_word_and_ignores_case(sessions):
    ensure_builtin_library(sessions)
    rows = search_methods(sessions, "PEER consultation")
    assert [r.name for r in rows] == ["Peer consultation"]
    assert search_methods(sessions, "peer zebra") == []


def test_builtin_cannot_be_edited_but_its_copy_can(sessions):
    ensure_builtin_library(sessions)
    builtin = builtin_method_id("fishbowl")
    with pytest.raises(Conflict, match="Duplicate"):
        edit_method(sessions, builtin, _own())
    with pytest.raises(Conflict):
        delete_method(sessions, builtin)
    copy = duplicate_method(sessions, builtin)
    assert copy.name == "Fishbowl (copy)" and not copy.builtin
    detail = get_method(sessions, copy.id)
    assert detail.name["fi"] == "Kalamalja (kopio)"
    assert detail.copied_from_id == builtin
    edited = edit_method(sessions, copy.id, _own("Oma kalamalja", duration_minutes=50))
    assert edited.duration_minutes == 50
    assert get_method(sessions, builtin).name["en"] == "Fishbowl"


def test_user_tags_deletes_and_validation(sessions):
    mine = add_method(sessions, _own())
    tagged = set_method_tags(sessions, mine.id, [" Kahvi ", "kahvi", "", "verkostot"])
    assert tagged.tags == ("kahvi", "verkostot")
    assert [r.id for r in search_methods(sessions, "verkostot")] == [mine.id]
    delete_method(sessions, mine.id)
    assert search_methods(sessions, "verkostot") == []
    with pytest.raises(NotFound):
        get_method(sessions, mine.id)
    with pytest.raises(ValidationError) as error:
        add_method(
            sessions,
            MethodInput(name={"fi": " \x08 "}, duration_minutes=0, group_min=5, group_max=2),
        )
    assert set(error.value.fields) == {"name", "duration_minutes", "group_size"}


def test_two_open_databases_keep_their_own_library_search(tmp_path):
    with (
        open_database(tmp_path / "helena.sqlite3") as helena,
        open_database(tmp_path / "aino.sqlite3") as aino,
    ):
        assert helena.library_cache is not aino.library_cache
        assert search_methods(helena.sessions, "kahvikuppi") == []
        assert search_methods(aino.sessions, "kahvikuppi") == []
        mine = add_method(helena.sessions, _own())
        assert [r.id for r in search_methods(helena.sessions, "coffee-cup")] == [mine.id]
        assert search_methods(aino.sessions, "coffee-cup") == []
        assert "en" in aino.library_cache.entries  # Aino's rows stay in Aino's cache


def test_an_edit_empties_the_search_cache_and_the_next_search_sees_it(database):
    sessions = database.sessions
    mine = add_method(sessions, _own())
    assert search_methods(sessions, "coffee-cup")
    assert "en" in database.library_cache.entries
    edit_method(sessions, mine.id, _own(name="Teehetki"))
    assert database.library_cache.entries == {}  # emptied by the edit, not by chance
    assert [r.name for r in search_methods(sessions, "Teehetki", language="fi")] == ["Teehetki"]
    set_method_tags(sessions, mine.id, ["verkostot"])
    assert [r.id for r in search_methods(sessions, "verkostot")] == [mine.id]
