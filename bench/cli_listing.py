"""`pierglass list participants --json` (and `list sessions --json`) against a bare script.

    python bench/cli_listing.py                          # the 200-group demo
    python bench/cli_listing.py --groups 1400 --years 10 # a coordinator's ten years

Each command runs as a new process writing to /dev/null, in rounds after one warm-up each: a
round runs the floor and the two commands one after another, so that a burst of load on a
shared machine weighs on all three, and the ratio is the median of the rounds' ratios. The
floor: a script that imports SQLAlchemy, opens the file with an engine and writes the same
records as JSON, one per row, from one Core query. Peak memory is each process's maximum
resident set (from the kernel, when the process ends): flat memory means the same peak for 200
groups and for ten years. Target: participants at most 1.5x the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from scale_demo import SOURCE, add_arguments, database_for

TARGET_RATIO = 1.5

FLOOR = """
import json, sys
from datetime import date
from sqlalchemy import create_engine, text
engine = create_engine("sqlite:///" + sys.argv[1])
query = text('''
    SELECT p.id, p.first_name, p.last_name, p.company_name, p.business_id, p.municipality,
           p.email, group_concat(g.name, char(31))
    FROM participants p
    LEFT JOIN memberships m ON m.participant_id = p.id AND m.deleted_at IS NULL
         AND m.joined_on <= :day AND (m.left_on IS NULL OR m.left_on >= :day)
    LEFT JOIN groups g ON g.id = m.group_id AND g.deleted_at IS NULL
    WHERE p.deleted_at IS NULL GROUP BY p.id''')
keys = ("id", "first_name", "last_name", "company_name", "business_id", "municipality", "email")
out = sys.stdout
out.write("[")
with engine.connect() as connection:
    for n, row in enumerate(connection.execute(query, {"day": date.today().isoformat()})):
        record = dict(zip(keys, row[:7]))
        record["groups"] = row[7].split(chr(31)) if row[7] else []
        record["joined_on"] = record["left_on"] = None
        out.write(("," if n else "") + json.dumps(record, ensure_ascii=False, indent=2))
out.write("]")
"""


def run(command: list[str]) -> tuple[float, float]:
    """Seconds from start to exit, and the process's peak resident memory in MiB."""
    env = dict(os.environ, PYTHONPATH=str(SOURCE))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    path = str(database_for(args))
    python = sys.executable
    commands = {"floor": [python, "-c", FLOOR, path]}
    for kind in ("participants", "sessions"):
        commands[kind] = [python, "-m", "pierglass_desktop", "list", kind, "--json"]
        commands[kind] += ["--database", path]
    for command in commands.values():
        run(command)  # warm-up: file cache, bytecode
    rounds = [{name: run(command) for name, command in commands.items()} for _ in range(args.runs)]
    seconds = {name: statistics.median(r[name][0] for r in rounds) for name in commands}
    mib = {name: max(r[name][1] for r in rounds) for name in commands}
    ratios = sorted(r["participants"][0] / r["floor"][0] for r in rounds)
    ratio = statistics.median(ratios)
    print(f"{os.path.basename(path)}: {args.runs} rounds taken in turns, output to /dev/null")
    print(
        f"  floor: engine + one Core query, JSON per row   {seconds['floor']:6.2f} s"
        f"  {mib['floor']:6.1f} MiB"
    )
    for kind in ("participants", "sessions"):
        print(
            f"  pierglass list {kind:<12} --json          {seconds[kind]:6.2f} s"
            f"  {mib[kind]:6.1f} MiB"
        )
    ok = ratio <= TARGET_RATIO
    print(
        f"  participants: median of the rounds' ratios {ratio:.2f}x floor"
        f" (<= {TARGET_RATIO}: {'ok' if ok else 'OVER'}); rounds "
        + ", ".join(f"{r:.2f}" for r in ratios)
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
