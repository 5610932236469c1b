"""`pierglass demo --database FILE [--groups N] [--years Y] [--seed S]`: a whole demo project,
or nothing."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pierglass_desktop.cli.common import add_database_argument
from pierglass_desktop.i18n import _
from pierglass_desktop.paths import DATABASE_ENV
from pierglass_desktop.storage.location import Location, locate

DEFAULT_GROUPS = 6
DEFAULT_SEED = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help=_("create a realistic demo project in a new database"),
        description=_(
            "Builds a Finnish peer-group project with tutors, groups, members and a year and a "
            "half of sessions, all at once or not at all. Name a new file with --database (or "
            "PIERGLASS_DATABASE); demo data never goes into your default database."
        ),
    )
    add_database_argument(parser)
    parser.add_argument(
        "--groups",
        type=group_count,
        default=DEFAULT_GROUPS,
        metavar="N",
        help=_("how many groups, 1 to 2000 (default {n})").format(n=DEFAULT_GROUPS),
    )
    parser.add_argument(
        "--years",
        type=year_count,
        default=None,
        metavar="Y",
        help=_(
            "spread the groups over this many years, 1 to 20, in successive cohorts, archiving "
            "those that ended over a year ago (default: the last 20 months)"
        ),
    )
    parser.add_argument(
        "--seed",
        type=seed_value,
        default=DEFAULT_SEED,
        metavar="S",
        help=_("the same seed gives the same project (default {seed})").format(seed=DEFAULT_SEED),
    )
    parser.set_defaults(handler=run_demo)


def group_count(text: str) -> int:
    from pierglass_desktop.demo.generator import MAX_GROUPS, MIN_GROUPS

    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not MIN_GROUPS <= value <= MAX_GROUPS:
        raise argparse.ArgumentTypeError(
            _(
                "the number of groups must be a whole number from {low} to {high}, not {text}"
            ).format(low=MIN_GROUPS, high=MAX_GROUPS, text=repr(text))
        )
    return value


def year_count(text: str) -> int:
    from pierglass_desktop.demo.generator import MAX_YEARS, MIN_YEARS

    try:
        value = int(text)
    except ValueError:
        value = None
    if value is None or not MIN_YEARS <= value <= MAX_YEARS:
        raise argparse.ArgumentTypeError(
            _("the number of years must be a whole number from {low} to {high}, not {text}").format(
                low=MIN_YEARS, high=MAX_YEARS, text=repr(text)
            )
        )
    return value


def seed_value(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("the seed must be a whole number, not {text}").format(text=repr(text))
        ) from None


def run_demo(args: argparse.Namespace) -> int:
    from pierglass_desktop.demo.generator import create_demo_database

    path = _explicit_database(args)
    if path is None:
        print(
            _(
                "pierglass: say where the demo goes with --database FILE; demo data never goes "
                "into your own database by default."
            ),
            file=sys.stderr,
        )
        return 2
    new_file = isinstance(path, Path) and not path.exists()
    try:
        summary = create_demo_database(path, groups=args.groups, seed=args.seed, years=args.years)
    except BaseException:
        if new_file:  # a demo that failed half-way (a full disk) leaves no file behind
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    _print_summary(path, summary)
    return 0


def set_previous_demo_aside() -> Path | None:
    """Back up the window's previous demo and remove it, under its lock; returns the backup.

    Another window on that demo keeps it in place: the lock says so, and nothing is removed.
    """
    from pierglass_desktop.paths import demo_database
    from pierglass_desktop.storage.backup import set_aside

    return set_aside(demo_database(), "previous-demo")


def _explicit_database(args: argparse.Namespace) -> Location | None:
    given = getattr(args, "database", None) or os.environ.get(DATABASE_ENV)
    return locate(given) if given else None


def _print_summary(path: Location, summary) -> None:
    print(_("Created a demo project in {path}.").format(path=path))
    lines = (
        (_("Groups"), str(summary.groups)),
        (_("Tutors"), str(summary.tutors)),
        (_("Participants"), str(summary.participants)),
        (
            _("Sessions"),
            _("{count} ({held} held)").format(count=summary.meetings, held=summary.held_meetings),
        ),
        (_("Attendance marks"), str(summary.attendance)),
        (_("Notes"), str(summary.notes)),
        (_("Commitments"), str(summary.commitments)),
        (_("Feedback slips"), str(summary.feedback)),
        (_("WHO-5 answers"), str(summary.assessments)),
    )
    width = max(len(label) for label, _value in lines)
    for label, value in lines:
        print(f"  {label + ':':<{width + 1}} {value}")
