"""Declarative base, sync identity and the column types every synced record shares."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


def new_id() -> str:
    return str(uuid.uuid4())


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(PIERGLASS_NAMESPACE, "/".join(parts)))


def utcnow() -> datetime:
    """Now in UTC, truncated to milliseconds (the precision the exchange format keeps)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


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

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
