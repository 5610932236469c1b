"""Hostile library packs are refused in a fraction of the time a small valid pack takes to read.

Floor, measured in the same run: reading (validating) a small valid pack of 20 methods.
Hostile packs, each small on disk: a 40 MB cell compressed to ~40 KB (a zip bomb), 200 MB of
whitespace in a sheet, and a sheet of 2 million rows (over the row bound, under the ratio bound).
Prints each refusal's time, its ratio to the floor, and the peak memory Python allocated for it.
Run: PYTHONPATH=src python bench/pack_limits.py
"""

from __future__ import annotations

import itertools
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _valid_pack(folder: Path) -> Path:
    from pierglass_desktop.exchange.library_pack import export_library
    from pierglass_desktop.services.methods import MethodInput, add_method
    from pierglass_desktop.storage.database import open_database

    with open_database(folder / "helena.sqlite3") as db:
        for n in range(20):
            add_method(db.sessions, MethodInput(name={"en": f"Method {n}"}, purpose={"en": "x"}))
        return export_library(db.sessions, folder / "valid.xlsx", source="bench", origin="bench")


def _with_part(source: Path, target: Path, part: str, chunks) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for entry in old.infolist():
            if entry.filename != part:
                new.writestr(entry, old.read(entry))
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with new.open(info, "w", force_zip64=True) as stream:
            for chunk in chunks:
                stream.write(chunk)
    return target


def _hostile(valid: Path, folder: Path) -> dict[str, Path]:
    sheet = "xl/worksheets/sheet3.xml"  # "methods": About, _meta, then the pack's sheets
    bomb = [f'<sst xmlns="{NS}"><si><t>'.encode(), *[b"a" * 2**20] * 40, b"</t></si></sst>"]
    spaces = [f'<worksheet xmlns="{NS}">'.encode(), *[b" " * 2**20] * 200]
    spaces.append(b"<sheetData/></worksheet>")
    rows = (
        f'<row r="{n}"><c t="n"><v>{n * 7919 % 100003}</v></c></row>'.encode()
        for n in range(2_000_000)
    )
    tall = itertools.chain(
        [f'<worksheet xmlns="{NS}"><sheetData>'.encode()], rows, [b"</sheetData></worksheet>"]
    )
    return {
        "40 MB cell": _with_part(valid, folder / "bomb.xlsx", "xl/sharedStrings.xml", bomb),
        "200 MB of whitespace": _with_part(valid, folder / "spaces.xlsx", sheet, spaces),
        "2 million rows": _with_part(valid, folder / "tall.xlsx", sheet, tall),
    }


def _time(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _refused(path: Path) -> None:
    from pierglass_desktop.domain.errors import ValidationError
    from pierglass_desktop.exchange.library_import import read_library_pack

    try:
        read_library_pack(path)
    except ValidationError:
        return
    raise SystemExit(f"{path.name} was not refused")


def main() -> int:
    from pierglass_desktop.exchange.library_import import read_library_pack

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        valid = _valid_pack(folder)
        hostile = _hostile(valid, folder)
        floor = _time(lambda: read_library_pack(valid))
        print(
            f"floor: read a valid pack of 20 methods ({valid.stat().st_size:,} B): "
            f"{floor * 1000:.1f} ms"
        )
        for name, path in hostile.items():
            spent = _time(lambda path=path: _refused(path))
            tracemalloc.start()
            _refused(path)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            size = path.stat().st_size
            print(
                f"{name} ({size:,} B on disk): refused in {spent * 1000:.1f} ms "
                f"= {spent / floor:.2f} × floor, peak {peak:.1f} MiB allocated"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
