"""Qt's own texts (OK, Cancel, the calendar's month names) in the program's language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

_installed: QTranslator | None = None


def translations_path() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_qt_translations(app: QApplication, language: str) -> bool:
    """Load ``qtbase_<language>.qm`` and set the default locale; False when Qt has no file."""
    global _installed
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    QLocale.setDefault(QLocale(language))
    translator = QTranslator(app)
    if not translator.load(f"qtbase_{language}", translations_path()):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True
