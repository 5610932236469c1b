"""Saving one attendance mark: the service against a bare single-row sqlite3 commit.

Run: PYTHONPATH=src python bench/attendance_mark.py
Target: one mark under 5 ms. The floor is measured in the same run on the same disk with the
same pragmas, so the ratio says what the service adds on this machine.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

from pierglass_desktop.domain.enums import AttendanceStatus
from pierglass_desktop.domain.models import Group, Meeting, Membership, Participant
from pierglass_desktop.services import attendance
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.storage.engine import PRAGMAS

ROUNDS = 300
TARGET_MS = 5.0


def seed(sessions) -> tuple[str, list[str]]:
    with sessions.begin() as s:
        group = Group(name="Bench group")
        s.add(group)
        s.flush()
        people = [Participant(first_name=f"P{i}", last_name="Bench") for i in range(30)]
        s.add_all(people)
        s.flush()
        s.add_all(
            Membership(group_id=group.id, participant_id=p.id, joined_on=datetime(2026, 1, 1))
            for p in people
        )
        meeting = Meeting(group_id=group.id, starts_at=datetime(2026, 9, 3, 17, 0))
        s.add(meeting)
        s.flush()
        return meeting.id, [p.id for p in people]


def time_service(db) -> list[float]:
    meeting, people = seed(db.sessions)
    statuses = [AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT]
    timings = []
    for number in range(ROUNDS):
        status = statuses[number % 3]
        arrived = clock_time(17, number % 50) if status == AttendanceStatus.LATE else None
        started = time.perf_counter()
        attendance.mark(db.sessions, meeting, people[number % 30], status, arrived_at=arrived)
        timings.append(time.perf_counter() - started)
    return timings


def time_floor(path: Path) -> list[float]:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    connection.execute("CREATE TABLE marks (id TEXT PRIMARY KEY, status TEXT, minutes INTEGER)")
    connection.executemany(
        "INSERT INTO marks VALUES (?, 'absent', 0)", [(str(i),) for i in range(30)]
    )
    timings = []
    for number in range(ROUNDS):
        started = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute(
            "UPDATE marks SET status = ?, minutes = ? WHERE id = ?",
            ("present", number, str(number % 30)),
        )
        connection.execute("COMMIT")
        timings.append(time.perf_counter() - started)
    connection.close()
    return timings


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        floor = time_floor(Path(folder) / "floor.sqlite3")
        db = open_database(Path(folder) / "bench.sqlite3")
        try:
            service = time_service(db)
        finally:
            db.close(automatic_backup=False)
    floor_ms = statistics.median(floor) * 1000
    service_ms = statistics.median(service) * 1000
    p95_ms = statistics.quantiles(service, n=20)[-1] * 1000
    print(f"bare sqlite3 single-row commit: median {floor_ms:.3f} ms")
    print(f"attendance.mark():              median {service_ms:.3f} ms, p95 {p95_ms:.3f} ms")
    print(f"ratio service / floor:          {service_ms / floor_ms:.1f}x")
    verdict = "OK" if service_ms < TARGET_MS else "TOO SLOW"
    print(f"target < {TARGET_MS} ms per mark (median): {verdict}")
    return 0 if service_ms < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
