"""The questionnaires ship with the program and are in every database it opens."""

from sqlalchemy import select, text

from pierglass_desktop.domain.assessment import Instrument
from pierglass_desktop.storage import builtin_instruments


def test_new_database_has_who5_and_self_assessment_in_both_languages(sessions):
    with sessions() as s:
        found = {i.code: i for i in s.scalars(select(Instrument))}
    assert set(found) == {"who5", "selfassessment"}
    who5 = found["who5"]
    assert [i["key"] for i in who5.items] == ["q1", "q2", "q3", "q4", "q5"]
    assert who5.items[0]["text"]["en"] == "I have felt cheerful and in good spirits"
    assert all(i["text"]["fi"] for i in who5.items)
    own = found["selfassessment"].items
    assert 8 <= len(own) <= 10
    assert all(i["min"] == 1 and i["max"] == 5 and i["text"]["fi"] for i in own)


def test_who5_tells_its_wording_may_not_change():
    entry = builtin_instruments.definition("who5")
    assert entry["unchanged_wording"] is True
    assert "unchanged" in entry["notice"]["en"]
    assert set(entry["anchors"]) == {"0", "1", "2", "3", "4", "5"}


def test_database_with_an_older_who5_row_keeps_its_id(db_path):
    from pierglass_desktop.storage.database import open_database

    db = open_database(db_path)
    with db.sessions.begin() as s:
        who5 = s.scalars(select(Instrument).where(Instrument.code == "who5")).one()
        s.execute(Instrument.__table__.delete().where(Instrument.code == "selfassessment"))
        table = Instrument.__table__
        s.execute(table.update().where(table.c.code == "who5").values(id="older-id", version="0"))
        s.execute(text("DELETE FROM app_meta WHERE key = 'builtin_instruments_version'"))
    db.close(automatic_backup=False)
    db = open_database(db_path)
    with db.sessions() as s:
        rows = {i.code: (i.id, i.version) for i in s.scalars(select(Instrument))}
    db.close(automatic_backup=False)
    assert who5.code == "who5"
    assert rows["who5"] == ("older-id", "1998")
    assert "selfassessment" in rows
