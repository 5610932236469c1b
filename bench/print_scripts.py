"""A sign-in sheet of 60 members whose names mix Latin, Chinese, Japanese, Arabic, Hebrew and
emoji, against the same sheet of Latin names, and a bare ReportLab document of the same page
count (the floor). Shows what shaping and fallback fonts cost once the fonts are loaded.
Run: PYTHONPATH=src python bench/print_scripts.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

MEMBERS = 60
WORLD = ("王小明", "山田 花子 😀", "محمد علي", "דוד כהן", "Liisa Laine ✅")


def _time(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _sheet(names):
    from pierglass_desktop.services.printouts import SigninSheet

    return SigninSheet(
        group="Kotihoidon yrittäjät, Pori",
        number=1,
        theme="Theme",
        starts_at=datetime(2026, 9, 3, 17, 0),
        ends_at=datetime(2026, 9, 3, 20, 0),
        place="Pori",
        tutors=("Aino Aaltonen",),
        members=tuple((f"{names[i % len(names)]} {i}", f"Company {i}") for i in range(MEMBERS)),
    )


def _floor(folder: Path, pages: int) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from pierglass_desktop.reports.pdf_base import styles

    style = styles()["body"]

    def build():
        story = []
        for page in range(pages):
            story += [Paragraph(f"Page {page}", style), PageBreak()]
        SimpleDocTemplate(str(folder / "floor.pdf"), pagesize=A4).build(story[:-1])

    return _time(build)


def main() -> None:
    from pypdf import PdfReader

    from pierglass_desktop.reports.signin import signin_pdf

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        world, latin = _sheet(WORLD), _sheet(("Liisa Laine", "Matti Mäki"))
        signin_pdf(world, folder / "warm.pdf")  # fonts load once per process
        pages = len(PdfReader(folder / "warm.pdf").pages)
        floor = _floor(folder, pages)
        mixed = _time(lambda: signin_pdf(world, folder / "w.pdf"))
        plain = _time(lambda: signin_pdf(latin, folder / "l.pdf"))
    print(f"floor (bare ReportLab, {pages} pages): {floor * 1000:.1f} ms")
    print(f"sign-in sheet, Latin names: {plain * 1000:.1f} ms = {plain / floor:.1f}x floor")
    print(f"sign-in sheet, mixed scripts: {mixed * 1000:.1f} ms = {mixed / floor:.1f}x floor")


if __name__ == "__main__":
    main()
