"""Render resources/icons/pierglass.svg to the PNG and ICO files the builds use.

Run after changing the SVG: ``python packaging/make_icons.py``. Uses QtSvg (in PySide6-Essentials).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128)  # and 256 as pierglass.png


def render(svg: Path, size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv)  # noqa: F841 - image plugins need an application
    svg = ICONS / "pierglass.svg"
    for size in SIZES:
        render(svg, size).save(str(ICONS / f"pierglass-{size}.png"))
    render(svg, 256).save(str(ICONS / "pierglass.png"))
    render(svg, 256).save(str(ICONS / "pierglass.ico"))
    print(f"Wrote icons to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
