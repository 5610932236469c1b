"""Tests of a project database on a PostgreSQL server; skipped (with the reason) without one."""

from __future__ import annotations

import pytest


@pytest.fixture
def server(pg_cluster):
    """A fresh server database with the schema, its location and URL; dropped afterwards."""
    name = pg_cluster.fresh_database()
    yield pg_cluster.location(name), pg_cluster.url(name)
    pg_cluster.drop(name)
