"""`pierglass library export` and `pierglass library import` from a shell."""

from __future__ import annotations

from pierglass_desktop import cli
from pierglass_desktop.services.library_search import search_methods
from pierglass_desktop.services.methods import MethodInput, add_method
from pierglass_desktop.storage.database import open_database


def _helenas_pack_and_ainos_database(tmp_path):
    """Helena exports a pack with one method of hers; Aino has an empty database."""
    helena, aino = tmp_path / "helena.sqlite3", tmp_path / "aino.sqlite3"
    with open_database(helena) as db:
        add_method(db.sessions, MethodInput(name={"en": "Voucher pricing"}))
    open_database(aino).close(automatic_backup=False)
    pack = tmp_path / "pack.xlsx"
    args = ["library", "export", "--output", str(pack), "--source", "Helena"]
    assert cli.main([*args, "--database", str(helena)]) == 0
    return pack, aino


def test_export_then_import_into_another_database(tmp_path, capsys):
    pack, aino = _helenas_pack_and_ainos_database(tmp_path)
    assert cli.main(["library", "import", str(pack), "--database", str(aino)]) == 0
    assert "Imported from Helena: 1 new" in capsys.readouterr().out
    assert cli.main(["library", "import", str(pack), "--database", str(aino)]) == 0
    assert "Nothing new" in capsys.readouterr().out
    with open_database(aino) as db:
        rows = search_methods(db.sessions, "helena")  # the source is searchable too
    assert [(r.name, r.source) for r in rows] == [("Voucher pricing", "Helena")]


def test_preview_says_what_would_come_and_writes_nothing(tmp_path, capsys):
    pack, aino = _helenas_pack_and_ainos_database(tmp_path)
    capsys.readouterr()
    before = aino.read_bytes()
    assert cli.main(["library", "import", str(pack), "--preview", "--database", str(aino)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("From Helena, saved ")
    assert "Methods: 1 new, 0 updated, 0 already up to date." in out
    assert out[-1] == "Nothing was written: this was a preview."
    assert aino.read_bytes() == before
    with open_database(aino) as db:
        assert [r for r in search_methods(db.sessions, "voucher") if not r.builtin] == []


def test_import_of_a_file_that_is_not_a_pack_says_so_in_one_line(tmp_path, capsys):
    database = tmp_path / "aino.sqlite3"
    open_database(database).close(automatic_backup=False)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really")
    assert cli.main(["library", "import", str(junk), "--database", str(database)]) == 1
    err = capsys.readouterr().err.strip()
    assert "not a Pier-glass library pack" in err and "\n" not in err


def _method_with_purpose(database, length: int) -> None:
    """A method whose purpose is ``length`` characters (as an old version could store)."""
    from pierglass_desktop.domain.models import Method

    with open_database(database) as db, db.sessions.begin() as s:
        s.add(Method(name={"en": "Long story"}, purpose={"fi": "x" * length}, source=""))


def test_the_longest_text_a_cell_holds_travels_both_ways(tmp_path, capsys):
    from pierglass_desktop.exchange.limits import CELL_TEXT_LIMIT

    helena, aino = tmp_path / "helena.sqlite3", tmp_path / "aino.sqlite3"
    _method_with_purpose(helena, CELL_TEXT_LIMIT)
    open_database(aino).close(automatic_backup=False)
    pack = tmp_path / "pack.xlsx"
    assert cli.main(["library", "export", "--output", str(pack), "--database", str(helena)]) == 0
    assert cli.main(["library", "import", str(pack), "--database", str(aino)]) == 0
    assert "Imported from" in capsys.readouterr().out


def test_export_of_an_over_long_text_names_the_method_and_field_in_one_line(tmp_path, capfd):
    from pierglass_desktop.exchange.limits import CELL_TEXT_LIMIT

    helena = tmp_path / "helena.sqlite3"
    _method_with_purpose(helena, CELL_TEXT_LIMIT + 1)
    pack = tmp_path / "pack.xlsx"
    args = ["library", "export", "--output", str(pack), "--database", str(helena)]
    assert cli.main(args) == 1
    import gc

    gc.collect()  # a half-built workbook left behind would complain as it is collected
    out, err = capfd.readouterr()
    assert err.strip().count("\n") == 0 and "Traceback" not in err + out
    assert "The method “Long story”, field “purpose_fi”" in err
    assert "32767" in err.replace(",", "") and not pack.exists()


def test_import_into_a_missing_database_leaves_no_file_behind(tmp_path, capsys):
    pack, _aino = _helenas_pack_and_ainos_database(tmp_path)
    missing = tmp_path / "nobody.sqlite3"
    for extra in ([], ["--preview"]):
        assert cli.main(["library", "import", str(pack), *extra, "--database", str(missing)]) == 1
        assert "There is no database" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("nobody")) == []


def test_a_refused_import_leaves_a_new_database_byte_for_byte_as_it_was(tmp_path, capsys):
    database = tmp_path / "aino.sqlite3"
    open_database(database).close(automatic_backup=False)
    before = database.read_bytes()
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really")
    assert cli.main(["library", "import", str(junk), "--database", str(database)]) == 1
    assert "Nothing was imported." in capsys.readouterr().err
    assert database.read_bytes() == before


def test_preview_refuses_a_number_beyond_its_range_as_the_import_would(tmp_path, capsys):
    from openpyxl import load_workbook

    pack, aino = _helenas_pack_and_ainos_database(tmp_path)
    book = load_workbook(pack)
    header = [c.value for c in book["methods"][1]]
    book["methods"].cell(row=2, column=header.index("group_min") + 1, value=str(2**70))
    book.save(pack)
    for extra in (["--preview"], []):
        assert cli.main(["library", "import", str(pack), *extra, "--database", str(aino)]) == 1
        err = capsys.readouterr().err.strip()
        assert "row 2, column “group_min”" in err and "\n" not in err
        assert "Traceback" not in err
