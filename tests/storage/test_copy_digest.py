"""The file's side of a copy's check is taken from the rows as they are read for the copy; it
must be the digest SQLite renders for the same rows, or every copy would be refused (or, worse,
a real difference could hide behind a rendering difference)."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
)

from pierglass_desktop.demo.generator import create_demo_database
from pierglass_desktop.storage import copy as copying


def _both_digests(connection, table):
    """The digest taken in the copy's pass, and the one SQLite renders itself."""
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    order = copying._key_order(connection, table)
    cursor = connection.connection.driver_connection.cursor()
    cursor.execute(f'SELECT {names} FROM "{table.name}" ORDER BY {order}')
    digest = copying._FileDigest(table)
    for _part in digest.passing(cursor):
        pass
    return digest.result(), copying._summary(connection, table)


def test_coordinators_demo_file_digests_the_same_in_the_copy_pass_and_in_sqlite(tmp_path):
    path = tmp_path / "project.sqlite3"
    create_demo_database(path, groups=2, seed=3)
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(  # a tombstone and a NULL or two must render alike
                "UPDATE notes SET deleted_at = updated_at WHERE id IN "
                "(SELECT id FROM notes ORDER BY id LIMIT 2)"
            )
            counted = {}
            for table in copying._tables():
                passed, rendered = _both_digests(connection, table)
                assert passed == rendered, table.name
                counted[table.name] = passed.rows
            assert counted["notes"] > 2 and counted["attendance"] > 0
    finally:
        engine.dispose()


_TABLE = Table(
    "odd_values",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("words", Text),
    Column("code", String(36)),
    Column("number", Integer),
    Column("flag", Boolean),
    Column("data", LargeBinary),
    Column("stamp", DateTime),
)

# SQLite keeps whatever kind of value a column is given: each column gets the kinds it can
# hold on the server too (bytes only where bytes belong). Text without NUL: PostgreSQL cannot
# store it, so such a value never passes a copy anyway.
_TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"))
_INT = st.integers(-(2**63), 2**63 - 1)
_ROW = st.tuples(
    st.none() | _TEXT | _INT,
    st.none() | _TEXT,
    st.none() | _INT | _TEXT,
    st.none() | st.sampled_from([0, 1]),
    st.none() | st.binary(max_size=20) | _TEXT | _INT,
    st.none() | _TEXT,
)


def _digests_agree(rows):
    raw = sqlite3.connect(":memory:")
    raw.execute(
        "CREATE TABLE odd_values (id INTEGER PRIMARY KEY, words TEXT, code VARCHAR(36), "
        "number INTEGER, flag BOOLEAN, data BLOB, stamp DATETIME)"
    )
    raw.executemany(
        "INSERT INTO odd_values VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(i, *row) for i, row in enumerate(rows)],
    )
    raw.commit()
    engine = create_engine("sqlite://", creator=lambda: raw)
    with engine.connect() as connection:
        passed, rendered = _both_digests(connection, _TABLE)
    engine.dispose()
    assert passed == rendered
    assert passed.rows == len(rows)


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(_ROW, max_size=6))
def test_any_stored_value_digests_the_same_in_the_copy_pass_and_in_sqlite(rows):
    _digests_agree(rows)


def test_numbers_that_sqlite_stores_as_floating_point_digest_the_same():
    # Numeric affinity stores these texts as REAL (a 19-digit number is past the integers'
    # range), which SQLite renders with 15 digits and Python's str() with 17.
    texts = ["9300000000000001030", "1e999", "-1e999", "1.5", "1e20", "0.1", "-2.5e-7"]
    _digests_agree([(text, None, text, None, None, text) for text in texts])
