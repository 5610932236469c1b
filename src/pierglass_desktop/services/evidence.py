"""The signed sign-in sheet, scanned or photographed, attached back to its session as evidence.

The file is kept inside the database (Material, stored once per content hash) and linked to the
meeting with kind "signin_evidence". Only photos and scans are accepted, up to a size limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.errors import NotFound, ValidationError
from pierglass_desktop.domain.models import Material, MaterialLink
from pierglass_desktop.i18n import _
from pierglass_desktop.i18n.formatting import format_number
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.materials import save_material_as, store_material
from pierglass_desktop.services.signoff import audit_change, guard_meeting, live_meeting

EVIDENCE_KIND = "signin_evidence"
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class EvidenceRow:
    link_id: str
    material_id: str
    meeting_id: str
    filename: str
    media_type: str
    size: int
    sha256: str
    caption: str


@changes(Change.EVIDENCE)
def attach_signin_evidence(
    sessions: sessionmaker[Session],
    meeting_id: str,
    path: Path,
    caption: str = "",
    *,
    max_bytes: int = MAX_EVIDENCE_BYTES,
    actor: str = "",
) -> EvidenceRow:
    """Keep the photo or scan with the session; attaching the same file twice changes nothing."""
    path = Path(path)
    data = _read(path, max_bytes)
    media_type = media_type_of(data)
    if media_type is None:
        raise ValidationError(
            _(
                "{name} is not a photo or a scan. Attach a JPEG, PNG, HEIC, TIFF, WebP "
                "or PDF file of the signed sheet."
            ).format(name=path.name),
            {"file": _("Choose a photo or a scanned PDF.")},
        )
    with sessions.begin() as s:
        guard_meeting(s, meeting_id)
        material = store_material(s, data, path.name, media_type)
        digest = material.sha256
        link = _existing_link(s, meeting_id, material.id)
        if link is None:
            link = MaterialLink(
                material_id=material.id,
                meeting_id=meeting_id,
                kind=EVIDENCE_KIND,
                caption=caption.strip(),
            )
            s.add(link)
            s.flush()
            audit_change(
                s,
                meeting_id,
                entity="material_link",
                entity_id=link.id,
                before=None,
                after={"kind": EVIDENCE_KIND, "sha256": digest, "filename": path.name},
                actor=actor,
            )
        return _row(link, material)


def signin_evidence(sessions: sessionmaker[Session], meeting_id: str) -> list[EvidenceRow]:
    query = (
        select(MaterialLink, Material)
        .join(Material, Material.id == MaterialLink.material_id)
        .where(
            MaterialLink.meeting_id == meeting_id,
            MaterialLink.kind == EVIDENCE_KIND,
            MaterialLink.deleted_at.is_(None),
        )
        .order_by(MaterialLink.created_at)
    )
    with sessions() as s:
        live_meeting(s, meeting_id)
        return [_row(link, material) for link, material in s.execute(query)]


def save_evidence_copy(sessions: sessionmaker[Session], link_id: str, destination: Path) -> Path:
    """Write the kept file out again, e.g. to show it or to send it to the project."""
    with sessions() as s:
        link = s.get(MaterialLink, link_id)
        if link is None or link.deleted_at is not None:
            raise NotFound(_("The attached sign-in sheet was not found."))
        material_id = link.material_id
    return save_material_as(sessions, material_id, destination)


def media_type_of(data: bytes) -> str | None:
    """The image or PDF type the file's first bytes announce; None for anything else."""
    signatures = (
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"%PDF-", "application/pdf"),
        (b"II*\x00", "image/tiff"),
        (b"MM\x00*", "image/tiff"),
    )
    for magic, media_type in signatures:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"heif"):
        return "image/heic"
    return None


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ValidationError(
                _(
                    "{name} is {size} MB; the limit is {limit} MB. Take the photo at a lower "
                    "resolution or scan in grey at 200 dpi."
                ).format(
                    name=path.name,
                    size=format_number(size / 1048576, 1),
                    limit=max_bytes // 1048576,
                ),
                {"file": _("Choose a smaller file.")},
            )
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(
            _("{path} could not be read ({reason}).").format(
                path=path, reason=error.strerror or error
            ),
            {"file": _("Choose a file that exists and that you may read.")},
        ) from error
    if not data:
        raise ValidationError(
            _("{name} is empty.").format(name=path.name), {"file": _("Choose another file.")}
        )
    return data


def _existing_link(s: Session, meeting_id: str, material_id: str) -> MaterialLink | None:
    query = select(MaterialLink).where(
        MaterialLink.meeting_id == meeting_id,
        MaterialLink.material_id == material_id,
        MaterialLink.kind == EVIDENCE_KIND,
        MaterialLink.deleted_at.is_(None),
    )
    return s.scalars(query).first()


def _row(link: MaterialLink, material: Material) -> EvidenceRow:
    return EvidenceRow(
        link_id=link.id,
        material_id=material.id,
        meeting_id=link.meeting_id or "",
        filename=material.filename,
        media_type=material.media_type,
        size=material.size,
        sha256=material.sha256,
        caption=link.caption,
    )
