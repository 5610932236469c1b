"""The participant-hours workbook of the 200-group demo database (every group), against
openpyxl's write-only mode writing the same cells as plain values (the floor), and its memory:
the writer's peak allocation for those rows and for ten times as many (flat means the same).
Target: at most 1.3x the floor.
Run: PYTHONPATH=src python bench/hours_workbook.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def _time(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _database() -> Path:
    path = RESULTS / "hours-200.sqlite3"
    if not path.exists():
        RESULTS.mkdir(exist_ok=True)
        command = [sys.executable, "-m", "pierglass_desktop", "demo", "--groups", "200"]
        subprocess.run([*command, "--database", str(path)], check=True, capture_output=True)
    return path


def _floor(report, output: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("hours")
    sheet.append(["Person", "Code", "Group", "Sessions", "Hours", "First", "Last"])
    for r in report.rows:
        sheet.append([r.person, r.pseudonym, r.group, r.meetings, r.hours, r.first, r.last])
    workbook.save(output)


def _peak(fn) -> int:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    from pierglass_desktop.reports.hours_workbook import hours_workbook
    from pierglass_desktop.services.hours import hours_data
    from pierglass_desktop.storage.database import reading

    with reading(_database()) as sessions, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = hours_data(sessions)
        hours_workbook(report, folder / "warm.xlsx")
        floor = _time(lambda: _floor(report, folder / "floor.xlsx"))
        writing = _time(lambda: hours_workbook(report, folder / "h.xlsx"))
        reading_time = _time(lambda: hours_data(sessions))
        ten = replace(report, rows=report.rows * 10)
        small_peak = _peak(lambda: hours_workbook(report, folder / "p1.xlsx"))
        big_peak = _peak(lambda: hours_workbook(ten, folder / "p10.xlsx"))
    rows = len(report.rows)
    print(f"rows: {rows} people-in-groups over {len(report.groups)} groups")
    print(f"floor (openpyxl write-only, same cells): {floor * 1000:.1f} ms")
    print(f"hours workbook: {writing * 1000:.1f} ms = {writing / floor:.2f}x floor")
    print(f"reading the hours (one transaction): {reading_time * 1000:.1f} ms")
    print(
        f"writer's peak allocation: {small_peak / 2**20:.1f} MiB for {rows} rows, "
        f"{big_peak / 2**20:.1f} MiB for {rows * 10} rows"
    )


if __name__ == "__main__":
    main()
