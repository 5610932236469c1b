"""Declarative base, sync identity and the column types every synced record shares."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, Dialect, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Named constraints let Alembic's SQLite batch mode find and alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Fixed namespace for ids derived from natural keys (attendance), so every installation derives
# the same id for the same meeting and person.
PIERGLASS_NAMESPACE = uuid.UUID("5b0f8a3e-7c41-4d0e-9d7c-2f1e6c7a9b10")
_NAMESPACE_BYTES = PIERGLASS_NAMESPACE.bytes


def new_id() -> str:
    return str(uuid.uuid4())


def derived_id(*parts: str) -> str:
    """``str(uuid.uuid5(PIERGLASS_NAMESPACE, "/".join(parts)))``, without building UUID objects:
    an import derives one for each of tens of thousands of marks."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + "/".join(parts).encode()).digest()[:16])
    digest[6] = digest[6] & 0x0F | 0x50  # version 5
    digest[8] = digest[8] & 0x3F | 0x80  # the RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def utcnow() -> datetime:
    """Now in UTC, truncated to milliseconds (the precision the exchange format keeps)."""
    return to_stamp(datetime.now(UTC))


def to_stamp(moment: datetime) -> datetime:
    """An aware moment as a record stamp: UTC, whole milliseconds."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given where UTC is required")
    moment = moment.astimezone(UTC)
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


# --- the one stamping rule for synced records ---------------------------------------------------
# Sync compares ``updated_at`` and trusts ``origin``, so every write path stamps through these:
# the ORM flush hook (storage/engine.py), Core upserts (attendance marks) and bulk inserts (the
# demo). ``now`` is given only by writers that build history (the demo); otherwise it is now.


def stamp(values: dict[str, Any], origin: str, now: datetime | None = None) -> dict[str, Any]:
    """Stamp a row about to be written as plain values: changed now, by ``origin``.

    ``created_at`` is set only if the row has none yet. Returns ``values`` for chaining.
    """
    moment = to_stamp(now) if now is not None else utcnow()
    if values.get("created_at") is None:
        values["created_at"] = moment
    values["updated_at"] = moment
    values["origin"] = origin
    return values


def stamp_record(record: Synced, origin: str, now: datetime | None = None) -> None:
    """The same rule for an ORM record, whose every change gets a later stamp than the last.

    Two saves within one millisecond would otherwise share a stamp, and a form's stale-save
    check (``errors.check_unchanged``) would not see the second; a record that arrived from a
    laptop whose clock runs ahead would otherwise be edited here into an "older" version that
    sync then loses to the laptop's."""
    moment = to_stamp(now) if now is not None else utcnow()
    previous = record.updated_at
    if previous is not None and previous.tzinfo is not None and moment <= previous:
        moment = previous + timedelta(milliseconds=1)
    if record.created_at is None:
        record.created_at = moment
    record.updated_at = moment
    record.origin = origin


def stamp_changes(session: Session) -> None:
    """Stamp every new or changed synced record of a session about to flush.

    An importer that must keep the stamps of incoming records sets
    ``session.info["keep_stamps"]``; the installation id is ``session.info["origin"]``.
    """
    if session.info.get("keep_stamps"):
        return
    now = utcnow()
    origin = session.info.get("origin", "")
    for record in session.new:
        if isinstance(record, Synced):
            stamp_record(record, origin, now)
    for record in session.dirty:
        if isinstance(record, Synced) and session.is_modified(record):
            stamp_record(record, origin, now)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Columns of every record that travels between installations."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # The installation that last changed the record.
    origin: Mapped[str] = mapped_column(String(36), default="")
    # Tombstone: set instead of deleting, so the deletion can travel to other copies.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # Optimistic concurrency: an UPDATE matches only the stamp that was read, so an edit of
        # a record someone else changed meanwhile (a shared server database) touches no row
        # and is refused (storage/engine.py) instead of overwriting theirs. The stamping rule
        # above sets the new value.
        return {"version_id_col": cls.updated_at, "version_id_generator": False}

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
