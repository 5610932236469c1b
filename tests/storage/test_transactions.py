"""Every write is all or nothing, DDL included (the pysqlite recipe)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from pierglass_desktop.domain.models import Group, Tutor


def test_failed_action_leaves_nothing_behind(database):
    with pytest.raises(RuntimeError), database.sessions.begin() as session:
        session.add(Group(name="Half-made"))
        session.flush()
        raise RuntimeError("power cut")
    with database.sessions() as session:
        assert session.scalars(select(Group)).all() == []


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
