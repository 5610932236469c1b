"""Journey 5 on the command line: Pekka pulls the project together at month end.

Nine tutors' files at once: one saved in LibreOffice Calc on the way, one from an older version
of the program, one damaged. Then the entrepreneur who joined two groups is merged, the
project's figures count her once, and a tutor's next file does not bring her back twice. On
SQLite and on a PostgreSQL server.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from pierglass_desktop import cli
from pierglass_desktop.domain.models import Group, Participant
from pierglass_desktop.exchange.sync_format import SYNC_FORMAT
from pierglass_desktop.exchange.workbook import WorkbookFormat
from sync_helpers import build_world, open_db, rewrite

# Tutor, group, and the group's two members (the first agreed to sharing her name).
TUTORS = (
    ("Aino Aaltonen", "Kotihoidon yrittäjät, Pori", (("Liisa", "Laine"), ("Jussi", "Jokinen"))),
    ("Bertta Blomqvist", "Hoiva-alan yrittäjät, Rauma", (("Liisa", "Laine"), ("Kaisa", "Koski"))),
    ("Cecilia Carlsson", "Perhepäivähoitajat, Turku", (("Mikko", "Mäki"), ("Sari", "Salo"))),
    ("Daniel Dahl", "Fysioterapeutit, Tampere", (("Olli", "Ojala"), ("Pirjo", "Puro"))),
    ("Eeva Eskola", "Jalkahoitajat, Oulu", (("Riikka", "Rinne"), ("Sami", "Sirola"))),
    ("Fanni Forsman", "Kotisiivous, Vaasa", (("Tiina", "Toivonen"), ("Ulla", "Uusitalo"))),
    ("Gunnar Gustafsson", "Ikäihmisten palvelut, Kuopio", (("Veera", "Virta"), ("Aki", "Aho"))),
    ("Hanna Heikkilä", "Lastensuojelu, Lahti", (("Elina", "Eklund"), ("Harri", "Hakala"))),
    ("Iida Ilves", "Mielenterveys, Joensuu", (("Ilona", "Itkonen"), ("Janne", "Jussila"))),
)
CALC, OLDER, DAMAGED = 2, 3, 8


@pytest.fixture
def newer_format(monkeypatch):
    """The program at a fabricated format version 2, which adds the 'evidence' sheet; its
    upgrade fills a version-1 file's tutors' organisation as it is read."""
    from pierglass_desktop.exchange import sync_read
    from pierglass_desktop.services import sync_export, sync_import

    def upgrade_1_to_2(sheets):
        for tutor in sheets["tutors"]:
            tutor["organisation"] = tutor["organisation"] or "Työpeili-hanke"

    newer = WorkbookFormat(SYNC_FORMAT.name, 2, SYNC_FORMAT.sheets)
    monkeypatch.setattr(sync_export, "SYNC_FORMAT", newer)
    monkeypatch.setattr(sync_read, "SYNC_FORMAT", newer)
    monkeypatch.setattr(sync_read, "UPGRADES", {1: upgrade_1_to_2})
    monkeypatch.setattr(sync_import, "FORMAT_VERSION", 2)


@pytest.fixture
def coordinator(engine_kind, request, tmp_path) -> str:
    """Where Pekka's project lives: a new file, or an empty database on a server."""
    if engine_kind == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.fresh_database()
        request.addfinalizer(lambda: cluster.drop(name))
        return cluster.url(name)
    (tmp_path / "project").mkdir()
    return str(tmp_path / "project" / "project.sqlite3")


def _tutor(folder: Path, number: int) -> Path:
    """One tutor's database, with business IDs left empty: only Liisa is one person twice."""
    tutor, group, people = TUTORS[number]
    path = folder / f"tutor{number}" / "tutor.sqlite3"
    with open_db(path) as db:
        build_world(db.sessions, tutor=tutor, group=group, people=people)
        with db.sessions.begin() as s:
            for person in s.scalars(select(Participant)):
                person.business_id = ""
    return path


def _export(tutor: Path, output: Path) -> Path:
    args = ["export", "sync", "--no-encrypt", "--output", str(output), "--database", str(tutor)]
    assert cli.main(args) == 0
    return output


def _older(book) -> None:
    """What version 1 of the program wrote: no 'evidence' sheet, and its version number."""
    del book["evidence"]
    for key, value in book["_meta"].iter_rows(min_row=2):
        if key.value == "format_version":
            value.value = "1"


def _saved_in_calc(path: Path) -> None:
    out = path.parent / "calc"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shutil.move(out / path.name, path)


def _month_end_files(tmp_path: Path) -> tuple[Path, list[Path]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = []
    for number, (tutor, _group, _people) in enumerate(TUTORS):
        name = f"{number + 1}-{tutor.split()[0].lower()}.xlsx"
        files.append(_export(_tutor(tmp_path, number), inbox / name))
    _saved_in_calc(files[CALC])
    rewrite(files[OLDER], files[OLDER], _older)
    files[DAMAGED].write_bytes(files[DAMAGED].read_bytes()[:3000])
    return inbox, files


def _json(capsys, *args: str):
    assert cli.main([*args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_pekka_imports_nine_files_merges_liisa_and_reports_her_once(
    newer_format, coordinator, engine_kind, tmp_path, capsys
):
    inbox, files = _month_end_files(tmp_path)
    capsys.readouterr()
    database = ("--database", coordinator)

    # Nine files at once, as a folder: the damaged one is refused, the other eight land.
    code = cli.main(["import", str(inbox), *database])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    lines = {line.split(":")[0]: line for line in out.splitlines() if ".xlsx:" in line}
    assert len(lines) == 9, (out, err)
    assert "refused." in lines[files[DAMAGED].name]
    assert all("new" in lines[f.name] for n, f in enumerate(files) if n != DAMAGED)
    assert "saved in LibreOffice Calc on the way; read as exported" in out
    assert "made by an older version of Pier-glass; read as current" in out
    assert "Imported 8 files." in out
    assert ("A backup made before the import" in out) == (engine_kind == "sqlite")

    groups = _json(capsys, "list", "groups", "--json", *database)
    assert sorted(g["name"] for g in groups) == sorted(
        group for n, (_t, group, _p) in enumerate(TUTORS) if n != DAMAGED
    )
    tutors = _json(capsys, "list", "tutors", "--json", *database)
    older_tutor = next(t for t in tutors if t["name"] == TUTORS[OLDER][0])
    assert older_tutor["organisation"] == "Työpeili-hanke"  # the upgrade ran on its file

    # The same file again changes nothing; the damaged one is still refused.
    assert cli.main(["import", *map(str, files), *database]) == 1
    out = capsys.readouterr().out
    assert out.count("imported before; nothing to do") == 8

    # Liisa joined two groups: one probable duplicate, merged into one record.
    (pair,) = _json(capsys, "person", "duplicates", "--json", *database)
    assert {pair["first"]["last_name"], pair["second"]["last_name"]} == {"Laine"}
    assert set(pair["reasons"]) == {"email", "name_birth_year"}
    before = _json(capsys, "report", "indicators", "--json", *database)
    keep, other = pair["first"]["id"], pair["second"]["id"]
    assert cli.main(["person", "merge", keep, other, "--yes", *database]) == 0
    assert "now one: Liisa Laine" in capsys.readouterr().out
    after = _json(capsys, "report", "indicators", "--json", *database)
    assert after["participants"]["count"] == before["participants"]["count"] - 1 == 15
    assert after["groups"]["count"] == 8

    # The funder's report, in Finnish, as PDF and as a workbook a spreadsheet program reads.
    pdf, xlsx = tmp_path / "raportti.pdf", tmp_path / "raportti.xlsx"
    for output in (pdf, xlsx):
        report = ["--language", "fi", "report", "project", "--output", str(output)]
        assert cli.main([*report, *database]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    indicators = load_workbook(xlsx, read_only=True).worksheets[0]
    rows = indicators.iter_rows(min_row=2, max_col=3, values_only=True)
    figures = {label: value for _section, label, value in rows}
    assert figures["Osallistujat (eri henkilöt)"] == 15
    assert figures["Ryhmät"] == 8

    # Bertta's next file still holds Liisa's old record: it does not bring her back twice.
    bertta = tmp_path / "tutor1" / "tutor.sqlite3"
    with open_db(bertta) as db, db.sessions.begin() as s:
        liisa = s.scalars(select(Participant).where(Participant.last_name == "Laine")).one()
        liisa.phone = "040 123 4567"
        s.scalars(select(Group)).one().description = "Syksyn ryhmä"
    capsys.readouterr()
    again = _export(bertta, tmp_path / "bertta-december.xlsx")
    capsys.readouterr()
    assert cli.main(["import", str(again), *database]) == 0
    capsys.readouterr()
    assert _json(capsys, "person", "duplicates", "--json", *database) == []
    final = _json(capsys, "report", "indicators", "--json", *database)
    assert final["participants"]["count"] == 15
