"""Search over notes, commitments, sessions and participants.

With FTS5 (the normal case) a query is answered from the ``search_fts`` index, best matches
first, every word matched as a prefix. Where the index is missing (an SQLite without FTS5) the
same question is answered with LIKE over the records themselves: slower, same results shape.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Connection, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.enums import SearchKind
from pierglass_desktop.domain.models import Commitment, Note
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.storage import search_index

KINDS = tuple(SearchKind)
SNIPPET_WORDS = 12
RANK_WINDOW = 1000
_WORD = re.compile(r"\w+", re.UNICODE)
# A match before its session is looked up: kind, record id, label, snippet.
Hit = tuple[str, str, str | None, str | None]


@dataclass(frozen=True)
class SearchResult:
    kind: SearchKind
    id: str
    title: str
    snippet: str  # the matching passage, matches between « and »
    meeting_id: str | None  # the session a note or commitment belongs to, to open it


def search(
    sessions: sessionmaker[Session], text: str, limit: int = 50, *, use_index: bool | None = None
) -> list[SearchResult]:
    """Records matching every word of ``text`` (as word prefixes), best first.

    ``use_index`` forces the FTS5 (True) or the LIKE (False) path; None decides at run time.
    """
    words = words_of(text)
    if not words:
        return []
    with sessions() as s:
        connection = s.connection()
        if use_index is None:
            use_index = search_index.index_exists(connection)
        if search_index.on_server(connection):
            found = _server_search(connection, words, limit, use_index)
        elif use_index:
            try:
                found = _fts_search(connection, words, limit)
            except OperationalError:  # an index this SQLite cannot read (no FTS5 module)
                found = _like_search(connection, words, limit)
        else:
            found = _like_search(connection, words, limit)
        return _with_meetings(s, found)


@changes(Change.SEARCH)
def rebuild_search_index(sessions: sessionmaker[Session]) -> bool:
    """Fill the index afresh from the records (after a bulk load); False without an index."""
    with sessions.begin() as s:
        connection = s.connection()
        if not search_index.index_exists(connection):
            return False
        search_index.rebuild(connection)
        return True


def words_of(text: str) -> list[str]:
    return _WORD.findall(text or "")[:16]


def match_expression(words: list[str]) -> str:
    """An FTS5 query that treats the words as plain text: each quoted, each a prefix."""
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _fts_search(connection: Connection, words: list[str], limit: int) -> list[Hit]:
    # Ranking scores every match, which a common word makes slow; so only the newest
    # RANK_WINDOW matches are ranked (finding them walks the index in rowid order, cheaply).
    table = search_index.FTS_TABLE
    rows = connection.exec_driver_sql(
        f"SELECT kind, record_id, label, snippet({table}, 3, '«', '»', '…', {SNIPPET_WORDS}) "
        f"FROM {table} WHERE {table} MATCH :q AND rowid >= coalesce(("
        f"SELECT rowid FROM {table} WHERE {table} MATCH :q "
        f"ORDER BY rowid DESC LIMIT 1 OFFSET {RANK_WINDOW - 1}), 0) "
        f"ORDER BY rank LIMIT :limit",
        {"q": match_expression(words), "limit": limit},
    )
    return [(kind, rid, label, snippet) for kind, rid, label, snippet in rows]


def _server_search(
    connection: Connection, words: list[str], limit: int, use_index: bool
) -> list[Hit]:
    from pierglass_desktop.storage import search_pg

    if use_index:  # the server marks the matches itself (stemmed forms too)
        return list(search_pg.find(connection, words, limit))
    return [
        (k, rid, label, _snippet(body, words))
        for k, rid, label, body in search_pg.find_like(connection, words, limit)
    ]


def _like_search(connection: Connection, words: list[str], limit: int) -> list[Hit]:
    # SQLite's LIKE ignores case for ASCII letters only. A word with other letters ("JÄRVINEN")
    # is compared case-folded in Python, which is slow, so plain-ASCII words are tested first.
    driver = cast(sqlite3.Connection, connection.connection.driver_connection)
    driver.create_function("pierglass_fold", 1, _fold, deterministic=True)
    ordered = sorted(words, key=lambda word: not word.isascii())
    found: list[Hit] = []
    for source in search_index.SOURCES:
        content = source.content.format(r="t")
        folded = f"pierglass_fold({content})"
        conditions = " AND ".join(
            f"{content if word.isascii() else folded} LIKE ? ESCAPE '\\'" for word in ordered
        )
        rows = connection.exec_driver_sql(
            f"SELECT '{source.kind}', t.id, {source.label.format(r='t')}, {content} "
            f"FROM {source.table} t WHERE t.deleted_at IS NULL AND {conditions} LIMIT ?",
            (*(f"%{_like_escape(word.casefold())}%" for word in ordered), limit - len(found)),
        )
        found += [(kind, rid, label, _snippet(body, words)) for kind, rid, label, body in rows]
        if len(found) >= limit:
            break
    return found


def _fold(text: str | None) -> str | None:
    return None if text is None else text.casefold()


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _snippet(body: str, words: list[str]) -> str:
    """Up to a dozen words around the first match, the matched word between « and »."""
    tokens = (body or "").split()
    lowered = [token.casefold() for token in tokens]
    hits = [i for i, t in enumerate(lowered) if any(w.casefold() in t for w in words)]
    first = hits[0] if hits else 0
    start = max(0, first - SNIPPET_WORDS // 3)
    shown = tokens[start : start + SNIPPET_WORDS]
    if hits:
        shown[first - start] = f"«{shown[first - start]}»"
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_WORDS < len(tokens) else ""
    return prefix + " ".join(shown) + suffix


def _with_meetings(s: Session, found: list[Hit]) -> list[SearchResult]:
    """Attach the session each note or commitment belongs to, so the result can open it."""
    note_ids = [rid for kind, rid, *_ in found if kind == "note"]
    commitment_ids = [rid for kind, rid, *_ in found if kind == "commitment"]
    meeting_of: dict[str, str | None] = {}
    if note_ids:
        query = select(Note.id, Note.meeting_id).where(Note.id.in_(note_ids))
        meeting_of.update((rid, meeting) for rid, meeting in s.execute(query))
    if commitment_ids:
        query = select(Commitment.id, Commitment.meeting_id).where(
            Commitment.id.in_(commitment_ids)
        )
        meeting_of.update((rid, meeting) for rid, meeting in s.execute(query))
    results = []
    for kind, rid, label, snippet in found:
        meeting_id = rid if kind == "meeting" else meeting_of.get(rid)
        results.append(SearchResult(SearchKind(kind), rid, label or "", snippet or "", meeting_id))
    return results
