"""The command-line table calls a field what the form and the list call it."""

from __future__ import annotations

from datetime import date

import pytest

from pierglass_desktop.cli import main
from pierglass_desktop.domain.fields import PARTICIPANT
from pierglass_desktop.i18n import set_language
from pierglass_desktop.services import participants
from pierglass_desktop.storage.database import open_database

FIELD_COLUMNS = ("last_name", "first_name", "company_name", "business_id", "municipality")


@pytest.fixture
def one_person(tmp_path):
    path = tmp_path / "people.sqlite3"
    db = open_database(path)
    person = participants.ParticipantInput("Aino", "Virtanen", municipality="Pori")
    participants.create_participant(db.sessions, person, today=date(2026, 11, 28))
    db.close(automatic_backup=False)
    return path


@pytest.mark.parametrize("language", ["en", "fi"])
def test_coordinator_reads_the_same_column_names_as_in_the_form(one_person, capsys, language):
    set_language(language)
    try:
        assert main(["list", "participants", "--database", str(one_person)]) == 0
        heading = capsys.readouterr().out.splitlines()[0].split("  ")
        captions = [PARTICIPANT[key].caption() for key in FIELD_COLUMNS]
    finally:
        set_language("en")
    assert [cell.strip() for cell in heading if cell.strip()][: len(FIELD_COLUMNS)] == captions
