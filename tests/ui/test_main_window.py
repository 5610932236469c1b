"""The main window: navigation, remembered state, the File menu's actions, the language switch."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMenu, QMessageBox
from tests.ui.loading import settled

from pierglass_desktop import i18n
from pierglass_desktop.preferences import load_preferences
from pierglass_desktop.services.groups import GroupInput, create_group, list_groups
from pierglass_desktop.storage.backup import list_backups
from pierglass_desktop.storage.database import open_database
from pierglass_desktop.ui.main_window import MainWindow
from pierglass_desktop.ui.pages import PAGES


def make_window(context, qtbot) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def info_boxes(monkeypatch) -> list[str]:
    seen: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a: seen.append(text))
    return seen


def test_navigation_lists_the_registered_pages_and_builds_only_the_one_shown(context, qtbot):
    window = make_window(context, qtbot)
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels == [label for _key, label, _factory in PAGES]
    assert window.stack.count() == 1
    page = window.show_page("participants")
    assert window.stack.currentWidget() is page
    assert window.stack.count() == 2


def test_the_window_reopens_on_the_page_and_size_it_was_left_at(context, qtbot):
    window = make_window(context, qtbot)
    window.show_page("settings")
    window.resize(window.width(), 520)  # the offscreen screen is small: change the height
    window.close()
    again = make_window(context, qtbot)
    assert again.current_page_key() == "settings"
    assert again.height() == 520


def test_status_bar_and_title_name_the_database(context, qtbot):
    window = make_window(context, qtbot)
    assert str(context.database.path) in window.database_label.text()
    assert context.database.path.name in window.windowTitle()


def test_check_database_runs_in_the_background_and_reports(context, qtbot, info_boxes):
    window = make_window(context, qtbot)
    window.actions["check"].trigger()
    qtbot.waitUntil(lambda: bool(info_boxes), timeout=10000)
    assert "good order" in info_boxes[0]


def test_back_up_now_writes_a_backup_and_says_where(context, qtbot):
    window = make_window(context, qtbot)
    window.actions["backup"].trigger()
    qtbot.waitUntil(lambda: bool(list_backups(context.database.path, "manual")), timeout=10000)
    qtbot.waitUntil(lambda: "Backup saved" in window.statusBar().currentMessage())


def test_switching_database_shows_the_new_file_and_releases_the_old(context, qtbot, tmp_path):
    create_group(context.sessions, GroupInput("Vanha ryhmä"))
    old_path = context.database.path
    window = make_window(context, qtbot)
    page = settled(window.show_page("groups"))
    assert page.model.rowCount() == 1
    assert window.switch_database(tmp_path / "second.sqlite3")
    assert window.context.database.path.name == "second.sqlite3"
    assert "second.sqlite3" in window.database_label.text()
    assert settled(window.show_page("groups")).model.rowCount() == 0
    with open_database(old_path) as old:  # not locked any more
        assert [g.name for g in list_groups(old.sessions)] == ["Vanha ryhmä"]


def test_opening_the_database_already_shown_changes_nothing(context, qtbot):
    window = make_window(context, qtbot)
    assert window.switch_database(context.database.path)
    assert window.context.database is context.database


def test_a_database_that_cannot_open_keeps_the_current_one(context, qtbot, tmp_path):
    other = open_database(tmp_path / "busy.sqlite3")
    try:
        window = make_window(context, qtbot)
        seen = []
        import pierglass_desktop.ui.widgets.messages as messages

        original = messages.show_error
        messages.show_error = lambda _p, _t, error: seen.append(str(error))
        try:
            assert not window.switch_database(tmp_path / "busy.sqlite3")
        finally:
            messages.show_error = original
        assert "already open" in seen[0]
        assert window.context.database is context.database
    finally:
        other.close(automatic_backup=False)


def test_switching_language_saves_it_calls_set_language_and_rebuilds(context, qtbot, monkeypatch):
    calls = []
    real = i18n.set_language

    def spy(language):
        calls.append(language)
        return real(language)

    import pierglass_desktop.ui.pages.settings as settings_module

    monkeypatch.setattr(settings_module, "set_language", spy)
    window = make_window(context, qtbot)
    old_navigation = window.navigation
    page = window.show_page("settings")
    page.language.setCurrentIndex(page.language.findData("fi"))
    page.save_button.click()
    assert calls == ["fi"]
    assert load_preferences().language == "fi"
    qtbot.waitUntil(lambda: window.navigation is not old_navigation)
    assert window.current_page_key() == "settings"
    shown = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert shown == [i18n._(label) for _key, label, _factory in PAGES]
    assert "Ryhmät" in shown and "Asetukset" in shown
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Peru"
    real("en")


def test_settings_save_every_preference(context, qtbot):
    window = make_window(context, qtbot)
    page = window.show_page("settings")
    page.tutor_name.setText("Aino Tutor")
    page.threshold.setValue(60)
    page.window.setValue(4)
    page.large_text.setChecked(True)
    page.save_button.click()
    saved = load_preferences()
    assert (saved.tutor_name, saved.low_attendance_threshold) == ("Aino Tutor", 0.6)
    assert (saved.low_attendance_window, saved.large_text) == (4, True)
    assert context.preferences == saved
    assert page.saved_label.text() == "Saved."


def test_new_database_creates_and_opens_a_file_but_refuses_an_existing_one(
    context, qtbot, tmp_path, monkeypatch
):
    import pierglass_desktop.ui.widgets.messages as messages
    from pierglass_desktop.ui.widgets import files

    errors = []
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, error: errors.append(str(error)))
    window = make_window(context, qtbot)
    chosen = tmp_path / "ryhmat"
    monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: chosen)
    window.actions["new"].trigger()
    assert window.context.database.path == (tmp_path / "ryhmat.sqlite3").resolve()
    existing = context.database.path  # closed now, but a real database file
    monkeypatch.setattr(files, "choose_save_path", lambda *a, **k: existing)
    window.actions["new"].trigger()
    assert "already exists" in errors[0]
    assert window.context.database.path.name == "ryhmat.sqlite3"
    monkeypatch.setattr(files, "choose_open_path", lambda *a, **k: existing)
    window.actions["open"].trigger()
    assert window.context.database.path == existing


def test_about_names_the_version_and_the_database(context, qtbot, monkeypatch):
    from pierglass_desktop import __version__

    seen = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: seen.append(text))
    window = make_window(context, qtbot)
    window.actions["about"].trigger()
    assert __version__ in seen[0] and str(context.database.path) in seen[0]


def test_every_page_fits_a_1280_pixel_laptop_screen_in_finnish(tmp_path, qtbot, finnish):
    """Finnish labels are the longest; a page wider than 1280 px would push the window off."""
    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.tasks import TaskRunner

    path = tmp_path / "demo.sqlite3"
    create_demo_database(path, groups=3, seed=5)
    with open_database(path) as database:
        context = AppContext(database, TaskRunner(), Changes(), load_preferences())
        window = make_window(context, qtbot)
        for key, _label, _factory in PAGES:
            window.show_page(key)
            context.tasks.wait()
            width = window.minimumSizeHint().width()
            assert width <= 1280, f"{key} needs {width} px"
        window.close()
        context.tasks.wait()


def test_the_first_window_fits_a_1366_by_768_laptop_screen():
    from PySide6.QtCore import QRect, QSize

    from pierglass_desktop.ui.main_window import DEFAULT_SIZE, FRAME_ALLOWANCE, fitted_size

    laptop = QRect(0, 0, 1366, 768 - 40)  # less the task bar
    fitted = fitted_size(DEFAULT_SIZE, laptop)
    assert fitted.height() + FRAME_ALLOWANCE.height() <= laptop.height()
    assert fitted.width() == 1280  # as wide as wanted where there is room
    assert fitted_size(DEFAULT_SIZE, QRect(0, 0, 2560, 1440)) == QSize(1280, 800)


def test_the_window_is_never_larger_than_its_screen(context, qtbot):
    window = make_window(context, qtbot)
    available = window.screen().availableGeometry()
    assert window.height() <= available.height() and window.width() <= available.width()


def test_a_size_saved_on_a_bigger_monitor_is_not_restored(context, qtbot):
    from PySide6.QtCore import QSettings

    from pierglass_desktop.ui.main_window import GEOMETRY_KEY

    big = MainWindow(context)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 2400, 1400)
    QSettings().setValue(GEOMETRY_KEY, big.saveGeometry())
    again = make_window(context, qtbot)
    available = again.screen().availableGeometry()
    assert again.height() <= available.height() and again.width() <= available.width()


def test_every_page_fits_a_768_pixel_laptop_screen_in_finnish(tmp_path, qtbot, finnish):
    """The status bar must stay on screen: title bar, menu, page and status bar in 768 px."""
    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.main_window import FRAME_ALLOWANCE
    from pierglass_desktop.ui.tasks import TaskRunner

    room = 768 - 40 - FRAME_ALLOWANCE.height()  # less the task bar and the title bar
    path = tmp_path / "demo.sqlite3"
    create_demo_database(path, groups=3, seed=5)
    with open_database(path) as database:
        context = AppContext(database, TaskRunner(), Changes(), load_preferences())
        window = make_window(context, qtbot)
        for key, _label, _factory in PAGES:
            window.show_page(key)
            context.tasks.wait()
            height = window.minimumSizeHint().height()
            assert height <= room, f"{key} needs {height} px"
        window.close()
        context.tasks.wait()


def test_the_agenda_item_editor_has_room_to_type_on_a_laptop(tmp_path, qtbot, finnish):
    """At 1366x768 the item editor's fields were about 120 px wide; a title needs more."""
    from pierglass_desktop.demo.generator import create_demo_database
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.tasks import TaskRunner

    path = tmp_path / "demo.sqlite3"
    create_demo_database(path, groups=1, seed=5)
    with open_database(path) as database:
        context = AppContext(database, TaskRunner(), Changes(), load_preferences())
        window = make_window(context, qtbot)
        window.resize(1366, 688)
        page = window.show_page("sessions")
        qtbot.wait(20)
        assert page.builder.editor.title.width() >= 250
        assert page.builder.editor.purpose.width() >= 250
        window.close()
        context.tasks.wait()


def test_the_window_shows_its_navigation_before_the_data_model_is_loaded():
    """Start-up shows the window first; SQLAlchemy and the models load behind it."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from pierglass_desktop.ui.app import application\n"
        "from pierglass_desktop.ui.main_window import MainWindow\n"
        "app = application()\n"
        "window = MainWindow(None)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(window.navigation.count(), sorted({m.split('.')[0] for m in sys.modules}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 0, done.stderr
    count, packages = done.stdout.split(" ", 1)
    assert int(count) == len(PAGES)
    assert "'sqlalchemy'" not in packages


def test_a_window_opened_before_its_database_fills_in_when_the_database_arrives(context, qtbot):
    from PySide6.QtCore import QSettings

    from pierglass_desktop.ui.main_window import PAGE_KEY

    QSettings().setValue(PAGE_KEY, "groups")
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.loading
    assert not window.actions["backup"].isEnabled()
    assert window.menuBar().findChild(QMenu, "print_menu") is None  # printing needs the data
    window.navigation.setCurrentRow(window.page_keys().index("participants"))  # chosen meanwhile
    with qtbot.waitSignal(window.first_page_loaded):
        window.attach(context)
    assert window.current_page_key() == "participants"
    assert type(window.stack.currentWidget()).__name__ == "ParticipantsPage"
    assert window.actions["backup"].isEnabled()
    assert window.menuBar().findChild(QMenu, "print_menu") is not None
    assert str(context.database.path.name) in window.windowTitle()
