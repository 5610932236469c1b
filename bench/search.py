"""Search over 100,000 notes: the service against the bare FTS5 query and against LIKE.

Run: PYTHONPATH=src python bench/search.py [notes]
Target: an answer under 20 ms. The floor is the same MATCH run through plain sqlite3 on the same
file in the same run; LIKE shows what the fallback costs where FTS5 is missing.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert

from pierglass_desktop.domain.base import new_id, stamp, utcnow
from pierglass_desktop.domain.models import Group, Meeting, Note
from pierglass_desktop.services import search
from pierglass_desktop.storage import search_index
from pierglass_desktop.storage.database import open_database

TARGET_MS = 20.0
# Letters roughly as often as in Finnish text, so words share prefixes as real words do.
LETTERS = "aaaaaiiiiittttnnnneeeesssslllkkkooouuuäääämmvvrrjjhhyyppdöög"


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 12))))
    ordered = sorted(words)
    rng.shuffle(ordered)  # frequency rank independent of spelling
    return ordered


def load(sessions, count: int, rng: random.Random, words: list[str]) -> None:
    with sessions.begin() as s:
        group = Group(name="Bench")
        s.add(group)
        s.flush()
        meeting = Meeting(group_id=group.id, starts_at=datetime(2026, 9, 3, 17))
        s.add(meeting)
        s.flush()
        now = utcnow()
        # Zipf-like: a few words are common, most are rare, as in real notes.
        cumulative, total = [], 0.0
        for rank in range(len(words)):
            total += 1 / (rank + 1)
            cumulative.append(total)
        rows = [
            stamp(
                {
                    "id": new_id(),
                    "group_id": group.id,
                    "meeting_id": meeting.id,
                    "body": " ".join(
                        rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 40))
                    ),
                    "visibility": "private",
                    "author": "",
                },
                s.info.get("origin", ""),
                now,
            )
            for _ in range(count)
        ]
        connection = s.connection()
        with search_index.paused(connection):
            connection.execute(insert(Note.__table__), rows)


def timed(fn, queries) -> list[float]:
    timings = []
    for query in queries:
        started = time.perf_counter()
        fn(query)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def report(label: str, timings: list[float]) -> float:
    median = statistics.median(timings)
    # "inclusive": the 95th percentile of what was measured; the default ("exclusive")
    # extrapolates past the largest sample when there are few, printing a p95 above the max.
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    print(f"{label:<34} median {median:7.2f} ms   p95 {p95:7.2f} ms   max {max(timings):7.2f} ms")
    return median


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(4)
    words = vocabulary(rng)
    # Rare, middling and common words; two-word queries; prefixes as a person types.
    queries = [*rng.sample(words[500:], 20), *rng.sample(words[20:500], 20), *words[:5]]
    queries += [
        f"{a} {b}" for a, b in zip(rng.sample(words[:300], 10), rng.sample(words, 10), strict=True)
    ]
    queries += [w[:3] for w in rng.sample(words[100:], 10)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "search.sqlite3"
        db = open_database(path)
        try:
            started = time.perf_counter()
            load(db.sessions, count, rng, words)
            seconds = time.perf_counter() - started
            print(f"loaded {count} notes with one index rebuild in {seconds:.1f} s")
            search.search(db.sessions, queries[0])  # warm the page cache once
            service = timed(lambda q: search.search(db.sessions, q), queries)
            fallback = timed(lambda q: search.search(db.sessions, q, use_index=False), queries[:10])
            raw = sqlite3.connect(path)
            floor = timed(
                lambda q: raw.execute(
                    "SELECT kind, record_id, label, snippet(search_fts, 3, '«', '»', '…', 12) "
                    "FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 50",
                    (search.match_expression(search.words_of(q)),),
                ).fetchall(),
                queries,
            )
            raw.close()
        finally:
            db.close(automatic_backup=False)
    floor_ms = report("bare sqlite3 FTS5 MATCH (floor)", floor)
    service_ms = report("search.search() with FTS5", service)
    report("search.search() LIKE fallback", fallback)
    print(f"ratio service / floor: {service_ms / floor_ms:.2f}x")
    verdict = "OK" if service_ms < TARGET_MS else "TOO SLOW"
    print(f"target < {TARGET_MS} ms per query over {count} notes (median): {verdict}")
    return 0 if service_ms < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
