"""Opening each list page on a demo database, and Today's background load.

    QT_QPA_PLATFORM=offscreen python bench/pages.py                       # 200 groups
    QT_QPA_PLATFORM=offscreen python bench/pages.py --groups 1400 --years 10

Each page is built anew and painted once (constructor, its data, model, view, first paint),
several times (median, after one warm-up). The Groups and Participants pages read their rows in
the background: for them the first paint shows the page with the rows it has (none, the first
time), and the time until the rows are shown is printed too, with the GUI thread's longest wait
meanwhile. Targets on the ten-year file: Participants, Groups,
Sessions, Register and Library each under 200 ms; Today's load under 300 ms, during which a
timer ticking every 5 ms on the GUI thread never waits more than 50 ms (the longest gap between
its ticks is printed). Also printed: the statements run when a group is selected on the Groups
page. The floor, in the same run, is one plain sqlite3 read of every live participant's name; each
page's time is also printed as a multiple of it, which says more than milliseconds when the
machine's speed changes from run to run.
Wall-clock and CPU time of this process are both printed: on a machine shared with other work
the wall clock mostly measures waiting for a core, so a verdict uses the CPU time when the two
differ by more than 1.5x (as bench/register.py does).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path

from scale_demo import SOURCE, add_arguments, database_for

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(SOURCE))

PAGE_TARGET_MS, TODAY_TARGET_MS, GAP_TARGET_MS = 200.0, 300.0, 50.0


def _pages():
    from pierglass_desktop.ui.pages.groups import GroupsPage
    from pierglass_desktop.ui.pages.library import LibraryPage
    from pierglass_desktop.ui.pages.participants import ParticipantsPage
    from pierglass_desktop.ui.pages.register import RegisterPage
    from pierglass_desktop.ui.pages.sessions import SessionsPage

    return {
        "Participants": ParticipantsPage,
        "Groups": GroupsPage,
        "Sessions": SessionsPage,
        "Register": RegisterPage,
        "Library": LibraryPage,
    }


def open_page(app, context, page_class) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds to build the page and paint it once."""
    started, started_cpu = time.perf_counter(), time.process_time()
    page = page_class(context)
    page.resize(1366, 768)
    page.grab()  # lays out and paints what is visible once
    elapsed = (time.perf_counter() - started) * 1000
    cpu = (time.process_time() - started_cpu) * 1000
    settle(page)  # untimed: a read left running would slow the next opening
    page.deleteLater()
    app.processEvents()
    return elapsed, cpu


def settle(page) -> None:
    """Until a page reading in the background has shown its rows."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    while getattr(page, "loading", False):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def judged(wall: float, cpu: float) -> float:
    return cpu if wall > 1.5 * cpu else wall


def background_load(app, context, page_class) -> tuple[float, float]:
    """Milliseconds from building a page that reads in the background to its rows being shown
    (page built, rows read and sorted in the background, filled and painted), and the longest
    gap between the ticks of a 5 ms timer on the GUI thread after the page was built."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    clock, gaps, last = QElapsedTimer(), [0.0], [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now

    timer = QTimer(interval=5)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    started = time.perf_counter()
    page = page_class(context)
    page.loaded.connect(loop.quit)
    page.resize(1366, 768)
    page.show()
    clock.start()
    timer.start()
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    tick()
    timer.stop()
    page.grab()  # the filled lists painted
    elapsed = (time.perf_counter() - started) * 1000
    page.close()
    page.deleteLater()
    app.processEvents()
    return elapsed, gaps[0]


def loads_in_background(page_class) -> bool:
    return hasattr(page_class, "loaded")


def today_close(app, context) -> float:
    """Milliseconds to close Today while its lists are still loading, as the window does
    (it waits for the shared background work, such as a backup, before it closes)."""
    from pierglass_desktop.ui.pages.today import TodayPage

    page = TodayPage(context)
    page.show()
    app.processEvents()
    started = time.perf_counter()
    page.close()
    page.deleteLater()
    app.processEvents()
    context.tasks.wait()
    return (time.perf_counter() - started) * 1000


def statements_on_group_selection(context) -> int:
    """How many statements selecting a group on the Groups page runs."""
    from sqlalchemy import event

    from pierglass_desktop.ui.pages.groups import GroupsPage

    page = GroupsPage(context)
    settle(page)  # the groups are read in the background; a group is chosen among them
    count = [0]

    def counted(*_args) -> None:
        if threading.current_thread() is threading.main_thread():  # not Today's abandoned reads
            count[0] += 1

    engine = context.database.engine
    event.listen(engine, "before_cursor_execute", counted)
    try:
        page.table.selectRow(0)
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    page.deleteLater()
    return count[0]


def rows_shown(app, context, page_class, runs: int) -> tuple[float, float]:
    """The median time to the rows shown, and the longest GUI wait of any run."""
    background_load(app, context, page_class)
    loads = [background_load(app, context, page_class) for _ in range(runs)]
    return statistics.median(ms for ms, _gap in loads), max(gap for _ms, gap in loads)


def floor_ms(path: Path, runs: int) -> float:
    samples = []
    connection = sqlite3.connect(path)
    for _ in range(runs):
        started = time.perf_counter()
        connection.execute(
            "SELECT id, first_name, last_name FROM participants WHERE deleted_at IS NULL"
        ).fetchall()
        samples.append((time.perf_counter() - started) * 1000)
    connection.close()
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    path = database_for(args)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from pierglass_desktop.i18n import set_language
    from pierglass_desktop.preferences import Preferences
    from pierglass_desktop.storage.database import open_database
    from pierglass_desktop.ui.context import AppContext, Changes
    from pierglass_desktop.ui.pages.today import TodayPage
    from pierglass_desktop.ui.tasks import TaskRunner

    set_language("en")
    database = open_database(path)
    _pages()  # every page's modules imported, then settled as the app settles after start-up
    from pierglass_desktop.ui.app import settle_after_start

    settle_after_start(app)
    failed = False
    try:
        context = AppContext(database, TaskRunner(), Changes(), Preferences())
        print(f"{path.name}: median of {args.runs} openings after a warm-up, 1366 x 768")
        floor = floor_ms(path, args.runs)
        print(f"  floor: every participant's name, plain sqlite3  {floor:7.1f} ms")
        for name, page_class in _pages().items():
            open_page(app, context, page_class)
            samples = [open_page(app, context, page_class) for _ in range(args.runs)]
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            ms = judged(wall, cpu)
            verdict = "ok" if ms < PAGE_TARGET_MS else "OVER"
            failed |= ms >= PAGE_TARGET_MS
            print(
                f"  {name:<13} opened and painted  {wall:7.1f} ms wall {cpu:7.1f} ms CPU  "
                f"{ms / floor:5.1f}x floor  (< {PAGE_TARGET_MS:.0f}: {verdict})"
            )
            if loads_in_background(page_class):
                load, gap = rows_shown(app, context, page_class, args.runs)
                print(
                    f"  {'':<13} rows shown          {load:7.1f} ms  {load / floor:5.1f}x floor; "
                    f"GUI thread's longest wait {gap:.1f} ms"
                )
        load, gap = rows_shown(app, context, TodayPage, args.runs)
        failed |= load >= TODAY_TARGET_MS or gap >= GAP_TARGET_MS
        print(
            f"  Today         lists loaded        {load:7.1f} ms  (< {TODAY_TARGET_MS:.0f}: "
            f"{'ok' if load < TODAY_TARGET_MS else 'OVER'}); GUI thread's longest wait "
            f"{gap:.1f} ms (< {GAP_TARGET_MS:.0f}: {'ok' if gap < GAP_TARGET_MS else 'OVER'})"
        )
        closing = statistics.median(today_close(app, context) for _ in range(args.runs))
        print(f"  Today         closed while loading {closing:7.1f} ms")
        print(f"  selecting a group runs {statements_on_group_selection(context)} statements")
        context.tasks.wait()
    finally:
        database.close(automatic_backup=False)
    sys.stdout.flush()
    os._exit(1 if failed else 0)  # the figures are out; skip tearing the widgets down one by one


if __name__ == "__main__":
    raise SystemExit(main())
