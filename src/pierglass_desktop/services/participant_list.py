"""The Participants page's list: the columns it shows, for a coordinator's thousands of people.

``participants.list_participants`` gives every field of every person (the CLI's and the
dialogs' row); a page that shows seven columns of 14,000 people should not decode twenty. The
page reads the whole row of the one person it edits (``participants.get_participant``).
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.people import Group, Membership, Participant
from pierglass_desktop.services.membership import covers


class ParticipantListRow(NamedTuple):  # a tuple: 14,000 are made in a blink
    id: str
    first_name: str
    last_name: str
    company_name: str
    business_id: str
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
    """Every live person, by last and first name, with the groups they are in ``today``.

    One query: each person once per group they are in (once if in none), next to each other.
    """
    p = Participant
    query = (
        select(
            p.id,
            p.first_name,
            p.last_name,
            p.company_name,
            p.business_id,
            p.email,
            p.pseudonym,
            Group.id,
            Group.name,
        )
        .outerjoin(
            Membership,
            and_(Membership.participant_id == p.id, covers(today or date.today())),
        )
        .outerjoin(Group, and_(Group.id == Membership.group_id, Group.deleted_at.is_(None)))
        .where(p.deleted_at.is_(None))
        # NOCASE folds ASCII only; the page sorts its column by the whole casefolded name.
        .order_by(_nocase(p.last_name), _nocase(p.first_name), p.id)
    )
    rows: list[ParticipantListRow] = []
    previous = None
    with sessions() as s:
        for pid, first, last, company, business_id, email, code, gid, name in s.execute(query):
            if pid == previous:  # the same person in one more group
                rows[-1] = _with_group(rows[-1], name, gid)
                continue
            groups = ((name,), (gid,)) if gid is not None else ((), ())
            rows.append(
                ParticipantListRow(pid, first, last, company, business_id, email, code, *groups)
            )
            previous = pid
    return rows


def _nocase(column: Any) -> Any:
    return column.collate("NOCASE")


def _with_group(
    row: ParticipantListRow, name: str | None, group_id: str | None
) -> ParticipantListRow:
    """The row with one more group, the groups by name (as everywhere groups are listed)."""
    if group_id is None or group_id in row.group_ids:  # two periods in one group: one group
        return row
    pairs = sorted({*zip(row.groups, row.group_ids, strict=True), (name, group_id)})
    return row._replace(
        groups=tuple(n for n, _gid in pairs), group_ids=tuple(gid for _n, gid in pairs)
    )
