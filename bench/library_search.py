"""Search-as-you-type over a library of 2,000 methods: target under 50 ms per query.

Floor, measured in the same run: a bare `SELECT id FROM methods` through the same session
factory, every row read (what reading the library's ids at all costs on this machine). Prints
the figures and the ratio.
Run: PYTHONPATH=src python bench/library_search.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

TARGET_MS = 50.0
METHODS = 2000
QUERIES = ("k", "ko", "kol", "kolle", "kollegiaalinen", "palvelu seteli", "digi", "zzz", "")


def _fill(sessions) -> None:
    from pierglass_desktop.domain.base import new_id, utcnow
    from pierglass_desktop.domain.models import Method
    from pierglass_desktop.services.builtin_methods import builtin_resource, ensure_builtin_library

    ensure_builtin_library(sessions)
    builtins = builtin_resource()["methods"]
    now = utcnow()
    rows = []
    for n in range(METHODS - len(builtins)):
        base = builtins[n % len(builtins)]
        rows.append(
            {
                "id": new_id(),
                "created_at": now,
                "updated_at": now,
                "origin": "bench",
                "name": {k: f"{v} {n}" for k, v in base["name"].items()},
                "purpose": base["purpose"],
                "steps": base["steps"],
                "materials": base["materials"],
                "duration_minutes": base["duration"],
                "category": base["category"],
                "tags": base["tags"] + [f"oma{n % 50}"],
                "builtin": False,
                "source": "bench",
            }
        )
    with sessions.begin() as s:
        s.execute(insert(Method), rows)


def _time(fn, repeat: int = 15) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> int:
    from pierglass_desktop.domain.models import Method
    from pierglass_desktop.i18n import set_language
    from pierglass_desktop.services.library_search import search_methods
    from pierglass_desktop.storage.database import open_database

    set_language("fi")
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        try:
            _fill(db.sessions)

            def floor_query():
                with db.sessions() as s:
                    s.execute(select(Method.id)).all()

            floor = _time(floor_query)
            cold = _time(
                lambda: (db.library_cache.invalidate(), search_methods(db.sessions, "digi")), 5
            )
            worst = 0.0
            for text in QUERIES:
                ms = _time(lambda text=text: search_methods(db.sessions, text))
                hits = len(search_methods(db.sessions, text))
                worst = max(worst, ms)
                print(f"  {text!r:22} {ms:7.2f} ms  {hits:5} hits")
        finally:
            db.close(automatic_backup=False)
    print(f"floor (SELECT id FROM methods, {METHODS} rows): {floor:.2f} ms")
    print(f"first search after a change (index rebuilt): {cold:.1f} ms")
    print(
        f"worst search over {METHODS} methods: {worst:.2f} ms "
        f"= {worst / floor:.1f}x floor; target {TARGET_MS:.0f} ms"
    )
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
