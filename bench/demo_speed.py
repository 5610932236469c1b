"""How long `pierglass demo --groups 200` takes, against the floor of writing the same rows.

    python bench/demo_speed.py [--groups 200] [--runs 3]

(a) the whole command as a user runs it: a new process, a new database, the project written in
    one transaction, everything committed with synchronous=FULL; target under 15 s at 200 groups.
(f) the floor, measured in the same run: the very same rows (read back from (a)'s database)
    written with raw sqlite3 executemany into an empty database with the same schema and
    pragmas, in one transaction. a/f says what generating the data and SQLAlchemy cost on top.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src"
TARGET_SECONDS = 15.0
PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
)


def run_demo(database: Path, groups: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(SOURCE))
    command = [sys.executable, "-m", "pierglass_desktop", "demo", "--database", str(database)]
    started = time.perf_counter()
    subprocess.run([*command, "--groups", str(groups)], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def read_everything(database: Path) -> tuple[list[str], dict[str, list[tuple]]]:
    """The schema statements in creation order and every table's rows."""
    from pierglass_desktop.storage.search_index import is_index_table

    # The floor writes the records only; the search index (FTS5 shadow tables and the triggers
    # that feed it; the app has no other triggers) is the app's own extra work.
    with sqlite3.connect(database) as connection:
        entries = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL "
            "ORDER BY rowid"
        ).fetchall()
        kept = [
            e
            for e in entries
            if e[0] != "trigger" and not (is_index_table(e[1]) or is_index_table(e[2]))
        ]
        schema = [sql for _type, _name, _table, sql in kept]
        tables = [name for kind, name, _table, _sql in kept if kind == "table"]
        rows = {t: connection.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    return schema, rows


def floor_write(target: Path, schema: list[str], rows: dict[str, list[tuple]]) -> float:
    """Raw executemany of the same rows into the same empty schema, one transaction."""
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        for pragma in PRAGMAS:
            connection.execute(pragma)
        for statement in schema:
            connection.execute(statement)
        started = time.perf_counter()
        connection.execute("BEGIN")
        for table, values in rows.items():  # sqlite_master order: parents before children
            if values:
                marks = ", ".join("?" for _ in values[0])
                connection.executemany(f'INSERT INTO "{table}" VALUES ({marks})', values)
        connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pierglass-bench-") as folder:
        folder = Path(folder)
        demo_times = [run_demo(folder / f"demo-{n}.sqlite3", args.groups) for n in range(args.runs)]
        schema, rows = read_everything(folder / "demo-0.sqlite3")
        floors = [
            floor_write(folder / f"floor-{n}.sqlite3", schema, rows) for n in range(args.runs)
        ]
    total_rows = sum(len(values) for values in rows.values())
    a, f = statistics.median(demo_times), statistics.median(floors)
    verdict = "ok" if a < TARGET_SECONDS else "OVER TARGET"
    print(f"pierglass demo --groups {args.groups}: {total_rows} rows, median of {args.runs} runs")
    target = f"target < {TARGET_SECONDS:.0f} s: {verdict}"
    print(f"  (a) the command, start to exit          {a:7.2f} s  ({target})")
    print(f"  (f) raw executemany of the same rows    {f:7.2f} s  ({total_rows / f:,.0f} rows/s)")
    print(f"  a/f = {a / f:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
