"""Start-up: time from process start to exit right after the main window is first shown.

    python bench/startup.py [--runs 7] [--groups 200] [--platform offscreen]
    python bench/startup.py --groups 1400 --years 10     # a coordinator's ten years

Four kinds of process, each run several times, taking turns (median, after one warm-up run):
  (a) a bare PySide6 window,
  (b) the same window after importing sqlalchemy.orm and opening an engine on the database,
  (c) the real app: ``python -m pierglass_desktop --database DB`` with PIERGLASS_QUIT_WHEN_SHOWN=1
      (it prints ``pierglass-shown <time>`` right after ``show()``),
  (d) the same with PIERGLASS_QUIT_WHEN_LOADED=1: it prints ``pierglass-loaded <time>`` when
      the first page (Today, on a first start) shows its data, and quits,
on a demo database of 200 groups (or the 10-year file, or any --database). Targets: the window
shown, c <= 1.5 a (it shows before SQLAlchemy is imported); the first page's data, d <= 1.3 b.
Also whether openpyxl, reportlab.platypus or alembic were imported on the way to the window
(they must not be).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scale_demo import add_arguments, database_for

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src"
RESULTS = Path(__file__).resolve().parent / "results"
SHOWN_TARGET = 1.5  # c / a
LOADED_TARGET = 1.3  # d / b
MARK = "pierglass-shown"
LOADED_MARK = "pierglass-loaded"
HEAVY_MODULES = ("openpyxl", "reportlab.platypus", "alembic")

BARE_WINDOW = """
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1024, 700)
window.show()
print(f"pierglass-shown {time.time():.6f} {time.process_time():.6f}", flush=True)
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

WINDOW_WITH_ENGINE = """
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import sqlalchemy.orm
from sqlalchemy import create_engine, text
app = QApplication(sys.argv)
engine = create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as connection:
    connection.execute(text("SELECT COUNT(*) FROM groups")).scalar()
window = QMainWindow()
window.resize(1024, 700)
window.show()
print(f"pierglass-shown {time.time():.6f} {time.process_time():.6f}", flush=True)
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def environment(platform: str, **extra: str) -> dict[str, str]:
    """A first start: no saved window state or preferences, so the app opens on its first page
    (Today) the same way on every machine, and the developer's own settings stay untouched."""
    home = RESULTS / "first-start"
    env = dict(
        os.environ,
        PYTHONPATH=str(SOURCE),
        QT_QPA_PLATFORM=platform,
        XDG_CONFIG_HOME=str(home / "config"),
        PIERGLASS_DATA_DIR=str(home / "data"),
    )
    env.update(extra)
    return env


def timed(command: list[str], env: dict[str, str], mark: str = MARK) -> tuple[float, float, float]:
    """Seconds from process start to its mark, to the process's exit, and the processor time
    the process had used at its mark (all its threads).

    Each program prints ``pierglass-shown <wall time> <processor time>`` right after
    ``show()`` (or ``pierglass-loaded …`` when the first page has its data); exit comes later,
    after everything has closed. Processor time is what a stall of the shared machine does not
    lengthen: the wall clock waits, the work does not grow.
    """
    started_wall, started = time.time(), time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed ({result.returncode}): {result.stderr[-2000:]}")
    marks = [line.split() for line in result.stdout.splitlines() if line.startswith(mark)]
    if not marks:
        raise RuntimeError(f"{command[:3]} never reported {mark}")
    return float(marks[0][1]) - started_wall, elapsed, float(marks[0][2])


def timed_in_turns(
    programs: dict[str, tuple[list[str], dict[str, str], str]], runs: int
) -> dict[str, list[tuple[float, float, float]]]:
    """Each program's (mark, exit, processor time) in each of ``runs`` rounds, after one
    warm-up each.

    The programs take turns, one run each per round: on a shared machine a slow minute then
    slows every kind alike, instead of whichever kind happened to run in it."""
    for command, env, mark in programs.values():
        timed(command, env, mark)  # warm-up: file cache, Python bytecode, the daily backup
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, (command, env, mark) in programs.items():
            samples[name].append(timed(command, env, mark))
    return samples


def medians(taken: list[tuple[float, float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in taken), statistics.median(s[1] for s in taken)


def processor(taken: list[tuple[float, float, float]]) -> float:
    """The median processor time at the mark."""
    return statistics.median(s[2] for s in taken)


def in_each_round(
    top: list[tuple[float, float, float]], floor: list[tuple[float, float, float]]
) -> str:
    ratios = sorted(t[0] / f[0] for t, f in zip(top, floor, strict=True))
    return ", ".join(f"{r:.2f}" for r in ratios)


def app_available() -> bool:
    return (SOURCE / "pierglass_desktop" / "ui" / "app.py").exists()


def heavy_imports(database: Path, platform: str) -> list[str]:
    """Heavy modules the app imported before its window was shown (should be none)."""
    env = environment(platform, PIERGLASS_QUIT_WHEN_SHOWN="1", PYTHONPROFILEIMPORTTIME="1")
    command = [sys.executable, "-m", "pierglass_desktop", "--database", str(database)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    return [name for name in HEAVY_MODULES if name in imported]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    add_arguments(parser)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args(argv)
    database = database_for(args)
    # Bytecode, as an installed program has it (pip writes it; the frozen app carries it): with
    # PYTHONDONTWRITEBYTECODE set, a checkout's edited modules were compiled at every start.
    compileall.compile_dir(SOURCE, quiet=1)
    env = environment(args.platform)
    python = sys.executable
    programs = {
        "a": ([python, "-c", BARE_WINDOW], env, MARK),
        "b": ([python, "-c", WINDOW_WITH_ENGINE, str(database)], env, MARK),
    }
    command = [python, "-m", "pierglass_desktop", "--database", str(database)]
    if app_available():
        programs["c"] = (command, environment(args.platform, PIERGLASS_QUIT_WHEN_SHOWN="1"), MARK)
        loaded_env = environment(args.platform, PIERGLASS_QUIT_WHEN_LOADED="1")
        programs["d"] = (command, loaded_env, LOADED_MARK)
    samples = timed_in_turns(programs, args.runs)
    (a, a_exit), (b, b_exit) = medians(samples["a"]), medians(samples["b"])
    print(f"Start-up to the first shown window, median of {args.runs} runs taken in turns")
    print(f"  platform {args.platform}, database {database.name}, first start (Today page)")
    print("                                          shown     exit")
    print(f"  (a) bare PySide6 window                 {a:7.3f} s {a_exit:7.3f} s")
    print(
        f"  (b) bare window + SQLAlchemy engine     {b:7.3f} s {b_exit:7.3f} s   b/a = {b / a:.2f}"
    )
    if not app_available():
        print("  (c) Pier-glass main window              not in this checkout (ui/app.py missing)")
        return 0
    (c, c_exit), (d, d_exit) = medians(samples["c"]), medians(samples["d"])
    print(f"  (c) Pier-glass main window shown        {c:7.3f} s {c_exit:7.3f} s")
    print(f"  (d) its first page's data shown         {d:7.3f} s {d_exit:7.3f} s")
    shown = "ok" if c / a <= SHOWN_TARGET else "OVER TARGET"
    loaded = "ok" if d / b <= LOADED_TARGET else "OVER TARGET"
    print(f"  shown: c/a = {c / a:.2f} (target <= {SHOWN_TARGET}: {shown})   c/b = {c / b:.2f}")
    print(f"  first page's data: d/b = {d / b:.2f} (target <= {LOADED_TARGET}: {loaded})")
    print(f"  c/a within each round: {in_each_round(samples['c'], samples['a'])}")
    print(f"  d/b within each round: {in_each_round(samples['d'], samples['b'])}")
    cpu = {name: processor(taken) for name, taken in samples.items()}
    print(
        f"  processor time at the mark (all threads): a {cpu['a']:.3f} s, b {cpu['b']:.3f} s, "
        f"c {cpu['c']:.3f} s, d {cpu['d']:.3f} s: c/a = {cpu['c'] / cpu['a']:.2f}, "
        f"d/b = {cpu['d'] / cpu['b']:.2f}"
    )
    heavy = heavy_imports(database, args.platform)
    print(f"  heavy modules imported at start-up: {', '.join(heavy) if heavy else 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
