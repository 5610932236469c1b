"""A 5,000-row registration list read and previewed, against reading the CSV with `csv` alone.

Target: the preview under 1 s. Prints the floor, the measurement and their ratio.
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
from pathlib import Path

ROWS = 5_000


def _write_roster(path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Etunimi", "Sukunimi", "Sähköposti", "Puhelin", "Yritys", "Y-tunnus", "Kunta"])
    for n in range(ROWS):
        writer.writerow(
            [
                f"Etu{n}",
                f"Suku{n}",
                f"henkilo{n}@example.fi",
                f"040 {n:07d}",
                f"Yritys {n} Oy",
                "1234567-1" if n % 10 else "1234567-2",
                "Pori",
            ]
        )
    path.write_bytes(buffer.getvalue().encode("cp1252"))


def _best(function, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    from pierglass_desktop.exchange.roster import read_roster
    from pierglass_desktop.services import roster
    from pierglass_desktop.services.groups import GroupInput, create_group
    from pierglass_desktop.storage.database import open_database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        _write_roster(path)
        db = open_database(Path(folder) / "bench.sqlite3")
        try:
            group = create_group(db.sessions, GroupInput("Pori"))

            def floor():
                list(csv.reader(io.StringIO(path.read_bytes().decode("cp1252")), delimiter=";"))

            def preview():
                table = read_roster(path)
                roster.preview_roster(
                    db.sessions, table, roster.guess_mapping(table.header), group.id
                )

            base, measured = _best(floor), _best(preview)
        finally:
            db.close(automatic_backup=False)
    print(f"floor   csv.reader of {ROWS} rows: {base * 1000:8.1f} ms")
    print(f"preview read + validate + match:  {measured * 1000:8.1f} ms  ({measured / base:.1f}x)")
    print("target: under 1 s —", "met" if measured < 1 else "NOT met")


if __name__ == "__main__":
    main()
