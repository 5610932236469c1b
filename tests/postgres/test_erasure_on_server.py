"""Erasing a person from a server database: gone from the records and the search index."""

from __future__ import annotations

from sqlalchemy import select

from meeting_fixtures import seed_group
from pierglass_desktop.domain.models import Note, Participant
from pierglass_desktop.services import search
from pierglass_desktop.services.erasure import erase_person, plan_erasure
from pierglass_desktop.storage.database import open_database


def test_an_erased_person_leaves_no_name_on_the_server(server):
    location, _url = server
    with open_database(location) as db:
        seeded = seed_group(db.sessions, members=[("Ainutlaatuinen", "Xyzzyläinen", "Oy")])
        person = seeded.participant_ids[0]
        with db.sessions.begin() as s:  # PostgreSQL's LIKE folds no case
            s.add(Note(group_id=seeded.group_id, body="AINUTLAATUINEN XYZZYLÄINEN led."))
        assert plan_erasure(db, person).backups_holding == ()  # the server's backups are its own
        result = erase_person(db, person)
        assert result.backups_holding == ()
        assert search.search(db.sessions, "Xyzzyläinen") == []
        with db.sessions() as s:
            tombstone = s.get_one(Participant, person)
            assert tombstone.deleted_at is not None and tombstone.first_name == ""
            assert s.scalars(select(Note.body).where(Note.body.contains(" led."))).all() == [
                "[…] led."
            ]
