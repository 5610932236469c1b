"""A bulk load's settings last for the load only, on SQLite: a larger page cache, and plain
indexes built after the rows; a server keeps its own."""

from __future__ import annotations

import pytest

from pierglass_desktop.storage.bulk import (
    SMALLEST_PAGE_CACHE_KIB,
    bulk_page_cache,
    cache_kib_for,
    plain_indexes_built_after,
)


def _cache(connection) -> int:
    return connection.exec_driver_sql("PRAGMA cache_size").scalar()


@pytest.mark.parametrize(
    ("megabytes", "cache_mb"),
    [(0, 32), (50, 32), (64, 32), (200, 100), (256, 128), (560, 128), (4096, 128)],
)
def test_the_cache_is_half_the_database_within_its_bounds(megabytes, cache_mb):
    assert cache_kib_for(megabytes * 1024 * 1024) == cache_mb * 1024


def test_the_larger_cache_ends_with_the_step_even_when_it_fails(database, engine_kind):
    if engine_kind == "postgresql":
        with database.engine.connect() as connection, bulk_page_cache(connection):
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1  # nothing to set
        return
    with database.engine.connect() as connection:
        usual = _cache(connection)
        with bulk_page_cache(connection):
            assert _cache(connection) == -SMALLEST_PAGE_CACHE_KIB  # a new file is small
        assert _cache(connection) == usual
        with pytest.raises(RuntimeError), bulk_page_cache(connection):
            raise RuntimeError
        assert _cache(connection) == usual


def _indexes(connection) -> list[tuple[str, str, str]]:
    """The explicit indexes, read without leaving a transaction begun."""
    if not connection.in_transaction():
        with connection.begin():
            return _indexes(connection)
    return connection.exec_driver_sql(
        "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "ORDER BY name"
    ).all()


@pytest.mark.sqlite_only
def test_plain_indexes_are_built_again_after_the_rows_and_unique_ones_stay(database):
    with database.engine.connect() as connection:
        before = _indexes(connection)
        with connection.begin():
            with plain_indexes_built_after(connection, ["attendance", "memberships"]):
                inside = _indexes(connection)
                gone = {name for _table, name, _sql in before} - {n for _t, n, _s in inside}
                assert gone, "the plain indexes of the tables named are dropped"
                assert {table for table, name, _sql in before if name in gone} == {
                    "attendance",
                    "memberships",
                }
                assert not any(
                    "UNIQUE" in sql.split(" ON ")[0] for _t, n, sql in before if n in gone
                )
            assert _indexes(connection) == before  # built again, the same
        assert _indexes(connection) == before


@pytest.mark.sqlite_only
def test_a_failed_load_gets_its_indexes_back_from_the_rollback(database):
    with database.engine.connect() as connection:
        before = _indexes(connection)
        with (
            pytest.raises(RuntimeError),
            connection.begin(),
            plain_indexes_built_after(connection, ["attendance"]),
        ):
            raise RuntimeError
        assert _indexes(connection) == before


def test_inside_the_block_sqlite_has_dropped_plain_indexes_and_a_server_none(database, engine_kind):
    count = {
        "sqlite": "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name = 'attendance'",
        "postgresql": "SELECT count(*) FROM pg_indexes WHERE tablename = 'attendance'",
    }[engine_kind]
    with database.engine.connect() as connection, connection.begin():
        before = connection.exec_driver_sql(count).scalar()
        with plain_indexes_built_after(connection, ["attendance"]):
            inside = connection.exec_driver_sql(count).scalar()
        assert connection.exec_driver_sql(count).scalar() == before
    assert inside < before if engine_kind == "sqlite" else inside == before
