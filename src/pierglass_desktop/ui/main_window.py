"""The main window: navigation on the left, the chosen page on the right, the File and Help menus.

Pages are built the first time they are shown. A language change rebuilds every text by
rebuilding the window's contents; switching database rebuilds the pages on the new file.

At start-up the window shows before the database is open (``MainWindow(None)``): navigation and
a loading note, without SQLAlchemy or the data model, which load in the background; ``attach``
then gives it the open database and builds the page shown. So nothing here imports them at
module level.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore  # Qt's namespace: as QtCore.Qt in functions (see ui/__init__)
from PySide6.QtCore import QRect, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from pierglass_desktop import __version__
from pierglass_desktop.domain.errors import PierglassError
from pierglass_desktop.i18n import _, current_language
from pierglass_desktop.ui.pages import PAGES
from pierglass_desktop.ui.widgets import files, messages

if TYPE_CHECKING:
    from pierglass_desktop.services.changes import Change
    from pierglass_desktop.ui.context import AppContext

GEOMETRY_KEY = "main_window/geometry"
PAGE_KEY = "main_window/page"
NAVIGATION_STYLE = """
QListWidget#navigation { font-size: 11pt; padding-top: 4px; }
QListWidget#navigation::item { padding: 7px 10px; }
"""
DEFAULT_SIZE = QSize(1280, 800)
# Room for the title bar and borders the window manager adds around the window.
FRAME_ALLOWANCE = QSize(16, 40)


def fitted_size(wanted: QSize, available: QRect) -> QSize:
    """``wanted``, made smaller where the screen's free area (less the frame) is smaller."""
    room = available.size() - FRAME_ALLOWANCE
    return wanted.boundedTo(room.expandedTo(QSize(1, 1)))


class MainWindow(QMainWindow):
    # Announced when the page first shown has its data (a page that loads in the background
    # says so with its own ``loaded``); the start-up benchmark waits for it.
    first_page_loaded = Signal()

    def __init__(self, context: AppContext | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._pages: dict[str, QWidget] = {}
        self.resize(fitted_size(DEFAULT_SIZE, self._available_geometry()))
        self._build()
        self._restore_state()
        if context is not None:
            context.changes.changed.connect(self._on_changes)

    def attach(self, context: AppContext) -> None:
        """The database opened (in the background): menus, status and the page shown."""
        self.context = context
        context.changes.changed.connect(self._on_changes)
        self.stack.removeWidget(self.loading)
        self.loading.deleteLater()
        # The page first: one that loads in the background (Today) starts reading while the
        # menus are built.
        page = self.show_page(self.current_page_key())
        self._build_menus()
        self._show_database()
        self._say_files_made_private()  # opening the database, behind the window, tightened them
        loaded = getattr(page, "loaded", None)
        if loaded is None:
            QTimer.singleShot(0, self.first_page_loaded.emit)  # it filled itself when built
        else:
            loaded.connect(
                self._on_first_page_loaded, QtCore.Qt.ConnectionType.SingleShotConnection
            )

    def _on_first_page_loaded(self) -> None:
        self.first_page_loaded.emit()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self._pages.clear()
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        for _key, label, _factory in PAGES:
            self.navigation.addItem(QListWidgetItem(_(label)))  # row i is PAGES[i]
        self.navigation.setFixedWidth(max(150, self.navigation.sizeHintForColumn(0) + 40))
        self.stack = QStackedWidget()
        if self.context is None:  # the database is still opening
            self.loading = QLabel(_("Opening the database…"))
            self.loading.setStyleSheet("qproperty-alignment: AlignCenter;")  # no enum yet
            self.loading.setEnabled(False)
            self.stack.addWidget(self.loading)
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)  # the previous contents are deleted by Qt
        self.navigation.currentRowChanged.connect(self._on_navigate)
        self._build_menus()
        self._build_status()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        keys = QKeySequence.StandardKey
        file_menu = bar.addMenu(_("&File"))
        self.actions = {
            # Ctrl+N belongs to the pages' "New …" buttons; a new database is rare.
            "new": self._add(file_menu, _("&New database…"), self._on_new_database),
            "open": self._add(file_menu, _("&Open database…"), self._on_open_database, keys.Open),
        }
        file_menu.addSeparator()
        self.actions["backup"] = self._add(file_menu, _("&Back up now"), self._on_backup)
        self.actions["check"] = self._add(file_menu, _("&Check database"), self._on_check)
        file_menu.addSeparator()
        self.actions["quit"] = self._add(file_menu, _("&Quit"), self.close, keys.Quit)
        for key in ("new", "open", "backup", "check"):  # nothing to act on until it is open
            self.actions[key].setEnabled(self.context is not None)
        if self.context is not None:
            from pierglass_desktop.ui.print_menu import install_print_menu  # reports: not yet

            install_print_menu(self)
        help_menu = bar.addMenu(_("&Help"))
        self.actions["about"] = self._add(help_menu, _("&About Pier-glass Desktop"), self._on_about)

    def _add(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcuts(shortcut)  # every sequence of the platform's standard key
        return action

    def _build_status(self) -> None:
        self.database_label = QLabel()
        self.statusBar().addPermanentWidget(self.database_label)
        self._show_database()
        self._say_files_made_private()

    def _say_files_made_private(self) -> None:
        from pierglass_desktop.private_files import take_tightened, tightened_notice

        tightened = take_tightened()
        if tightened:  # once: the files stay private, so the next start finds nothing to say
            self.statusBar().showMessage(tightened_notice(tightened))
        self._warn_if_unencrypted_connection()

    def _warn_if_unencrypted_connection(self) -> None:
        """A server elsewhere reached without TLS: said in the status bar until next start."""
        if self.context is None:  # nothing opened yet (and SQLAlchemy not imported yet)
            return
        from pierglass_desktop.storage.location import ServerDatabase

        location = self.context.database.location
        warning = location.tls_warning() if isinstance(location, ServerDatabase) else None
        if warning:
            self.tls_warning = warning
            self.statusBar().showMessage(warning)

    def _show_database(self) -> None:
        if self.context is None:
            self.database_label.setText(_("Opening the database…"))
            self.setWindowTitle(_("Pier-glass Desktop"))
            return
        database = self.context.database
        self.database_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # a path, not markup
        self.database_label.setText(_("Database: {path}").format(path=database.location))
        self.setWindowTitle(_("Pier-glass Desktop — {file}").format(file=database.name))

    # --- pages ----------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [key for key, _label, _factory in PAGES]

    def show_page(self, key: str) -> QWidget:
        row = self.page_keys().index(key)
        if self.navigation.currentRow() == row and key not in self._pages:
            self._on_navigate(row)  # chosen while the database was opening
        self.navigation.setCurrentRow(row)
        return self._pages[key]

    def current_page_key(self) -> str:
        return self.page_keys()[max(0, self.navigation.currentRow())]

    def _on_navigate(self, row: int) -> None:
        if row < 0:
            return
        key, _label, factory = PAGES[row]
        if self.context is None:  # built once the database is open (attach)
            QSettings().setValue(PAGE_KEY, key)
            return
        if key not in self._pages:
            page = factory(self.context)
            self._pages[key] = page
            self.stack.addWidget(page)
            if hasattr(page, "open_requested"):  # pages that point at records on other pages
                page.open_requested.connect(self._on_open_requested)
            if hasattr(page, "register_member_requested"):
                page.register_member_requested.connect(self._on_register_member_requested)
        self.stack.setCurrentWidget(self._pages[key])
        QSettings().setValue(PAGE_KEY, key)

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if geometry is not None:
            self._restore_geometry_if_it_fits(geometry)
        key = settings.value(PAGE_KEY, "")
        keys = self.page_keys()
        self.navigation.setCurrentRow(keys.index(key) if key in keys else 0)

    def _available_geometry(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _restore_geometry_if_it_fits(self, geometry) -> None:
        """A size saved on a bigger monitor would hide the status bar on a laptop: ignore it."""
        before = self.geometry()
        available = self._available_geometry()
        restored = self.restoreGeometry(geometry)
        fits = fitted_size(self.size(), available) == self.size()
        if not restored or not (fits or self.isMaximized()):  # maximized fits by definition
            self.setGeometry(before)

    def rebuild(self) -> None:
        """Rebuild every page and text (after a language or database change)."""
        from pierglass_desktop.ui.qt_i18n import install_qt_translations

        app = QApplication.instance()
        if app is not None:
            install_qt_translations(app, current_language())
        key = self.current_page_key()
        old_label = self.database_label
        self.statusBar().removeWidget(old_label)
        old_label.deleteLater()
        self._build()
        self.show_page(key)

    def _on_open_requested(self, kind: str, record_id: str) -> None:
        """Take a record from one page to the page that shows it."""
        if kind == "participant":
            self.show_page("participants").select_participant(record_id)
        # "meeting": the asking page opens the run-session screen itself.

    def _on_register_member_requested(self, group_id: str, participant_id: str) -> None:
        self.show_page("register").show_group(group_id, participant_id)

    def _on_changes(self, kinds: frozenset[Change]) -> None:
        from pierglass_desktop.services.changes import Change

        if Change.LANGUAGE in kinds:  # later: the page that asked is still inside its slot
            QTimer.singleShot(0, self.rebuild)

    # --- File menu ------------------------------------------------------------------------

    def _on_new_database(self) -> None:
        path = files.choose_save_path(
            self, files.DATABASES, _("New database"), "pierglass.sqlite3", files.database_filter()
        )
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".sqlite3")
        if path.exists() and path.stat().st_size > 0:
            messages.show_error(
                self,
                _("New database"),
                _("{path} already exists. Choose another name, or use Open database.").format(
                    path=path
                ),
            )
            return
        self.switch_database(path)

    def _on_open_database(self) -> None:
        path = files.choose_open_path(
            self,
            files.DATABASES,
            _("Open database"),
            files.database_filter() + ";;" + _("All files (*)"),
        )
        if path is not None:
            self.switch_database(path)

    def switch_database(self, path: Path) -> bool:
        """Open ``path`` and show it; on failure say why and keep the current database."""
        from pierglass_desktop.services.changes import ALL as ALL_CHANGES
        from pierglass_desktop.services.changes import Change
        from pierglass_desktop.storage.database import open_database

        assert self.context is not None  # the menu entry waits for the database
        if Path(path).expanduser().resolve() == self.context.database.path:
            return True  # already open here; its own lock would call it "open elsewhere"
        from pierglass_desktop.ui.run_session import close_open_windows

        if not close_open_windows():  # a run-session screen writes to the file open now
            return False
        from pierglass_desktop.ui.dialogs.passphrase_dialogs import unlock_database

        if not unlock_database(self, path):  # protected with a passphrase, and not given
            return False
        try:
            database = open_database(path)
        except PierglassError as error:
            messages.show_error(self, _("Open database"), error)
            return False
        self._abandon_loading()
        self.context.tasks.wait()
        old, self.context.database = self.context.database, database
        old.close()
        self.rebuild()
        self.context.changes.announce(ALL_CHANGES - {Change.LANGUAGE})  # every page reloads
        return True

    def reopen_database(self, change):
        """Close the database, run ``change(path)`` on the closed file, and open it again.

        For what must rewrite the whole file (protecting it with a passphrase). The file opens
        again whether or not ``change`` succeeded; its error goes up after that.
        """
        from pierglass_desktop.services.changes import ALL as ALL_CHANGES
        from pierglass_desktop.services.changes import Change
        from pierglass_desktop.storage.database import open_database
        from pierglass_desktop.ui.run_session import close_open_windows

        if not close_open_windows():
            return None
        self.context.tasks.wait()
        path = self.context.database.path
        self.context.database.close(automatic_backup=False)
        try:
            return change(path)
        finally:
            self.context.database = open_database(path)
            self.rebuild()
            self.context.changes.announce(ALL_CHANGES - {Change.LANGUAGE})

    def _on_backup(self) -> None:
        from pierglass_desktop.storage.backup import make_backup

        assert self.context is not None  # the menu entry waits for the database
        path = self.context.database.path
        if path is None:  # a server database: its own backups serve
            from pierglass_desktop.storage.server_backup import server_backup_refusal

            location = self.context.database.location
            messages.show_error(self, _("Back up now"), server_backup_refusal(location))
            return
        self.statusBar().showMessage(_("Backing up…"))
        self.context.tasks.run(
            lambda _progress: make_backup(path, "manual"),
            on_success=self._on_backup_done,
            on_failure=lambda error: self._on_failed(_("Back up now"), error),
        )

    def _on_backup_done(self, destination: Path) -> None:
        self.statusBar().showMessage(_("Backup saved as {path}").format(path=destination), 15000)

    def _on_check(self) -> None:
        from pierglass_desktop.storage.check import check_database

        assert self.context is not None  # the menu entry waits for the database
        path = self.context.database.location
        self.statusBar().showMessage(_("Checking the database…"))
        self.context.tasks.run(
            lambda _progress: check_database(path),
            on_success=self._on_check_done,
            on_failure=lambda error: self._on_failed(_("Check database"), error),
        )

    def _on_check_done(self, report) -> None:
        self.statusBar().clearMessage()
        if report.ok:
            text = _(
                "The database is in good order. Its version is {revision}; this program "
                "writes {head}."
            ).format(revision=report.revision or _("none"), head=report.head_revision)
            QMessageBox.information(self, _("Check database"), text)
            return
        text = _(
            "The check found problems in {path}. Make a copy of the file and ask for help; "
            "the newest backup is in the backups folder beside it.\n\n{problems}"
        ).format(path=report.path, problems="\n".join(report.problems[:20]))
        QMessageBox.warning(self, _("Check database"), text)

    def _on_failed(self, title: str, error: Exception) -> None:
        self.statusBar().clearMessage()
        messages.show_error(self, title, error)

    def _on_about(self) -> None:
        text = _(
            "<b>Pier-glass Desktop</b> {version}<br>For tutors, facilitators and coordinators "
            "of peer groups of small entrepreneurs.<br><br>Database: {path}"
        ).format(
            version=__version__,
            path=html.escape(str(self.context.database.location) if self.context else "…"),
        )
        QMessageBox.about(self, _("About Pier-glass Desktop"), text)

    # --- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        from pierglass_desktop.ui.run_session import close_open_windows

        if not close_open_windows():  # a meeting runs and the tutor chose to stay
            event.ignore()
            return
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(PAGE_KEY, self.current_page_key())
        self._abandon_loading()
        if self.context is not None:
            self.context.tasks.wait()  # work that must finish (a backup, an import); not reads
        super().closeEvent(event)

    def _abandon_loading(self) -> None:
        """Lists still loading are dropped rather than waited for."""
        for page in self._pages.values():
            abandon = getattr(page, "abandon_loading", None)
            if abandon is not None:
                abandon()
