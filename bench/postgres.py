"""A project database on PostgreSQL against the same work on SQLite (issue 15).

1. Import: the coordinator imports 20 tutors' exports (about 100,000 rows) into a new database,
   `import_files` as `pierglass import FOLDER` does (read, back up, merge once), once into a SQLite
   file and once into a PostgreSQL database. Ratio PostgreSQL / SQLite (target ≤ 1.5).
2. Copy: `pierglass copy` of the 200-group demo database into an empty PostgreSQL database
   (schema, every row, search index, the per-table counts and digests compared). Floor, in the
   same run: the same rows read with plain sqlite3 and loaded with psycopg's `COPY … FROM STDIN`
   into the same schema made beforehand (not timed). Ratio copy / floor (target ≤ 1.3).
   Also shown, not a target: the same COPY into bare tables with the indexes and foreign keys
   built after the rows, timed (as pg_restore and the copy itself load), about twice as fast
   as the floor, which keeps every index up and checks every key row by row.

Each measurement runs in a fresh process. A throwaway PostgreSQL cluster (initdb + pg_ctl on a
Unix socket, as the tests use, but with PostgreSQL's default fsync settings, as SQLite keeps
synchronous=FULL) is started for the run and removed after.
Run: PYTHONPATH=src python bench/postgres.py [--runs 3] [--tutors 20] [--groups 200]
                                            [--only import|copy]
Each figure is the best of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT / "tests")]

IMPORT = """
import json, sys, time
from pathlib import Path
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.storage.location import locate
from pierglass_desktop.services.sync_import import import_files
import openpyxl, sqlalchemy.orm
db = open_database(locate(sys.argv[2]))
start = time.perf_counter()
preview, result = import_files(db, [Path(sys.argv[1])])
seconds = time.perf_counter() - start
db.close(automatic_backup=False)
print(json.dumps({"seconds": seconds, "rows": sum(f.total("new") for f in result.files)}))
"""

# The modules the copy imports when it runs are imported before the clock, as the floor imports
# psycopg, SQLAlchemy and the models before its clock: both sides time the work, not Python.
COPY = """
import json, sys, time
from pierglass_desktop.storage.copy import copy_database
from pierglass_desktop.storage.location import locate
import sqlalchemy.orm, psycopg
import pierglass_desktop.domain.models, pierglass_desktop.storage.database
import pierglass_desktop.storage.schema, pierglass_desktop.storage.search_pg
import pierglass_desktop.storage.server
start = time.perf_counter()
result = copy_database(locate(sys.argv[1]), locate(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start, "rows": result.rows}))
"""

# The floor: the same rows read with sqlite3 and loaded with COPY into the same schema, made
# before the clock starts (argv[4] "schema"). For comparison, not the target's floor (argv[4]
# "bare"): COPY into bare tables (primary keys only), then the indexes and foreign keys built
# over the rows, timed, as pg_restore and the copy do; the floor pays index upkeep and a key
# check per row, about twice the time.
FLOOR = """
import json, sqlite3, sys, time
import psycopg
from pierglass_desktop.domain.models import Base
from sqlalchemy import create_engine
from sqlalchemy.schema import CreateIndex, CreateTable
engine = create_engine(sys.argv[2])
tables = Base.metadata.sorted_tables
after = []
if sys.argv[4] == "schema":
    Base.metadata.create_all(engine)
else:
    with engine.begin() as connection:
        for table in tables:
            connection.execute(CreateTable(table, include_foreign_key_constraints=[]))
    dialect = engine.dialect
    compiler = dialect.ddl_compiler(dialect, None)
    after = [str(CreateIndex(i).compile(dialect=dialect)) for t in tables for i in t.indexes] + [
        f"ALTER TABLE {compiler.preparer.format_table(t)} ADD {compiler.process(c)}"
        for t in tables for c in t.foreign_key_constraints
    ]
engine.dispose()
start = time.perf_counter()
source = sqlite3.connect(sys.argv[1])
rows = 0
with psycopg.connect(sys.argv[3]) as target, target.cursor() as cursor:
    for table in tables:
        names = [c.name for c in table.columns]
        columns = ", ".join(f'"{n}"' for n in names)
        with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in source.execute(f'SELECT {columns} FROM "{table.name}"'):
                copy.write_row(row)
                rows += 1
    for statement in after:
        cursor.execute(statement)
    target.commit()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows}))
"""


def run(code: str, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fresh(cluster) -> str:
    return cluster.url(cluster.empty_database())


def main() -> None:
    from postgres_cluster import Cluster, why_not
    from sync_export import demo
    from sync_import import GROUPS_PER_TUTOR, TUTORS, build_files

    parser = argparse.ArgumentParser()
    parser.add_argument("--tutors", type=int, default=TUTORS)
    parser.add_argument("--groups-per-tutor", type=int, default=GROUPS_PER_TUTOR)
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="the best of this many runs")
    parser.add_argument("--only", choices=("import", "copy"), help="measure one of the two")
    args = parser.parse_args()
    reason = why_not()
    if reason is not None:
        raise SystemExit(f"no PostgreSQL here: {reason}")
    importing, copying = args.only in (None, "import"), args.only in (None, "copy")
    files = build_files(args.tutors, args.groups_per_tutor) if importing else None
    database = demo(args.groups)
    cluster = Cluster(durable=True)
    cluster.start()
    results: dict[str, list[dict]] = {
        "sqlite": [],
        "server": [],
        "floor": [],
        "copy": [],
        "keys after": [],
    }
    try:
        for _run in range(args.runs):  # alternating, so a busy moment hits both sides alike
            if importing:
                with tempfile.TemporaryDirectory() as work:
                    results["sqlite"].append(
                        run(IMPORT, str(files), str(Path(work) / "import.sqlite3"))
                    )
                results["server"].append(run(IMPORT, str(files), _fresh(cluster)))
            if copying:
                floor_url = _fresh(cluster)
                results["floor"].append(
                    run(
                        FLOOR, str(database), floor_url, floor_url.replace("+psycopg", ""), "schema"
                    )
                )
                results["copy"].append(run(COPY, str(database), _fresh(cluster)))
                bare = _fresh(cluster)
                results["keys after"].append(
                    run(FLOOR, str(database), bare, bare.replace("+psycopg", ""), "bare")
                )
    finally:
        cluster.stop()
    if importing:
        _report_import(args, *(_best(results[k]) for k in ("sqlite", "server")))
    if copying:
        _report_copy(args, *(_best(results[k]) for k in ("floor", "copy", "keys after")))


def _best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def _report_import(args: argparse.Namespace, on_sqlite: dict, on_server: dict) -> None:
    print(f"import of {args.tutors} tutors' files ({on_sqlite['rows']:,} new rows):")
    print(f"  SQLite {on_sqlite['seconds']:.2f} s, PostgreSQL {on_server['seconds']:.2f} s")
    ratio = on_server["seconds"] / on_sqlite["seconds"]
    print(f"  ratio: {ratio:.2f} (target ≤ 1.5)")


def _report_copy(args: argparse.Namespace, floor: dict, copied: dict, keys_after: dict) -> None:
    print(f"copy of the {args.groups}-group demo ({copied['rows']:,} rows) into PostgreSQL:")
    print(f"  floor (sqlite3 read + COPY into the same schema): {floor['seconds']:.2f} s")
    print(f"  pierglass copy (schema, rows, search index, verification): {copied['seconds']:.2f} s")
    print(f"  ratio: {copied['seconds'] / floor['seconds']:.2f} (target ≤ 1.3)")
    after = keys_after["seconds"]
    print(f"  for comparison, COPY into bare tables, then indexes and keys: {after:.2f} s")
    print(f"  ratio to that: {copied['seconds'] / after:.2f} (no target)")


if __name__ == "__main__":
    main()
