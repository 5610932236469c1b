"""The coordinator's Project page: every group's numbers and the probable duplicates.

Run: PYTHONPATH=src python bench/project_page.py [groups]
A demo project of 1,000 groups (~10,000 people, ~90,000 marks) stands for a coordinator's copy.
Floor, measured in the same run on the same file: bare sqlite3 reads of the columns the two
services need (every live person's matching columns; meetings and marks counted per group).
Target: both services together under 1 s, so opening the page never feels stuck.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from pierglass_desktop.demo.generator import create_demo_database
from pierglass_desktop.services.duplicates import find_duplicates
from pierglass_desktop.services.project_overview import project_groups
from pierglass_desktop.storage.database import open_database

ROUNDS = 5
TARGET_S = 1.0
FLOOR_SQL = (
    "SELECT id, first_name, last_name, email, business_id, birth_year FROM participants "
    "WHERE deleted_at IS NULL",
    "SELECT group_id, count(*) FROM meetings WHERE status = 'held' GROUP BY group_id",
    "SELECT m.group_id, sum(a.minutes_attended) FROM attendance a "
    "JOIN meetings m ON m.id = a.meeting_id GROUP BY m.group_id",
)


def best(fn) -> float:
    timings = []
    for _round in range(ROUNDS):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return min(timings)


def floor(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        for sql in FLOOR_SQL:
            connection.execute(sql).fetchall()
    finally:
        connection.close()


def main(groups: int) -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "coordinator.sqlite3"
    summary = create_demo_database(path, groups=groups, seed=7)
    print(f"{summary.groups} groups, {summary.participants} people, {summary.attendance} marks")
    floor_s = best(lambda: floor(path))
    with open_database(path) as database:
        overview_s = best(lambda: project_groups(database.sessions))
        duplicates_s = best(lambda: find_duplicates(database.sessions))
        pairs = len(find_duplicates(database.sessions))
    both = overview_s + duplicates_s
    print(f"floor (bare sqlite3 reads):  {floor_s * 1000:7.0f} ms")
    print(f"project_groups:              {overview_s * 1000:7.0f} ms")
    print(f"find_duplicates ({pairs} pairs): {duplicates_s * 1000:7.0f} ms")
    print(
        f"both / floor: {both / floor_s:.1f}x   target both < {TARGET_S:.0f} s: "
        f"{'met' if both < TARGET_S else 'NOT met'}  (best of {ROUNDS})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
