"""Everyone, in columns for a list: the Participants page and ``pierglass list participants``.

``participants.list_participants`` gives every field of every person (the dialogs' row); a list
that shows a few columns of a coordinator's 14,000 people should not decode twenty. The groups of
the day are read first (a short map), then the people in the listing's order (last name, first
name, as a person reads them), handed on one at a time, so the command line writes them as they
come, in memory that grows with the day's memberships only. The page reads them unsorted (its
table sorts them) and reads the whole row of the one person it edits.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.people import Group, Membership, Participant
from pierglass_desktop.services.membership import covers

BATCHES = {"yield_per": 1000}
CASEFOLD = "pierglass_casefold"  # an SQL function: Python's casefold, as every list sorts names


class ParticipantListRow(NamedTuple):  # a tuple: 14,000 are made in a blink
    id: str
    first_name: str
    last_name: str
    company_name: str
    business_id: str
    municipality: str
    email: str
    pseudonym: str
    groups: tuple[str, ...] = ()  # names of the groups the person is in now
    group_ids: tuple[str, ...] = ()  # the same groups' ids

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


Groups = tuple[tuple[str, ...], tuple[str, ...]]  # names and ids of a person's groups
NO_GROUPS: Groups = ((), ())


def participant_list(
    sessions: sessionmaker[Session], today: date | None = None
) -> list[ParticipantListRow]:
    """Every live person with the groups they are in ``today``, in no particular order: the
    page's table sorts them itself, and an ORDER BY would only be undone."""
    with sessions() as s:
        return list(_rows(s, _people(s, ordered=False), today))


def participant_rows(s: Session, today: date | None = None) -> Iterator[ParticipantListRow]:
    """The same rows by last and first name, one at a time while ``s`` stays open."""
    return _rows(s, _people(s, ordered=True), today)


def _rows(s: Session, people: Any, today: date | None) -> Iterator[ParticipantListRow]:
    """People a thousand at a time: rows one by one cost twice, and all at once hold Python's
    lock for the whole read, so a window reading in the background stutters."""
    groups = _groups_on(s, today or date.today())
    for part in s.connection().execute(people, execution_options=BATCHES).partitions():
        yield from _listed(part, groups)


def _listed(people: Sequence[Any], groups: dict[str, Groups]) -> list[ParticipantListRow]:
    """Rows of ``_people`` with each person's groups of the day."""
    of, make = groups.get, tuple.__new__  # ``_make`` costs a call more per row
    return [make(ParticipantListRow, (*person, *of(person[0], NO_GROUPS))) for person in people]


def _people(s: Session, ordered: bool) -> Any:
    """The listed columns of every live person.

    Their groups are read apart, by ``_groups_on``: joining the memberships here looked them
    up person by person and sorted the joined rows, a third slower than two plain queries."""
    p = Participant
    query = select(
        p.id,
        p.first_name,
        p.last_name,
        p.company_name,
        p.business_id,
        p.municipality,
        p.email,
        p.pseudonym,
    ).where(p.deleted_at.is_(None))
    if not ordered:
        return query
    fold = _name_folding(s)
    return query.order_by(fold(p.last_name), fold(p.first_name), p.id)


def _groups_on(s: Session, day: date) -> dict[str, Groups]:
    """Person id: the names and ids of the live groups they are in on ``day``, by name (two
    periods in one group count once).

    The day's memberships and the groups' names are read apart and joined here: most people
    are in one group, and a join sorted by name in SQL took half as long again."""
    connection = s.connection()
    names = dict(
        connection.execute(select(Group.id, Group.name).where(Group.deleted_at.is_(None))).all()
    )
    found: dict[str, Groups] = {}
    had = found.get
    memberships = select(Membership.participant_id, Membership.group_id).where(covers(day))
    # All at once: a batched result hands its rows on one call at a time, a third of the read.
    for person_id, group_id in connection.execute(memberships).all():
        name = names.get(group_id)
        if name is None:  # a deleted group
            continue
        before = had(person_id)
        if before is None:
            found[person_id] = ((name,), (group_id,))
        elif group_id not in before[1]:
            both = sorted([*zip(*before, strict=True), (name, group_id)])
            found[person_id] = (tuple(n for n, _ in both), tuple(i for _, i in both))
    return found


def _name_folding(s: Session) -> Any:
    """The SQL function names are compared by. SQLite's NOCASE folds ASCII only, and names
    need Ä, Ö and the rest folded too: Python's casefold, registered on the connection.
    PostgreSQL's own ``lower`` folds by the database's locale."""
    connection = s.connection()
    if connection.dialect.name != "sqlite":
        return func.lower
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None
    dbapi.create_function(CASEFOLD, 1, _casefold, deterministic=True)
    return getattr(func, CASEFOLD)


def _casefold(text: str | None) -> str | None:
    return None if text is None else text.casefold()
