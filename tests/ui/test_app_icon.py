"""The program's window carries its own icon, read from resources/icons."""

from __future__ import annotations

from PySide6.QtCore import QSize

from pierglass_desktop.ui.app import application


def test_tutor_sees_the_pierglass_icon_on_the_window(qapp):
    icon = application().windowIcon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (32, 32), (256, 256)} <= sizes
    assert icon.actualSize(QSize(48, 48)) == QSize(48, 48)
