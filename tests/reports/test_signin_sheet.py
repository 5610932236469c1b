"""The sign-in sheet read back from the PDF, and the signed sheet attached back as evidence."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from meeting_fixtures import seed_group, set_membership
from pierglass_desktop.cli import main
from pierglass_desktop.domain.errors import Conflict, NotFound, ValidationError
from pierglass_desktop.reports.signin import write_signin_sheet
from pierglass_desktop.services import evidence, signoff


def _text(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_sheet_has_the_header_members_with_companies_and_blank_rows(sessions, tmp_path):
    seeded = seed_group(sessions, meetings=2)
    set_membership(sessions, seeded.group_id, seeded.participant_ids[3], date(2026, 10, 1))
    output = write_signin_sheet(sessions, tmp_path / "sheet.pdf", seeded.meeting_ids[0])
    (page,) = _text(output)
    for expected in (
        "Sign-in sheet",
        "Kotihoidon yrittäjät, Pori",
        "Session 1: Theme 1",
        "3 Sep 2026",
        "17:00",
        "20:00",
        "Pori, Yrityspalvelut",
        "Aino Aaltonen",
        "Arrival",
        "Leaving",
        "Signature",
        "Liisa Laine",
        "Kotihoito Laine",
        "Järvisen Hoiva Oy",
    ):
        assert expected in page, expected
    assert "Sanna Salo" not in page  # joined only at the second session
    # Three members, then five numbered blank rows for newcomers.
    assert "\n8" in page and "\n9" not in page


def test_long_list_breaks_cleanly_with_the_headings_on_every_page(sessions, tmp_path):
    members = [(f"Member{i:02d}", f"Surname{i:02d}", f"Company {i:02d}") for i in range(40)]
    seeded = seed_group(sessions, members=members, meetings=1)
    pages = _text(write_signin_sheet(sessions, tmp_path / "long.pdf", seeded.meeting_ids[0]))
    assert len(pages) >= 2
    for page in pages:
        assert "Signature" in page and "Kotihoidon yrittäjät, Pori · session 1" in page
    everyone = "".join(pages)
    assert all(f"Member{i:02d} Surname{i:02d}" in everyone for i in range(40))


def test_markup_in_names_prints_literally(sessions, tmp_path):
    seeded = seed_group(sessions, members=[("<b>Olli", "O'Neil & Co", "<img src='x'>")])
    (page,) = _text(write_signin_sheet(sessions, tmp_path / "x.pdf", seeded.meeting_ids[0]))
    assert "<b>Olli O'Neil & Co" in page and "<img src='x'>" in page


@pytest.mark.sqlite_only  # about the SQLite file itself
def test_cli_prints_the_sheet_for_a_session(database, db_path, tmp_path, capsys):
    seeded = seed_group(database.sessions, meetings=1)
    database.close(automatic_backup=False)
    output = tmp_path / "cli.pdf"
    code = main(
        [
            "print",
            "signin",
            "--session",
            seeded.meeting_ids[0],
            "--output",
            str(output),
            "--database",
            str(db_path),
        ]
    )
    assert code == 0 and "Liisa Laine" in _text(output)[0]
    assert (
        main(
            [
                "print",
                "signin",
                "--session",
                "nope",
                "--output",
                str(output),
                "--database",
                str(db_path),
            ]
        )
        == 1
    )
    assert "The session was not found" in capsys.readouterr().err


def test_unknown_session_is_a_sentence(sessions, tmp_path):
    with pytest.raises(NotFound):
        write_signin_sheet(sessions, tmp_path / "none.pdf", "missing")
    assert not (tmp_path / "none.pdf").exists()


JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


def test_photo_of_the_signed_sheet_is_kept_once_with_the_session(sessions, tmp_path):
    seeded = seed_group(sessions, meetings=1, held=1)
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(JPEG)
    first = evidence.attach_signin_evidence(sessions, seeded.meeting_ids[0], photo, "Page 1")
    again = evidence.attach_signin_evidence(sessions, seeded.meeting_ids[0], photo)
    assert first == again
    assert (first.media_type, first.size, first.caption) == ("image/jpeg", len(JPEG), "Page 1")
    assert evidence.signin_evidence(sessions, seeded.meeting_ids[0]) == [first]
    copy = evidence.save_evidence_copy(sessions, first.link_id, tmp_path / "copy.jpg")
    assert copy.read_bytes() == JPEG


def test_wrong_big_or_missing_files_are_refused_with_a_sentence(sessions, tmp_path):
    seeded = seed_group(sessions, meetings=1)
    meeting = seeded.meeting_ids[0]
    text = tmp_path / "notes.txt"
    text.write_text("not a photo")
    big = tmp_path / "big.jpg"
    big.write_bytes(JPEG + b"\x00" * 2048)
    for path, limit in ((text, 10_000), (big, 1024), (tmp_path / "gone.jpg", 10_000)):
        with pytest.raises(ValidationError) as caught:
            evidence.attach_signin_evidence(sessions, meeting, path, max_bytes=limit)
        assert "file" in caught.value.fields
        assert path.name in str(caught.value)
    assert evidence.signin_evidence(sessions, meeting) == []


def test_signed_off_session_takes_no_more_evidence(sessions, tmp_path):
    seeded = seed_group(sessions, meetings=1, held=1)
    signoff.sign_off(sessions, seeded.meeting_ids[0], actor="Aino")
    photo = tmp_path / "late.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with pytest.raises(Conflict):
        evidence.attach_signin_evidence(sessions, seeded.meeting_ids[0], photo)


def test_saving_the_evidence_where_it_cannot_be_written_is_a_sentence(sessions, tmp_path):
    from pierglass_desktop.domain.errors import StorageError

    seeded = seed_group(sessions, meetings=1)
    photo = tmp_path / "sheet.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"signed" * 100)
    attached = evidence.attach_signin_evidence(sessions, seeded.meeting_ids[0], photo)
    with pytest.raises(StorageError, match="could not be written"):
        evidence.save_evidence_copy(sessions, attached.link_id, tmp_path / "no-folder" / "x.png")
