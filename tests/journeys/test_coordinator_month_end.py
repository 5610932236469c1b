"""Journey 5 on the command line: Pekka pulls the project together at month end.

Nine tutors' files at once: one saved in LibreOffice Calc on the way, one from an older version
of the program, one damaged. Then the entrepreneur who joined two groups is merged, the
project's figures count her once, and a tutor's next file does not bring her back twice. On
SQLite and on a PostgreSQL server.
"""

from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from month_end import (
    DAMAGED,
    OLDER,
    TUTORS,
    export_for_project,
    month_end_files,
    use_newer_format,
)
from pierglass_desktop import cli
from pierglass_desktop.domain.models import Group, Participant
from sync_helpers import open_db


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


def _json(capsys, *args: str):
    assert cli.main([*args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_pekka_imports_nine_files_merges_liisa_and_reports_her_once(
    coordinator, engine_kind, tmp_path, capsys, monkeypatch
):
    use_newer_format(monkeypatch)
    inbox, files = month_end_files(tmp_path)
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
    again = export_for_project(bertta, tmp_path / "bertta-december.xlsx")
    capsys.readouterr()
    assert cli.main(["import", str(again), *database]) == 0
    capsys.readouterr()
    assert _json(capsys, "person", "duplicates", "--json", *database) == []
    final = _json(capsys, "report", "indicators", "--json", *database)
    assert final["participants"]["count"] == 15
