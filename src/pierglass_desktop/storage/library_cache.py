"""The method library's search cache, one per open database.

Search-as-you-type keeps the library's rows and their folded search text in memory (see
``services/library_search.py``). The cache belongs to the database handle that made the
sessions, so two databases open at once never share rows, and it goes away with the handle.
Writers in this program call ``invalidate()``; the service also compares the methods table's
row count and newest stamp, which catches writes from elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

# Where the cache rides in each session's ``info``, so services reach it from the sessions alone.
INFO_KEY = "library_cache"


@dataclass(eq=False)
class LibraryCache:
    """Cached search entries per language, each with the signature it was built for."""

    generation: int = 0
    entries: dict[str, tuple[tuple[Any, ...], list[Any]]] = field(default_factory=dict)

    def invalidate(self) -> None:
        """Methods were written: the next search rebuilds its entries."""
        self.generation += 1
        self.entries.clear()


def attach(sessions: sessionmaker[Session], cache: LibraryCache) -> None:
    """Make ``cache`` the one every session from ``sessions`` sees."""
    info = dict(sessions.kw.get("info") or {})
    info[INFO_KEY] = cache
    sessions.configure(info=info)


def cache_of(sessions: sessionmaker[Session]) -> LibraryCache:
    """The cache of the database that made ``sessions``; one is attached on first use to
    sessions made elsewhere (a read-only view, a test's own factory)."""
    cache = (sessions.kw.get("info") or {}).get(INFO_KEY)
    if not isinstance(cache, LibraryCache):
        cache = LibraryCache()
        attach(sessions, cache)
    return cache


@contextmanager
def writing(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A transaction on the library; the search cache learns of it after the commit (or the
    rollback: a half-done write may have been seen by nobody, but rebuilding is cheap)."""
    try:
        with sessions.begin() as s:
            yield s
    finally:
        cache_of(sessions).invalidate()
