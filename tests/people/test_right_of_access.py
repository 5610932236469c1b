"""Liisa asks what is stored about her; the tutor exports it all to one workbook."""

from __future__ import annotations

import sqlite3

from openpyxl import load_workbook

from people_fixtures import EMAIL, NAME
from pierglass_desktop.cli import main


def _workbook_ids(path) -> dict[str, set[str]]:
    workbook = load_workbook(path, read_only=True)
    found = {}
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if rows and "id" in rows[0]:
            column = rows[0].index("id")
            found[sheet.title] = {r[column] for r in rows[1:]}
    workbook.close()
    return found


def _referring_rows(path, person_id) -> dict[str, set[str]]:
    """Every row of every table whose foreign key points at participants (read from the file's
    own schema, so a table added later is included), and the rows owned by those rows."""
    connection = sqlite3.connect(path)
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    keys = {t: connection.execute(f"PRAGMA foreign_key_list('{t}')").fetchall() for t in tables}
    expected: dict[str, set[str]] = {"participants": {person_id}}
    for table, fks in keys.items():
        for fk in fks:
            if fk[2] == "participants" and table != "participants":
                ids = {
                    r[0]
                    for r in connection.execute(
                        f"SELECT id FROM {table} WHERE {fk[3]} = ?", (person_id,)
                    )
                }
                expected.setdefault(table, set()).update(ids)
    owned = {
        t
        for t, fks in keys.items()
        for fk in fks
        if fk[2] == "participants"
        and connection.execute(f"PRAGMA table_info('{t}')").fetchall()[
            [c[1] for c in connection.execute(f"PRAGMA table_info('{t}')")].index(fk[3])
        ][3]
    }
    for table, fks in keys.items():
        for fk in fks:
            if fk[2] in owned and expected.get(fk[2]):
                marks = ",".join("?" * len(expected[fk[2]]))
                ids = {
                    r[0]
                    for r in connection.execute(
                        f"SELECT id FROM {table} WHERE {fk[3]} IN ({marks})",
                        sorted(expected[fk[2]]),
                    )
                }
                if ids:
                    expected.setdefault(table, set()).update(ids)
    connection.close()
    return expected


def test_export_holds_every_record_that_refers_to_the_person(project, tmp_path, capsys):
    output = tmp_path / "liisa.xlsx"
    args = ["person", "export", project.person_id, "--no-encrypt", "--output", str(output)]
    assert main([*args, "--database", str(project.path)]) == 0
    got = _workbook_ids(output)
    expected = _referring_rows(project.path, project.person_id)
    assert {"attendance", "memberships", "commitments", "answers", "agenda_items"} <= {
        t for t, ids in expected.items() if ids
    }
    for table, ids in expected.items():
        assert ids <= got.get(table, set()), table
    mentions = ("notes", "commitments", "agenda_items", "attendance", "meeting_feedback")
    assert {t: len(got[f"{t}_mentioning"]) for t in mentions} == dict.fromkeys(mentions, 1)
    assert len(got["audit_entries"]) == 1


def test_export_about_sheet_speaks_the_persons_language_and_shows_origin(project, tmp_path):
    output = tmp_path / "liisa.xlsx"
    args = ["person", "export", project.person_id, "--no-encrypt", "--output", str(output)]
    args += ["--language", "fi"]
    assert main([*args, "--database", str(project.path)]) == 0
    workbook = load_workbook(output, read_only=True)
    about = [r[0] for r in workbook["About"].iter_rows(values_only=True)]
    assert about[0] == f"Mitä henkilöstä {NAME[0]} {NAME[1]} on tallennettu"
    person = list(workbook["participants"].iter_rows(values_only=True))
    header = person[0]
    assert {"origin", "updated_at", "created_at"} <= set(header)
    assert person[1][header.index("email")] == EMAIL
    workbook.close()


def test_export_of_an_unknown_id_is_one_sentence(project, tmp_path, capsys):
    args = ["person", "export", "nobody", "--no-encrypt", "--output", str(tmp_path / "x.xlsx")]
    assert main([*args, "--database", str(project.path)]) == 1
    assert "no participant with the id nobody" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
