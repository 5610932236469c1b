"""A tutor's project export of the 200-group demo database (`pierglass demo --groups 200`).

Measured (a fresh process): `export_sync` of every group to a workbook, peak memory growth.
Floor, in the same run: the same tables' rows read with plain sqlite3 and written as the same
cells (one sheet per table, every column, texts as text) with openpyxl's write-only mode.
Prints both and their ratio (target ≤ 1.3) and both peak memory growths (target: flat, i.e.
not growing with the rows).
Run: PYTHONPATH=src python bench/sync_export.py [--groups 200]
The demo database is built once into bench/results/ and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SRC = Path(__file__).resolve().parents[1] / "src"

MEASURED = """
import json, os, resource, sys, time
from pathlib import Path
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.services.sync_export import export_sync
import openpyxl, sqlalchemy.orm
db = open_database(Path(sys.argv[1]))
with db.sessions() as s:
    s.execute(sqlalchemy.text("SELECT 1"))
start_rss = rss()
start = time.perf_counter()
plan = export_sync(db.sessions, Path(sys.argv[2]))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
db.close(automatic_backup=False)
print(json.dumps({"seconds": seconds, "rows": plan.total, "growth": peak - start_rss,
                  "size": Path(sys.argv[2]).stat().st_size}))
"""

FLOOR = """
import json, os, resource, sqlite3, sys, time
from pathlib import Path
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from pierglass_desktop.exchange.workbook import QUOTED_STARTS as QUOTED
from pierglass_desktop.exchange.sync_format import ENTITIES, STAMPS
start_rss = rss()
start = time.perf_counter()
connection = sqlite3.connect(sys.argv[1])
book = Workbook(write_only=True)
count = 0
for entity in ENTITIES:
    keys = [*STAMPS, *entity.value_keys]
    sheet = book.create_sheet(entity.sheet)
    sheet.append(keys)
    query = f'SELECT {", ".join(keys)} FROM {entity.table.name}'
    for row in connection.execute(query):
        cells = []
        for value in row:
            # A text openpyxl would take for a formula or an error code gets a cell of its own;
            # every other value is written as it is, the fastest way openpyxl has.
            if isinstance(value, str) and (value[:1] in QUOTED or value in ERROR_CODES):
                value = WriteOnlyCell(sheet, value=value)
                value.data_type = "s"
            cells.append(value)
        sheet.append(cells)
        count += 1
book.save(sys.argv[2])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "rows": count, "growth": peak - start_rss,
                  "size": Path(sys.argv[2]).stat().st_size}))
"""


def demo(groups: int) -> Path:
    from pierglass_desktop.demo.generator import create_demo_database

    path = RESULTS / f"sync-demo-{groups}.sqlite3"
    if not path.exists():
        RESULTS.mkdir(exist_ok=True)
        create_demo_database(path, groups=groups)
    return path


def run(code: str, database: Path, output: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(database), str(output)],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    database = demo(args.groups)
    floors, exports = [], []
    with tempfile.TemporaryDirectory() as work:
        for n in range(args.runs):
            floors.append(run(FLOOR, database, Path(work) / f"floor{n}.xlsx"))
            exports.append(run(MEASURED, database, Path(work) / f"export{n}.xlsx"))
    floor = min(floors, key=lambda r: r["seconds"])
    got = min(exports, key=lambda r: r["seconds"])
    mib = 1024 * 1024
    print(f"demo database: {args.groups} groups, {got['rows']:,} rows exported")
    print(
        f"floor (sqlite3 + openpyxl write-only, same cells): {floor['seconds']:.2f} s, "
        f"peak growth {floor['growth'] / mib:.0f} MiB"
    )
    print(
        f"export_sync: {got['seconds']:.2f} s, peak growth {got['growth'] / mib:.0f} MiB, "
        f"{got['size'] / mib:.1f} MiB on disk"
    )
    print(f"ratio: {got['seconds'] / floor['seconds']:.2f} (target ≤ 1.3)")


if __name__ == "__main__":
    main()
