"""The search index on PostgreSQL: a table of tsvectors kept in step by triggers.

Same sources, same behaviour as the FTS5 index (storage/search_index.py): every typed word must
match the start of a word, best matches first. Each record's text is indexed twice: with the
``simple`` configuration (words as typed, folded to lower case: names, prefixes) and with
``finnish`` (stems, so "verkkoon" also meets "verkko"). All functions take a Connection inside
the caller's transaction.

Pausing the index sets a transaction-local setting the triggers obey, instead of dropping them as
on SQLite: DDL would lock whole tables against the other coordinators. ``inserts`` (a bulk load)
leaves the records inserted to ``index_missing`` at the end; ``on`` (a preview that is rolled
back) leaves every edit unindexed.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from pierglass_desktop.storage.search_index import FTS_TABLE, SOURCES, Source

DOCUMENT = "to_tsvector('simple', {c}) || to_tsvector('finnish', {c})"
PAUSED = "pierglass.search_paused"


def index_exists(connection: Connection) -> bool:
    found = connection.execute(text("SELECT to_regclass(:t)"), {"t": FTS_TABLE}).scalar()
    return found is not None


def create(connection: Connection) -> bool:
    """Make, fill and start keeping the index, in one round trip (a copy makes it in one go)."""
    connection.exec_driver_sql(
        ";\n".join(
            [
                f"CREATE TABLE {FTS_TABLE} (record_id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
                "label TEXT, content TEXT, document TSVECTOR NOT NULL)",
                *(_fill_sql(source) for source in SOURCES),
                # Built once over the filled table: a fifth faster than kept up row by row.
                f"CREATE INDEX {FTS_TABLE}_document ON {FTS_TABLE} USING gin (document)",
                *(statement for source in SOURCES for statement in _trigger_sql(source)),
            ]
        )
    )
    return True


def drop(connection: Connection) -> None:
    _drop_triggers(connection)
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def rebuild(connection: Connection) -> None:
    connection.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
    for source in SOURCES:
        connection.exec_driver_sql(_fill_sql(source))


def index_missing(connection: Connection) -> None:
    """Index every live record without an entry: those inserted while paused for a bulk load."""
    for source in SOURCES:
        connection.exec_driver_sql(_fill_sql(source, missing_only=True))


def _fill_sql(source: Source, *, missing_only: bool = False) -> str:
    missing = (
        f" AND NOT EXISTS (SELECT 1 FROM {FTS_TABLE} f WHERE f.record_id = t.id)"
        if missing_only
        else ""
    )
    return (
        f"INSERT INTO {FTS_TABLE} (record_id, kind, label, content, document) "
        f"SELECT id, '{source.kind}', {source.label.format(r='t')}, c, "
        f"{DOCUMENT.format(c='c')} FROM (SELECT t.*, {_content(source, 't')} AS c "
        f"FROM {source.table} t WHERE t.deleted_at IS NULL{missing}) t"
    )


def pause(connection: Connection, *, inserts_only: bool = False) -> None:
    """Until this transaction ends (or ``resume``), edits leave the index alone: only the
    inserts with ``inserts_only``."""
    value = "inserts" if inserts_only else "on"
    connection.execute(
        text("SELECT set_config(:name, :value, true)"), {"name": PAUSED, "value": value}
    )


def resume(connection: Connection) -> None:
    connection.execute(text("SELECT set_config(:name, 'off', true)"), {"name": PAUSED})


def _trigger_sql(source: Source) -> list[str]:
    name = f"search_{source.table}"
    watched = ", ".join((*source.watched, "deleted_at"))
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF current_setting('{PAUSED}', true) = 'on' OR (TG_OP = 'INSERT' AND "
        f"current_setting('{PAUSED}', true) = 'inserts') THEN RETURN NULL; END IF; "
        f"IF TG_OP <> 'INSERT' THEN DELETE FROM {FTS_TABLE} WHERE record_id = OLD.id; "
        "END IF; "
        "IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN "
        f"INSERT INTO {FTS_TABLE} (record_id, kind, label, content, document) VALUES ("
        f"NEW.id, '{source.kind}', {source.label.format(r='NEW')}, "
        f"{_content(source, 'NEW')}, {DOCUMENT.format(c=_content(source, 'NEW'))}); "
        "END IF; RETURN NULL; END $$",
        f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF {watched} "
        f"ON {source.table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


def replace_triggers(connection: Connection) -> None:
    """The triggers made anew from their definition here (a migration's step)."""
    _drop_triggers(connection)
    for source in SOURCES:
        for statement in _trigger_sql(source):
            connection.exec_driver_sql(statement)


def _drop_triggers(connection: Connection) -> None:
    for source in SOURCES:
        name = f"search_{source.table}"
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {source.table}")
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


# The matched passage, as FTS5's snippet() gives it: about a dozen words, matches in « ».
HEADLINE = (
    "StartSel=«, StopSel=», MaxWords=12, MinWords=6, ShortWord=0, "
    "MaxFragments=1, FragmentDelimiter=…"
)


def find(connection: Connection, words: list[str], limit: int) -> list[tuple[str, str, str, str]]:
    """kind, id, label and the matched passage of the best matches; every word a prefix."""
    query = " && ".join(
        f"(to_tsquery('simple', :w{i}) || to_tsquery('finnish', :w{i}))" for i in range(len(words))
    )
    rows = connection.execute(
        text(
            "SELECT kind, record_id, label, "
            f"ts_headline('finnish', content, q.query, '{HEADLINE}') FROM {FTS_TABLE}, "
            f"(SELECT {query}) AS q(query) WHERE document @@ q.query "
            "ORDER BY ts_rank(document, q.query) DESC, record_id LIMIT :limit"
        ),
        {**{f"w{i}": _prefix_term(word) for i, word in enumerate(words)}, "limit": limit},
    )
    return [(kind, rid, label, content) for kind, rid, label, content in rows]


def find_like(
    connection: Connection, words: list[str], limit: int
) -> list[tuple[str, str, str, str]]:
    """The same question without the index: ILIKE over the records (case folded by the server)."""
    found: list[tuple[str, str, str, str]] = []
    for source in SOURCES:
        content = source.content.format(r="t")
        conditions = " AND ".join(f"{content} ILIKE :w{i} ESCAPE '\\'" for i in range(len(words)))
        rows = connection.execute(
            text(
                f"SELECT '{source.kind}', t.id, {source.label.format(r='t')}, {content} "
                f"FROM {source.table} t WHERE t.deleted_at IS NULL AND {conditions} LIMIT :limit"
            ),
            {
                **{f"w{i}": f"%{_like_escape(word)}%" for i, word in enumerate(words)},
                "limit": limit - len(found),
            },
        )
        found += [(kind, rid, label, body) for kind, rid, label, body in rows]
        if len(found) >= limit:
            break
    return found


def _content(source: Source, row: str) -> str:
    return source.content.format(r=row)


def _prefix_term(word: str) -> str:
    """A word as one quoted lexeme with a prefix mark: operators in it are taken literally."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "':*"


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
