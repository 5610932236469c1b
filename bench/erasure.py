"""Erasing one person from the 200-group demo, file and WAL left clean, against a bare VACUUM.

Target: under 2 s including the checkpoint and VACUUM. Prints floor, measurement and ratio.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path


def main(groups: int = 200) -> None:
    from sqlalchemy import func, select

    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.domain.meetings import Attendance
    from pierglass_desktop.services.erasure import erase_person
    from pierglass_desktop.storage.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        original = Path(folder) / "demo.sqlite3"
        create_demo_database(original, groups=groups, seed=1)
        floor_copy = Path(folder) / "floor.sqlite3"
        shutil.copy(original, floor_copy)
        connection = sqlite3.connect(floor_copy)
        connection.execute("PRAGMA secure_delete=ON")
        start = time.perf_counter()
        connection.execute("VACUUM")
        base = time.perf_counter() - start
        connection.close()
        db = open_database(original)
        try:
            with db.sessions() as s:
                person = s.execute(
                    select(Attendance.participant_id)
                    .group_by(Attendance.participant_id)
                    .order_by(func.count().desc())
                ).scalar()
            start = time.perf_counter()
            erase_person(db, person)
            measured = time.perf_counter() - start
        finally:
            db.close(automatic_backup=False)
    print(f"floor   bare VACUUM of the {groups}-group demo:   {base * 1000:8.1f} ms")
    print(
        f"erasure of one person, file and WAL clean: {measured * 1000:8.1f} ms  "
        f"({measured / base:.2f}x)"
    )
    print("target: under 2 s —", "met" if measured < 2 else "NOT met")


if __name__ == "__main__":
    main()
