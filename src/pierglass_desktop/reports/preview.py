"""A PDF's first page as pixels, for a preview without a PDF viewer (pypdfium2, ≈ 50 ms).

Returns plain bytes and sizes, so the window turns them into an image on its own thread and
this module needs no Qt. pdfium is not thread-safe: call it from one thread at a time (the
window's task runner runs one job at a time)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PagePixels:
    data: bytes  # RGBA, row after row
    width: int
    height: int
    stride: int
    pages: int  # pages in the whole document


def first_page(path: Path, width_px: int = 900) -> PagePixels:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        scale = width_px / page.get_width()
        # BGRA with the byte order reversed is RGBA: what QImage takes, no Pillow needed.
        bitmap = page.render(
            scale=scale, rev_byteorder=True, force_bitmap_format=pdfium.raw.FPDFBitmap_BGRA
        )
        pixels = PagePixels(
            bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, len(document)
        )
        page.close()
        return pixels
    finally:
        document.close()
