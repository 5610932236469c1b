"""Everyone, in columns for a list: the Participants page and ``pierglass list participants``.

``participants.list_participants`` gives every field of every person (the dialogs' row); a list
that shows a few columns of a coordinator's 14,000 people should not decode twenty. One query
reads each person with their groups of the day, in the listing's order (last name, first name,
as a person reads them), and the rows are handed on one at a time, so the command line writes
them as they come, in flat memory. The page reads the whole row of the one person it edits.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.people import Group, Membership, Participant
from pierglass_desktop.services.membership import covers

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


def participant_list(
    sessions: sessionmaker[Session], today: date | None = None
) -> list[ParticipantListRow]:
    """Every live person, by last and first name, with the groups they are in ``today``."""
    with sessions() as s:
        return list(participant_rows(s, today))


def participant_rows(s: Session, today: date | None = None) -> Iterator[ParticipantListRow]:
    """The same rows one at a time, while ``s`` stays open: one query, each person once per
    group they are in (once if in none), folded here."""
    fold = _name_folding(s)
    result = s.connection().execute(
        _query(today or date.today(), fold), execution_options={"yield_per": 1000}
    )
    pending: ParticipantListRow | None = None
    for pid, first, last, company, business, town, email, code, gid, name in result:
        if pending is not None and pid == pending.id:  # the same person in one more group
            pending = _with_group(pending, name, gid)
            continue
        if pending is not None:
            yield pending
        groups = ((name,), (gid,)) if gid is not None else ((), ())
        pending = ParticipantListRow(
            pid, first, last, company, business, town, email, code, *groups
        )
    if pending is not None:
        yield pending


def _query(today: date, fold: Any) -> Any:
    p = Participant
    return (
        select(
            p.id,
            p.first_name,
            p.last_name,
            p.company_name,
            p.business_id,
            p.municipality,
            p.email,
            p.pseudonym,
            Group.id,
            Group.name,
        )
        .outerjoin(Membership, and_(Membership.participant_id == p.id, covers(today)))
        .outerjoin(Group, and_(Group.id == Membership.group_id, Group.deleted_at.is_(None)))
        .where(p.deleted_at.is_(None))
        .order_by(
            fold(p.last_name),
            fold(p.first_name),
            p.id,
            Group.name,
            Group.id,
        )
    )


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


def _with_group(
    row: ParticipantListRow, name: str | None, group_id: str | None
) -> ParticipantListRow:
    """The row with one more group (they come by name); two periods in one group are one."""
    if group_id is None or name is None or group_id in row.group_ids:
        return row
    return row._replace(groups=(*row.groups, name), group_ids=(*row.group_ids, group_id))
