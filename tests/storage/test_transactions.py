"""Every write is all or nothing, DDL included (the pysqlite recipe)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, update

from pierglass_desktop.domain.models import Group, Tutor


def test_failed_action_leaves_nothing_behind(database):
    with pytest.raises(RuntimeError), database.sessions.begin() as session:
        session.add(Group(name="Half-made"))
        session.flush()
        raise RuntimeError("power cut")
    with database.sessions() as session:
        assert session.scalars(select(Group)).all() == []


def test_every_save_of_a_record_gets_a_later_stamp_even_within_one_millisecond(
    database, monkeypatch
):
    """Two saves in one millisecond, and an edit of a record stamped ahead by a laptop whose
    clock runs fast: each change is later than the one before, so a stale form is caught and
    sync takes the edit made here as the newer."""
    from datetime import UTC, datetime, timedelta

    from pierglass_desktop.domain import base

    frozen = datetime(2026, 12, 1, 9, 0, 0, 123000, tzinfo=UTC)
    monkeypatch.setattr(base, "utcnow", lambda: frozen)
    with database.sessions.begin() as session:
        tutor = Tutor(name="Aino Virtanen")
        session.add(tutor)
    stamps = [tutor.updated_at]
    for email in ("aino@example.fi", "aino.virtanen@example.fi"):
        with database.sessions.begin() as session:
            session.get(Tutor, tutor.id).email = email
        with database.sessions() as session:
            stamps.append(session.get(Tutor, tutor.id).updated_at)
    assert stamps == [
        frozen,
        frozen + timedelta(milliseconds=1),
        frozen + timedelta(milliseconds=2),
    ]

    ahead = frozen + timedelta(hours=1)  # arrived from a laptop an hour fast
    with database.sessions.begin() as session:  # as an import writes it, stamps kept
        session.execute(update(Tutor).where(Tutor.id == tutor.id).values(updated_at=ahead))
    with database.sessions.begin() as session:
        session.get(Tutor, tutor.id).name = "Aino Aaltonen"
    with database.sessions() as session:
        assert session.get(Tutor, tutor.id).updated_at == ahead + timedelta(milliseconds=1)


def test_ddl_rolls_back_with_the_transaction(database):
    with pytest.raises(RuntimeError), database.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        raise RuntimeError("migration step failed")
    assert "scratch" not in inspect(database.engine).get_table_names()


def test_changes_are_stamped_with_time_and_this_installation(database):
    with database.sessions.begin() as session:
        tutor = Tutor(name="Aino Virtanen")
        session.add(tutor)
    first_update = tutor.updated_at
    assert tutor.origin == database.installation_id
    assert tutor.created_at == first_update

    with database.sessions.begin() as session:
        again = session.get(Tutor, tutor.id)
        again.email = "aino@example.fi"
    assert again.updated_at >= first_update
    assert again.created_at == tutor.created_at
    assert again.updated_at.tzinfo is not None
