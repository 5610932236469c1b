"""The self-assessment radar: one drawing for the PDF and the screen."""

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from pierglass_desktop.reports.radar import radar_chart, radar_svg

CAPTIONS = ["Digital working", "Data handling", "Networking", "Wellbeing at work"]


def test_radar_svg_paints_on_screen_without_a_black_fill(qapp):
    svg = radar_svg(radar_chart(CAPTIONS, [2, 3, None, 3], [3, 4, 2, 3.5]))
    assert b"clipPath" not in svg and b"None" not in svg
    renderer = QSvgRenderer(svg)
    assert renderer.isValid()
    image = QImage(400, 280, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    pixels = [image.pixelColor(x, y) for x in range(0, 400, 8) for y in range(0, 280, 8)]
    dark = sum(1 for c in pixels if c.lightness() < 40)
    assert dark < len(pixels) * 0.05  # lines only, never a filled black shape
