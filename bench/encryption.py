"""A database protected with a passphrase (SQLCipher) against the same file plain.

Run: PYTHONPATH=src python bench/encryption.py
On the 200-group demo (built once by bench/scale_demo.py, kept in bench/results/):
  - protecting the file (sqlcipher_export, check, swap, first encrypted backup): under 5 s;
  - one attendance mark on the encrypted file: under 5 ms (the plain file is the floor);
  - a full-text search on the encrypted file: under 20 ms (the plain file is the floor);
  - start-up to the first page's data on the encrypted file within 1.3 x the plain file's,
    with the key as the keyring gives it (the raw key) and, for comparison, with the passphrase
    typed (one scrypt stretch, ~0.1 s). The three kinds run in turns (bench/startup.py); the
    first page's data, not the window, since the window shows before the file is opened.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import attendance_mark  # noqa: E402  (bench/ helpers)
import startup  # noqa: E402
from pierglass_desktop.services.search import search  # noqa: E402
from pierglass_desktop.storage import backup, cipher  # noqa: E402
from pierglass_desktop.storage.database import open_database  # noqa: E402
from scale_demo import demo_database  # noqa: E402

PASSPHRASE = "kolme vanhaa majakkaa"
QUERIES = ("oulu", "ryhmä", "digi", "palvelu", "asiakas", "kirjanpito", "hyvinvointi", "talous")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def mark_ms(path: Path) -> float:
    with open_database(path) as db:
        return median_ms(attendance_mark.time_service(db))


def search_ms(path: Path) -> float:
    with open_database(path) as db:
        search(db.sessions, "warm up")
        samples = []
        for _ in range(5):
            for query in QUERIES:
                started = time.perf_counter()
                search(db.sessions, query)
                samples.append(time.perf_counter() - started)
        return median_ms(samples)


def start_ups(plain: Path, protected: Path, key: str, runs: int) -> dict[str, float]:
    """Median seconds to the first page's data: plain, with the kept key, with the passphrase."""

    def program(path: Path, **env: str) -> tuple[list[str], dict[str, str], str]:
        command = [sys.executable, "-m", "pierglass_desktop", "--database", str(path)]
        loaded = startup.environment("offscreen", PIERGLASS_QUIT_WHEN_LOADED="1", **env)
        return command, loaded, startup.LOADED_MARK

    samples = startup.timed_in_turns(
        {
            "plain": program(plain),
            "keyed": program(protected, PIERGLASS_PASSPHRASE=key),
            "typed": program(protected, PIERGLASS_PASSPHRASE=PASSPHRASE),
        },
        runs,
    )
    return {name: startup.medians(taken)[0] for name, taken in samples.items()}


def main() -> int:
    demo = demo_database(200)
    runs = int(os.environ.get("BENCH_RUNS", "7"))
    with tempfile.TemporaryDirectory() as folder:
        plain, protected = Path(folder) / "plain.sqlite3", Path(folder) / "protected.sqlite3"
        backup.backup_to(demo, plain)
        shutil.copy(plain, protected)
        started = time.perf_counter()
        done = cipher.protect_database(protected, PASSPHRASE)
        encrypting = time.perf_counter() - started
        key = done.recovery_key
        print(f"200-group demo, {plain.stat().st_size / 1e6:.1f} MB")
        print(f"  protecting the file                  {encrypting:7.2f} s   (target < 5 s)")
        plain_mark, enc_mark = mark_ms(plain), mark_ms(protected)
        print(
            f"  one attendance mark   plain {plain_mark:6.2f} ms   encrypted {enc_mark:6.2f} ms"
            f"   ratio {enc_mark / plain_mark:.2f}   (target < 5 ms)"
        )
        plain_search, enc_search = search_ms(plain), search_ms(protected)
        print(
            f"  search (median)       plain {plain_search:6.2f} ms   encrypted "
            f"{enc_search:6.2f} ms   ratio {enc_search / plain_search:.2f}   (target < 20 ms)"
        )
        starts = start_ups(plain, protected, key, runs)
        plain_start, keyed_start, typed_start = starts["plain"], starts["keyed"], starts["typed"]
        print(f"  start-up to the first page's data (median of {runs}, taken in turns)")
        print(f"    plain file                         {plain_start:7.3f} s")
        print(
            f"    encrypted, key as kept in keyring  {keyed_start:7.3f} s   ratio "
            f"{keyed_start / plain_start:.2f}   (target <= 1.3)"
        )
        print(
            f"    encrypted, passphrase typed        {typed_start:7.3f} s   ratio "
            f"{typed_start / plain_start:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
