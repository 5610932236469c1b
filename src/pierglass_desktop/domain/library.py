"""The method library, plan templates, and files kept inside the database."""

from sqlalchemy import JSON, Boolean, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pierglass_desktop.domain.base import Base, Synced
from pierglass_desktop.domain.columns import enum_column, localized, ref
from pierglass_desktop.domain.enums import MemberRole, MethodCategory


class Method(Synced, Base):
    """A way of working with a group. Texts are kept per language: {"fi": ..., "en": ...}."""

    __tablename__ = "methods"

    name: Mapped[dict[str, str]] = localized()
    purpose: Mapped[dict[str, str]] = localized()
    steps: Mapped[dict[str, str]] = localized()
    materials: Mapped[dict[str, str]] = localized()
    duration_minutes: Mapped[int] = mapped_column(Integer, default=30)
    group_min: Mapped[int | None] = mapped_column(Integer)
    group_max: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[MethodCategory] = enum_column(
        MethodCategory, default=MethodCategory.PEER_LEARNING
    )
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Built-in methods ship with the program and are copied, never edited.
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    # Who made it or which library pack brought it ("" for the user's own).
    source: Mapped[str] = mapped_column(String(200), default="")
    copied_from_id: Mapped[str | None] = ref("methods", nullable=True)


class PlanTemplate(Synced, Base):
    __tablename__ = "plan_templates"

    name: Mapped[dict[str, str]] = localized()
    description: Mapped[dict[str, str]] = localized()
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(200), default="")

    items: Mapped[list["TemplateItem"]] = relationship(order_by="TemplateItem.position")


class TemplateItem(Synced, Base):
    __tablename__ = "template_items"

    template_id: Mapped[str] = ref("plan_templates")
    position: Mapped[int] = mapped_column(Integer, default=0)
    method_id: Mapped[str | None] = ref("methods", nullable=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=15)
    purpose: Mapped[str] = mapped_column(Text, default="")
    instructions: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[MethodCategory | None] = enum_column(MethodCategory, nullable=True)
    is_break: Mapped[bool] = mapped_column(Boolean, default=False)
    member_role: Mapped[MemberRole | None] = enum_column(MemberRole, nullable=True)


class Material(Synced, Base):
    """A file kept inside the database, stored once per content hash."""

    __tablename__ = "materials"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class MaterialLink(Synced, Base):
    """Attaches a material to exactly one method, template, template item, meeting or agenda
    item (services/materials.py TARGETS keeps that rule)."""

    __tablename__ = "material_links"

    material_id: Mapped[str] = ref("materials")
    method_id: Mapped[str | None] = ref("methods", nullable=True)
    template_id: Mapped[str | None] = ref("plan_templates", nullable=True)
    template_item_id: Mapped[str | None] = ref("template_items", nullable=True)
    meeting_id: Mapped[str | None] = ref("meetings", nullable=True)
    agenda_item_id: Mapped[str | None] = ref("agenda_items", nullable=True)
    # "attachment", or "signin_evidence" for a photo or scan of a signed sign-in sheet.
    kind: Mapped[str] = mapped_column(String(32), default="attachment")
    caption: Mapped[str] = mapped_column(Text, default="")
