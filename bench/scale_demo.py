"""The demo databases the page, listing and start-up benchmarks run on, built once each.

Two sizes matter: a tutor's (the 200-group demo over 20 months) and a coordinator's after ten
years of a permanent service (``pierglass demo --groups 1400 --years 10``: successive cohorts,
the old groups ended and archived). Each is built into ``bench/results/`` (ignored by git) the
first time it is asked for and reused afterwards; delete the file to rebuild it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src"
RESULTS = Path(__file__).resolve().parent / "results"
SEED = 1


def add_arguments(parser: argparse.ArgumentParser, *, groups: int = 200) -> None:
    """``--groups N --years Y`` (a demo built once) or ``--database FILE`` (any file)."""
    parser.add_argument("--groups", type=int, default=groups)
    parser.add_argument(
        "--years", type=int, default=None, help="spread the groups over Y years (10: 1400 groups)"
    )
    parser.add_argument("--database", type=Path, default=None, help="use this file instead")


def database_for(args: argparse.Namespace) -> Path:
    if args.database is not None:
        return Path(args.database)
    return demo_database(args.groups, args.years)


def demo_database(groups: int, years: int | None = None) -> Path:
    """The demo database of ``groups`` groups (over ``years`` years), built once."""
    name = f"demo-{groups}-groups" + (f"-{years}-years" if years else "")
    path = RESULTS / f"{name}.sqlite3"
    if not path.exists():
        RESULTS.mkdir(parents=True, exist_ok=True)
        if str(SOURCE) not in sys.path:
            sys.path.insert(0, str(SOURCE))
        from pierglass_desktop.demo.generator import create_demo_database

        print(f"Building the demo database once: {path}", file=sys.stderr)
        create_demo_database(path, groups=groups, seed=SEED, years=years)
    return path
