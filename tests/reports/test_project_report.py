"""The coordinator writes the project report for a period and reads it back."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from pierglass_desktop.cli import main
from pierglass_desktop.demo.generator import build_demo
from report_fixtures import pdf_pages, qpdf_ok

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from pierglass_desktop.storage.database import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with open_database(path) as db:
        build_demo(db.sessions, groups=3, seed=7, today=TODAY)
    return path


def _run(db_path, *args) -> int:
    return main(["report", *args, "--database", str(db_path)])


def test_project_report_pdf_in_finnish_holds_the_indicators(demo_db, tmp_path, capsys):
    output = tmp_path / "projekti.pdf"
    assert _run(demo_db, "project", "--language", "fi", "--output", str(output)) == 0
    qpdf_ok(output)
    text = "\n".join(pdf_pages(output))
    assert "Projektiraportti" in text
    assert "Osallistujat (eri henkilöt)" in text
    capsys.readouterr()
    assert _run(demo_db, "indicators", "--json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert f"Osallistujat (eri henkilöt)\n{figures['participants']['count']}\n" in text


def test_project_workbook_for_a_period_reads_back(demo_db, tmp_path, capsys):
    output = tmp_path / "project.xlsx"
    code = _run(
        demo_db, "project", "--from", "2026-01-01", "--to", "2026-06-30", "--output", str(output)
    )
    assert code == 0
    capsys.readouterr()
    _run(demo_db, "indicators", "--json", "--from", "2026-01-01", "--to", "2026-06-30")
    figures = json.loads(capsys.readouterr().out)
    book = openpyxl.load_workbook(output)
    rows = {r[1]: r[2] for r in book["Indicators"].iter_rows(min_row=2, values_only=True)}
    assert rows["Participants (unique persons)"] == figures["participants"]["count"]
    assert rows["Sessions held"] == figures["meetings_held"]["count"]
    assert figures["period"] == {"from": "2026-01-01", "to": "2026-06-30"}
    assert book["Missing data"].max_row >= 1


def test_a_group_given_to_the_project_report_is_refused_not_ignored(demo_db, tmp_path, capsys):
    output = tmp_path / "project.pdf"
    assert _run(demo_db, "project", "--group", "any-group", "--output", str(output)) == 1
    err = capsys.readouterr().err
    assert "covers every group" in err and "Traceback" not in err
    assert not output.exists()


def test_indicators_without_json_is_one_sentence(demo_db, capsys):
    assert _run(demo_db, "indicators") != 0
    err = capsys.readouterr().err
    assert "--json" in err and "Traceback" not in err


def test_self_assessment_radar_prints_when_five_or_more_answered(tmp_path):
    from sqlalchemy import select

    from pierglass_desktop.domain.enums import AssessmentPhase, FillMode
    from pierglass_desktop.domain.people import Group
    from pierglass_desktop.reports.project_report import project_report_pdf
    from pierglass_desktop.services.answers import answer_sheet, save_group_answers
    from pierglass_desktop.services.indicators import indicators
    from pierglass_desktop.storage.database import open_database

    with open_database(tmp_path / "p.sqlite3") as db:
        build_demo(db.sessions, groups=1, seed=7, today=TODAY)
        with db.sessions() as s:
            group = s.scalar(select(Group.id))
        for phase, value, day in (
            (AssessmentPhase.START, 2, date(2025, 9, 1)),
            (AssessmentPhase.END, 4, date(2026, 11, 1)),
        ):
            sheet = answer_sheet(db.sessions, group, "selfassessment", phase, day)
            rows = {r.participant_id: {i.key: value for i in sheet.items} for r in sheet.rows[:5]}
            save_group_answers(
                db.sessions, group, "selfassessment", phase, day, FillMode.TOGETHER, rows
            )
        found = indicators(db.sessions)
    own = found.self_assessment
    assert own.start.count == 5 and own.item_start["digital"] == 2.0
    assert own.item_latest["digital"] == 4.0 and own.change.value == 2.0
    output = project_report_pdf(found, tmp_path / "p.pdf")
    text = "\n".join(pdf_pages(output))
    assert "Self-assessment, start and latest" in text
    assert "Digital working" in text
