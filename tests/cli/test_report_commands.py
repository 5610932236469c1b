"""`pierglass report`: the group's documents from the command line; bad input is one sentence,
a non-zero exit and no file left behind."""

from __future__ import annotations

import threading

import openpyxl
import pytest

from pierglass_desktop.cli import main
from report_fixtures import group_with_history, pdf_pages, qpdf_ok


@pytest.fixture
def history_db(database, db_path):
    history = group_with_history(database.sessions)
    database.close(automatic_backup=False)
    return history, db_path


def _run(db_path, *args) -> int:
    return main(["report", *args, "--database", str(db_path)])


def test_coordinator_writes_the_group_report_in_finnish(history_db, tmp_path, capsys):
    history, db_path = history_db
    output = tmp_path / "raportti.pdf"
    code = _run(
        db_path, "group", "--group", history.group_id, "--language", "fi", "--output", str(output)
    )
    assert code == 0 and output.exists()
    qpdf_ok(output)
    assert "Ryhmäraportti" in pdf_pages(output)[0]


def test_certificate_of_one_member(history_db, tmp_path):
    history, db_path = history_db
    output = tmp_path / "todistus.pdf"
    code = _run(
        db_path,
        "certificates",
        "--group",
        history.group_id,
        "--participant",
        history.people[0],
        "--output",
        str(output),
    )
    assert code == 0
    (page,) = pdf_pages(output)
    assert "Liisa Laine" in page


def test_hours_of_every_group_and_the_group_workbook(history_db, tmp_path):
    history, db_path = history_db
    hours = tmp_path / "tunnit.xlsx"
    assert _run(db_path, "hours", "--output", str(hours)) == 0
    assert openpyxl.load_workbook(hours).active["A2"].value
    book = tmp_path / "ryhma.xlsx"
    assert _run(db_path, "group", "--group", history.group_id, "--output", str(book)) == 0
    assert "Attendance" in openpyxl.load_workbook(book).sheetnames


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["group", "--output", "{out}/a.pdf"], "Give the group with --group ID."),
        (["hours", "--format", "pdf", "--output", "{out}/a.pdf"], "as xlsx only"),
        (["hours", "--output", "{out}/a.pdf"], "as xlsx only"),
        (["group", "--group", "nope", "--output", "{out}/a.pdf"], "no longer in the database"),
        (
            ["group", "--group", "{group}", "--from", "2026-13-01", "--output", "{out}/a.pdf"],
            "--from needs a date",
        ),
        (
            ["group", "--group", "{group}", "--participant", "x", "--output", "{out}/a.pdf"],
            "leave the person out",
        ),
        (
            [
                "group",
                "--group",
                "{group}",
                "--from",
                "2026-12-01",
                "--to",
                "2026-11-01",
                "--output",
                "{out}/a.pdf",
            ],
            "before the start date",
        ),
        (["group", "--group", "{group}", "--output", "{out}/no/such/a.pdf"], "does not exist"),
        (["hours", "--from", "2026-01-01", "--output", "{out}/a.xlsx"], "leave the dates out"),
    ],
)
def test_bad_input_is_one_sentence_and_leaves_no_file(history_db, tmp_path, capsys, args, sentence):
    history, db_path = history_db
    args = [a.format(out=tmp_path, group=history.group_id) for a in args]
    assert _run(db_path, *args) == 1
    err = capsys.readouterr().err
    assert sentence in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("a.*"))


def test_failure_while_writing_removes_the_partial_file(history_db, tmp_path, monkeypatch, capsys):
    from pierglass_desktop.domain.errors import StorageError
    from pierglass_desktop.reports import group_report

    def broken(report, output):
        output.write_bytes(b"%PDF-half")
        raise StorageError("The disk is full.")

    monkeypatch.setattr(group_report, "group_report_pdf", broken)
    history, db_path = history_db
    output = tmp_path / "half.pdf"
    assert _run(db_path, "group", "--group", history.group_id, "--output", str(output)) == 1
    assert not output.exists()
    assert "The disk is full." in capsys.readouterr().err


def test_document_language_changes_only_the_rendering_thread():
    from pierglass_desktop.i18n import _, current_language, in_language

    seen = {}
    inside = threading.Event()
    release = threading.Event()

    def render():
        with in_language("fi"):
            seen["worker"] = _("Group report")
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=render)
    worker.start()
    inside.wait(5)
    seen["window"] = _("Group report")  # the window keeps speaking its own language
    release.set()
    worker.join()
    assert seen == {"worker": "Ryhmäraportti", "window": "Group report"}
    assert current_language() == "en"
