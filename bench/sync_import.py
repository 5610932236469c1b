"""The coordinator imports 20 tutors' exports holding about 100,000 rows in all.

Measured (each in a fresh process, into a new database):
- `import_files`, the way `pierglass import FOLDER` does it: read and check every file whole,
  back up, merge once and commit (the figure the target is about);
- `preview_import` then `apply_import`, the way the Import page does it: the preview merges and
  rolls back while the coordinator reads it, then the import merges again and commits. The
  window's process runs Qt's threads, so it reads the files on threads (`services/read_ahead`);
  the command line, with one thread, reads them in child processes beside the merge.
Floor, in the same run: the fastest trustworthy reader of the same files (python-calamine if it
is installed, else openpyxl read-only) reading every cell of every sheet, plus a SQLAlchemy Core
bulk insert (`insert(table)` with a list of rows) of the same rows into tables of the same
names and columns (untyped, so no conversion is counted), one transaction. The import pauses
Python's cyclic garbage collector, which took a tenth of its time; the floor runs without it
too (it takes a third off the floor, which holds every row until it inserts).
Prints both, their ratio (target ≤ 1.3) and the import's peak memory growth (target < 200 MB).
Run: PYTHONPATH=src python bench/sync_import.py [--runs 3] [--tutors 20] [--groups-per-tutor 12]
With several runs the best of each side is compared, and each run's own ratio printed too.
`--into FILE` imports the same files into a copy of FILE instead (a coordinator's database that
has grown, such as the ten-year file of `scale_demo.py`): the one-pass import's time and what
the merge did, without a floor or target (the floor writes into a new database).
The tutors' files are built once into bench/results/sync-files-TxG/ and reused. Twelve groups a
tutor make 101,655 rows with today's demo (eleven made 101,033 with the demo of an earlier round,
93,000 with today's).
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


TUTORS, GROUPS_PER_TUTOR = 20, 12  # 101,655 rows with today's demo


def build_files(tutors: int, groups: int) -> Path:
    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.services.sync_export import export_sync
    from pierglass_desktop.storage.database import open_database

    folder = RESULTS / f"sync-files-{tutors}x{groups}"
    if len(list(folder.glob("*.xlsx"))) == tutors:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for n in range(tutors):
            path = Path(work) / f"tutor{n}.sqlite3"
            create_demo_database(path, groups=groups, seed=1000 + n)
            with open_database(path) as db:
                export_sync(db.sessions, folder / f"tutor{n:02d}.xlsx")
    return folder


MEASURED = """
import json, os, resource, sys, time
from pathlib import Path
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.services.sync_import import apply_import, import_files, preview_import
import openpyxl, sqlalchemy.orm
db = open_database(Path(sys.argv[2]))
files = [Path(sys.argv[1])]
start_rss = rss()
start = time.perf_counter()
if sys.argv[3] == "one-pass":
    preview, result = import_files(db, files)
    middle = start
else:
    # A window's process runs Qt's threads, so the Import page reads on threads, not children.
    from pierglass_desktop.services import read_ahead
    read_ahead._fork_is_safe = lambda: False
    preview = preview_import(db.sessions, files)
    middle = time.perf_counter()
    result = apply_import(db, preview)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
db.close(automatic_backup=False)
rows = sum(f.total("new") for f in result.files)
print(json.dumps({"seconds": seconds, "preview": middle - start, "rows": rows,
                  "refused": len(result.refused), "growth": peak - start_rss,
                  "child": children, "start": start_rss}))
"""


FLOOR = """
import gc, json, os, resource, sys, time
gc.disable()  # as the import runs: without the cyclic collector (pierglass_desktop.collector)
from pathlib import Path
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
from sqlalchemy import Column, MetaData, String, Table, create_engine, insert
try:
    from python_calamine import CalamineWorkbook
except ImportError:
    CalamineWorkbook = None
import openpyxl
start_rss = rss()
start = time.perf_counter()
sheets = {}
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    if CalamineWorkbook is not None:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names[2:]:
            rows = book.get_sheet_by_name(name).to_python()
            sheets.setdefault(name, (rows[0], []))[1].extend(rows[1:])
    else:
        book = openpyxl.load_workbook(path, read_only=True)
        for sheet in book.worksheets[2:]:
            sheet.reset_dimensions()
            rows = list(sheet.iter_rows(values_only=True))
            sheets.setdefault(sheet.title, (rows[0], []))[1].extend(rows[1:])
        book.close()
engine = create_engine("sqlite:///" + sys.argv[2])
metadata = MetaData()
tables = {
    n: Table(n, metadata, *(Column(str(k), String) for k in header))
    for n, (header, _rows) in sheets.items()
}
metadata.create_all(engine)
count = 0
with engine.begin() as connection:
    for name, (header, rows) in sheets.items():
        keys = [str(k) for k in header]
        records = [dict(zip(keys, row)) for row in rows]
        if records:
            connection.execute(insert(tables[name]), records)
        count += len(records)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "rows": count, "growth": peak - start_rss,
                  "reader": "python-calamine" if CalamineWorkbook else "openpyxl read-only"}))
"""


def run(code: str, folder: Path, database: Path, *extra: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(database), *extra],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tutors", type=int, default=TUTORS)
    parser.add_argument("--groups-per-tutor", type=int, default=GROUPS_PER_TUTOR)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--into", type=Path, help="import into a copy of this database")
    args = parser.parse_args()
    folder = build_files(args.tutors, args.groups_per_tutor)
    if args.into:
        return into_copy(folder, args.into, args.runs)
    floors, imports, two_steps = [], [], []
    for _run in range(args.runs):
        with tempfile.TemporaryDirectory() as work:
            floors.append(run(FLOOR, folder, Path(work) / "floor.sqlite3"))
            imports.append(run(MEASURED, folder, Path(work) / "import.sqlite3", "one-pass"))
            two_steps.append(run(MEASURED, folder, Path(work) / "two.sqlite3", "two-steps"))
    floor = min(floors, key=lambda r: r["seconds"])
    got = min(imports, key=lambda r: r["seconds"])
    page = min(two_steps, key=lambda r: r["seconds"])
    mib = 1024 * 1024
    print(f"files: {args.tutors}, rows in them: {floor['rows']:,}")
    print(
        f"floor ({floor['reader']} + Core bulk insert): {floor['seconds']:.2f} s, "
        f"peak growth {floor['growth'] / mib:.0f} MiB"
    )
    print(
        f"import, one pass (command line): {got['seconds']:.2f} s, {got['rows']:,} new rows, "
        f"{got['refused']} refused, peak growth {got['growth'] / mib:.0f} MiB"
    )
    if got["child"]:
        print(
            f"  the files were read in child processes beside the merge: the largest peaked at "
            f"{got['child'] / mib:.0f} MiB resident, {(got['child'] - got['start']) / mib:.0f} MiB "
            "more than the parent held when it forked (the rest is shared with the parent)"
        )
    print(f"ratio: {got['seconds'] / floor['seconds']:.2f} (target ≤ 1.3); memory target < 200 MB")
    if args.runs > 1:
        ratios = sorted(i["seconds"] / f["seconds"] for f, i in zip(floors, imports, strict=True))
        print(f"  ratio within each run: {', '.join(f'{r:.2f}' for r in ratios)}")
    print(
        f"preview, then import (Import page): {page['seconds']:.2f} s "
        f"(preview {page['preview']:.2f} s, import after confirming "
        f"{page['seconds'] - page['preview']:.2f} s), {page['rows']:,} new rows, "
        f"ratio {page['seconds'] / floor['seconds']:.2f}"
    )


def into_copy(folder: Path, database: Path, runs: int) -> None:
    """The one-pass import into a fresh copy of ``database`` each run."""
    import shutil

    taken = []
    for _run in range(runs):
        with tempfile.TemporaryDirectory() as work:
            copy = Path(work) / database.name
            shutil.copyfile(database, copy)
            taken.append(run(MEASURED, folder, copy, "one-pass"))
    best = min(taken, key=lambda r: r["seconds"])
    each = ", ".join(f"{r['seconds']:.2f}" for r in taken)
    print(
        f"import, one pass, into a copy of {database.name}: {best['seconds']:.2f} s (runs: "
        f"{each}), {best['rows']:,} new rows, {best['refused']} refused, "
        f"peak growth {best['growth'] / 2**20:.0f} MiB"
    )


if __name__ == "__main__":
    main()
