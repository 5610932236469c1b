"""Bookkeeping: what was imported from where, who changed what, facts about this installation."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pierglass_desktop.domain.base import Base, Synced, UTCDateTime, new_id, utcnow

SYNC_KIND = "sync"  # an ImportRecord of a project-sync file
WHOLE_EXPORT = "all"


class ImportRecord(Base):
    """One file imported into this database; its origin's last import bounds conflict checks."""

    __tablename__ = "import_records"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    kind: Mapped[str] = mapped_column(String(32))  # "sync", "library", "roster"
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_origin: Mapped[str] = mapped_column(String(36), default="", index=True)
    format_version: Mapped[int] = mapped_column(default=1)
    exported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    backup_path: Mapped[str] = mapped_column(Text, default="")
    # What a sync file covered: "all" of its installation's groups, or "groups:<id>,<id>".
    # Only a whole export tells what that installation held at its export time.
    scope: Mapped[str] = mapped_column(Text, default=WHOLE_EXPORT, server_default=WHOLE_EXPORT)
    # The file's own ``seen`` list, [installation, group or "", ISO time] each: after a whole
    # file this one has seen that much too (after one of chosen groups, that much of those).
    # None for a file that does not say (format version 1) and for other kinds.
    seen: Mapped[list[list[str]] | None] = mapped_column(JSON)


class AuditEntry(Synced, Base):
    """A change to signed-off data: who, when, what, before and after."""

    __tablename__ = "audit_entries"

    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text, default="")


class AppMeta(Base):
    """Facts about this database: installation id (the origin of its changes), the tutor."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
