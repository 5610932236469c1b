"""Files attached to methods, templates and their items, meetings and agenda items, kept inside
the database.

A file is stored once per content hash (Material) and attached by a MaterialLink, so the same
worksheet on ten agendas takes its space once. Files over the size limit are refused before
they are read.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.base import utcnow
from pierglass_desktop.domain.errors import NotFound, StorageError, ValidationError
from pierglass_desktop.domain.fields import MATERIAL
from pierglass_desktop.domain.models import Material, MaterialLink
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_number
from pierglass_desktop.services.changes import Change, changes

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
TARGETS = ("method_id", "template_id", "template_item_id", "meeting_id", "agenda_item_id")
ATTACHMENT_KIND = "attachment"


@dataclass(frozen=True)
class AttachmentRow:
    link_id: str
    material_id: str
    filename: str
    media_type: str
    size: int
    sha256: str
    kind: str
    caption: str


def read_attachment_file(path: Path) -> bytes:
    """The file's bytes, or a sentence saying why it cannot be attached."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ValidationError(_("{name} is not a file.").format(name=path.name))
        if size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(_too_big(path.name, size))
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(
            _("{name} could not be read ({reason}). Check the file and try again.").format(
                name=path.name, reason=error.strerror or error
            )
        ) from error
    if len(data) > MAX_ATTACHMENT_BYTES:  # it grew while we looked
        raise ValidationError(_too_big(path.name, len(data)))
    return data


def _too_big(name: str, size: int) -> str:
    return _(
        "{name} is {size} MB; attachments can be at most {limit} MB. "
        "Make the file smaller (e.g. save the PDF or photo at a lower resolution)."
    ).format(
        name=name,
        size=format_number(size / 1024 / 1024, 1),
        limit=MAX_ATTACHMENT_BYTES // 1024 // 1024,
    )


def store_material(s: Session, data: bytes, filename: str, media_type: str = "") -> Material:
    """Inside a caller's transaction: the Material holding these bytes, made if new."""
    digest = hashlib.sha256(data).hexdigest()
    material = s.scalar(select(Material).where(Material.sha256 == digest))
    if material is None:
        guessed = mimetypes.guess_type(filename)[0]
        material = Material(
            sha256=digest,
            filename=filename[: MATERIAL.limit("filename")],
            media_type=media_type or guessed or "application/octet-stream",
            size=len(data),
            data=data,
        )
        s.add(material)
        s.flush()
    elif material.deleted_at is not None:
        material.deleted_at = None
    return material


@changes(Change.MATERIALS)
def attach_file(
    sessions: sessionmaker[Session],
    path: Path,
    *,
    kind: str = "attachment",
    caption: str = "",
    **target: str,
) -> AttachmentRow:
    """Keep the file in the database and attach it to exactly one of ``TARGETS``."""
    _check_target(target)
    path = Path(path)
    data = read_attachment_file(path)
    with sessions.begin() as s:
        material = store_material(s, data, path.name)
        link = MaterialLink(material_id=material.id, kind=kind, caption=caption.strip(), **target)
        s.add(link)
        s.flush()
        return _row(link, material)


def _check_target(target: dict[str, str]) -> None:
    given = {k: v for k, v in target.items() if v}
    if len(given) != 1 or not set(given) <= set(TARGETS):
        raise ValueError(f"attach to exactly one of {TARGETS}, got {sorted(target)}")


def _row(link: MaterialLink, material: Material) -> AttachmentRow:
    return AttachmentRow(
        link_id=link.id,
        material_id=material.id,
        filename=material.filename,
        media_type=material.media_type,
        size=material.size,
        sha256=material.sha256,
        kind=link.kind,
        caption=link.caption,
    )


def list_attachments(sessions: sessionmaker[Session], **target: str) -> list[AttachmentRow]:
    """The files attached to one of ``TARGETS``, in attach order."""
    _check_target(target)
    ((column, value),) = target.items()
    query = (
        select(MaterialLink, Material)
        .join(Material, Material.id == MaterialLink.material_id)
        .where(getattr(MaterialLink, column) == value, MaterialLink.deleted_at.is_(None))
        .order_by(MaterialLink.created_at)
    )
    with sessions() as s:
        return [_row(link, material) for link, material in s.execute(query)]


def live_links_in(s: Session, kind: str | None = None, **target: str) -> list[MaterialLink]:
    """Inside a caller's transaction: the links attached to one target, in attach order."""
    _check_target(target)
    ((column, value),) = target.items()
    query = select(MaterialLink).where(
        getattr(MaterialLink, column) == value, MaterialLink.deleted_at.is_(None)
    )
    if kind is not None:
        query = query.where(MaterialLink.kind == kind)
    return list(s.scalars(query.order_by(MaterialLink.created_at, MaterialLink.id)))


def link_again_in(s: Session, links: list[MaterialLink], **target: str) -> list[MaterialLink]:
    """Inside a caller's transaction: attach the same materials (no copy of the bytes) to another
    target, with their kind and caption. A material the target already has is not linked twice."""
    _check_target(target)
    have = {link.material_id for link in live_links_in(s, **target)}
    made = []
    for link in links:
        if link.material_id in have:
            continue
        have.add(link.material_id)
        made.append(
            MaterialLink(
                material_id=link.material_id, kind=link.kind, caption=link.caption, **target
            )
        )
    s.add_all(made)
    return made


def count_links(s: Session, column: str, ids: list[str]) -> dict[str, int]:
    """Inside a session: how many live files each of ``ids`` (values of ``column``) carries."""
    if column not in TARGETS:
        raise ValueError(f"count links by one of {TARGETS}, got {column}")
    target = getattr(MaterialLink, column)
    query = (
        select(target, func.count())
        .where(target.in_(ids), MaterialLink.deleted_at.is_(None))
        .group_by(target)
    )
    return {key: count for key, count in s.execute(query)}


def tombstone_links_in(s: Session, **target: str) -> int:
    """Inside a caller's transaction: every live link of the target to the bin."""
    links = live_links_in(s, **target)
    now = utcnow()
    for link in links:
        link.deleted_at = now
    return len(links)


@changes(Change.MATERIALS)
def remove_attachment(sessions: sessionmaker[Session], link_id: str) -> None:
    with sessions.begin() as s:
        link = s.get(MaterialLink, link_id)
        if link is None or link.deleted_at is not None:
            raise NotFound(_("That attachment is no longer there. Refresh the list."))
        link.deleted_at = utcnow()


def material_bytes(sessions: sessionmaker[Session], material_id: str) -> bytes:
    with sessions() as s:
        data = s.scalar(select(Material.data).where(Material.id == material_id))
    if data is None:
        raise NotFound(_("That file is no longer in the database."))
    return data


def save_material_as(sessions: sessionmaker[Session], material_id: str, destination: Path) -> Path:
    """Write an attached file out, e.g. to open or print it."""
    from pierglass_desktop.private_files import create_private_file

    data = material_bytes(sessions, material_id)
    destination = Path(destination)
    try:
        create_private_file(destination)  # 0600: evidence and worksheets may name people
        destination.write_bytes(data)
    except OSError as error:
        raise StorageError(
            _("{path} could not be written ({reason}).").format(
                path=destination, reason=error.strerror or error
            )
        ) from error
    return destination
