"""The project's indicators over the 200-group demo, against one aggregate SQL query over
attendance (the floor: the least any count of hours must read); and the project report PDF.
Targets: indicators under 0.5 s, the project report PDF under 2 s.
Run: PYTHONPATH=src python bench/indicators.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

GROUPS = 200


def _time(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    from sqlalchemy import text

    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.reports.project_report import project_report_pdf
    from pierglass_desktop.services.indicators import indicators
    from pierglass_desktop.storage.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sqlite3"
        create_demo_database(path, groups=GROUPS, seed=1, today=date(2026, 11, 30))
        with open_database(path) as db:

            def floor() -> None:
                with db.sessions() as s:
                    s.execute(
                        text(
                            "SELECT participant_id, COUNT(*), SUM(minutes_attended) "
                            "FROM attendance WHERE deleted_at IS NULL GROUP BY participant_id"
                        )
                    ).all()

            found = indicators(db.sessions)
            base = _time(floor)
            took = _time(lambda: indicators(db.sessions))
            pdf = Path(folder) / "project.pdf"
            drawn = _time(lambda: project_report_pdf(found, pdf), repeat=3)
            whole = _time(lambda: project_report_pdf(indicators(db.sessions), pdf), repeat=3)
    print(f"{GROUPS} groups, {len(found.participants)} participants")
    print(f"aggregate SQL floor:   {base * 1000:7.1f} ms")
    print(f"indicators:            {took * 1000:7.1f} ms  ({took / base:.1f}x the floor)")
    print(f"project report PDF:    {drawn * 1000:7.1f} ms  (drawing only)")
    print(f"read + draw PDF:       {whole * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
