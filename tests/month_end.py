"""Journey 5's month-end inbox: nine tutors' sync files, one saved in LibreOffice Calc on the
way, one from an older version of the program (format version 1, read by a program whose
format is one newer than the current one, so the file is upgraded twice), one damaged. Liisa
Laine joined two groups, in Aino's and Bertta's files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sqlalchemy import select

from pierglass_desktop import cli
from pierglass_desktop.domain.models import Participant
from pierglass_desktop.exchange.sync_format import FORMAT_VERSION, SYNC_FORMAT, UPGRADES
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


def use_newer_format(monkeypatch) -> None:
    """The program at a fabricated format one newer than the current one, whose upgrade fills
    an older file's tutors' organisation as it is read (after the real upgrades)."""
    from pierglass_desktop.exchange import sync_read
    from pierglass_desktop.services import sync_export, sync_import

    def fill_organisation(sheets):
        for tutor in sheets["tutors"]:
            tutor["organisation"] = tutor["organisation"] or "Työpeili-hanke"

    newer = WorkbookFormat(SYNC_FORMAT.name, FORMAT_VERSION + 1, SYNC_FORMAT.sheets)
    monkeypatch.setattr(sync_export, "SYNC_FORMAT", newer)
    monkeypatch.setattr(sync_read, "SYNC_FORMAT", newer)
    monkeypatch.setattr(sync_read, "UPGRADES", {**UPGRADES, FORMAT_VERSION: fill_organisation})
    monkeypatch.setattr(sync_import, "FORMAT_VERSION", FORMAT_VERSION + 1)


def tutor_database(folder: Path, number: int) -> Path:
    """One tutor's database, with business IDs left empty: only Liisa is one person twice."""
    tutor, group, people = TUTORS[number]
    path = folder / f"tutor{number}" / "tutor.sqlite3"
    with open_db(path) as db:
        build_world(db.sessions, tutor=tutor, group=group, people=people)
        with db.sessions.begin() as s:
            for person in s.scalars(select(Participant)):
                person.business_id = ""
    return path


def export_for_project(tutor: Path, output: Path) -> Path:
    args = ["export", "sync", "--no-encrypt", "--output", str(output), "--database", str(tutor)]
    assert cli.main(args) == 0
    return output


def _older(book) -> None:
    """What version 1 of the format held: no 'seen' sheet, and its version number (the file
    also lacks 'evidence', which the fabricated newest format's upgrade does not mind)."""
    del book["evidence"]
    del book["seen"]
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


def month_end_files(tmp_path: Path) -> tuple[Path, list[Path]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = []
    for number, (tutor, _group, _people) in enumerate(TUTORS):
        name = f"{number + 1}-{tutor.split()[0].lower()}.xlsx"
        files.append(export_for_project(tutor_database(tmp_path, number), inbox / name))
    _saved_in_calc(files[CALC])
    rewrite(files[OLDER], files[OLDER], _older)
    files[DAMAGED].write_bytes(files[DAMAGED].read_bytes()[:3000])
    return inbox, files
