"""An import's larger page cache lasts for the import only, on SQLite; a server keeps its own."""

from __future__ import annotations

import pytest

from pierglass_desktop.storage.engine import BULK_PAGE_CACHE_KIB, bulk_page_cache


def _cache(connection) -> int:
    return connection.exec_driver_sql("PRAGMA cache_size").scalar()


def test_the_larger_cache_ends_with_the_step_even_when_it_fails(database, engine_kind):
    if engine_kind == "postgresql":
        with database.engine.connect() as connection, bulk_page_cache(connection):
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1  # nothing to set
        return
    with database.engine.connect() as connection:
        usual = _cache(connection)
        with bulk_page_cache(connection):
            assert _cache(connection) == -BULK_PAGE_CACHE_KIB
        assert _cache(connection) == usual
        with pytest.raises(RuntimeError), bulk_page_cache(connection):
            raise RuntimeError
        assert _cache(connection) == usual
