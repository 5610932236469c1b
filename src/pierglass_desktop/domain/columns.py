"""Column helpers shared by the model modules."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, String
from sqlalchemy.orm import MappedColumn, mapped_column


def enum_column(enum_cls: type[StrEnum], **kwargs: Any) -> MappedColumn[Any]:
    """An enum stored as its value string, without a CHECK so new values need no migration."""
    return mapped_column(
        Enum(
            enum_cls,
            native_enum=False,
            create_constraint=False,
            length=32,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        ),
        **kwargs,
    )


def ref(target: str, *, nullable: bool = False, ondelete: str | None = None) -> MappedColumn[Any]:
    """A foreign key to another synced record's id, indexed."""
    return mapped_column(
        String(36),
        ForeignKey(f"{target}.id", ondelete=ondelete),
        nullable=nullable,
        index=True,
    )


def localized(**kwargs: Any) -> MappedColumn[Any]:
    """Text in several languages: {"fi": "...", "en": "..."}. Replace the dict to change it."""
    return mapped_column(JSON, default=dict, **kwargs)
