"""A 30-item agenda printed to PDF: target under 0.2 s.

Floor, measured in the same run: a bare ReportLab one-page build (one Paragraph, the same
embedded font) — what any PDF costs on this machine. Prints the figures and the ratio.
Run: PYTHONPATH=src python bench/print_agenda.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

TARGET_S = 0.2
ITEMS = 30


def _time(fn, repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _floor(folder: Path) -> float:
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from pierglass_desktop.reports.pdf_base import styles

    body = styles()["body"]

    def build():
        doc = SimpleDocTemplate(str(folder / "floor.pdf"))
        doc.build([Paragraph("Kuulumiskierros – äöå", body)])

    return _time(build)


def _agenda(sessions) -> str:
    from pierglass_desktop.domain.models import Group
    from pierglass_desktop.services.agenda import AgendaItemInput, add_agenda_item
    from pierglass_desktop.services.series import add_meeting

    with sessions.begin() as s:
        group = Group(name="Kotihoidon yrittäjät, Pori")
        s.add(group)
        s.flush()
        group_id = group.id
    meeting = add_meeting(sessions, group_id, datetime(2026, 12, 3, 9, 0), 480, theme="Bench")
    for n in range(ITEMS):
        add_agenda_item(
            sessions,
            meeting.id,
            AgendaItemInput(
                f"Kohta {n}: <vertaiskonsultaatio> & äöå",
                15,
                purpose="Jokainen saa äänensä kuuluviin ja ryhmä näkee tilanteen. " * 2,
                materials="Muistilaput\nAjastin",
                is_break=n % 7 == 6,
            ),
        )
    return meeting.id


def main() -> int:
    from pierglass_desktop.i18n import set_language
    from pierglass_desktop.reports.agenda_handout import write_agenda
    from pierglass_desktop.reports.script import write_script
    from pierglass_desktop.storage.database import open_database

    set_language("fi")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = open_database(folder / "bench.sqlite3")
        try:
            meeting_id = _agenda(db.sessions)
            write_agenda(db.sessions, folder / "warm.pdf", session_id=meeting_id)  # fonts load
            floor = _floor(folder)
            agenda = _time(
                lambda: write_agenda(db.sessions, folder / "a.pdf", session_id=meeting_id)
            )
            script = _time(
                lambda: write_script(db.sessions, folder / "s.pdf", session_id=meeting_id)
            )
        finally:
            db.close(automatic_backup=False)
    print(f"floor (bare one-page ReportLab build): {floor * 1000:.1f} ms")
    print(
        f"{ITEMS}-item agenda handout: {agenda * 1000:.1f} ms = {agenda / floor:.1f}x floor; "
        f"target {TARGET_S * 1000:.0f} ms"
    )
    print(
        f"{ITEMS}-item facilitator's script: {script * 1000:.1f} ms = {script / floor:.1f}x floor"
    )
    return 0 if agenda < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
