"""The group report of a 36-session group of 14 members (marks, notes, commitments, feedback,
WHO-5), read and drawn to PDF, against a bare ReportLab document of the same page count (the
floor). Target: under 1 s.
Run: PYTHONPATH=src python bench/group_report.py
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

MEETINGS, MEMBERS = 36, 14


def _time(fn, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _seed(sessions) -> str:
    from pierglass_desktop.domain.assessment import AssessmentResponse, Instrument
    from pierglass_desktop.domain.enums import (
        AssessmentPhase,
        AttendanceStatus,
        FollowUp,
        MeetingStatus,
        NoteVisibility,
    )
    from pierglass_desktop.domain.models import (
        Attendance,
        Commitment,
        Group,
        GroupTutor,
        Meeting,
        MeetingFeedback,
        Membership,
        Note,
        Participant,
        Tutor,
    )

    rng = random.Random(1)
    first = datetime(2024, 1, 11, 17, 0)
    with sessions.begin() as s:
        group, tutor = Group(name="Kotihoidon yrittäjät, Pori"), Tutor(name="Aino Aaltonen")
        s.add_all([group, tutor])
        s.flush()
        s.add(GroupTutor(group_id=group.id, tutor_id=tutor.id))
        people = [
            Participant(first_name=f"Jäsen{i}", last_name=f"Sukunimi{i}", company_name=f"Oy {i}")
            for i in range(MEMBERS)
        ]
        s.add_all(people)
        s.flush()
        for i, p in enumerate(people):
            joined = first.date() + timedelta(weeks=4 * (i % 3))
            s.add(Membership(group_id=group.id, participant_id=p.id, joined_on=joined))
        who5 = s.query(Instrument).filter_by(code="who5").one()  # built in
        statuses = list(AttendanceStatus)
        for n in range(MEETINGS):
            m = Meeting(
                group_id=group.id,
                number=n + 1,
                theme=f"Teema {n + 1}: kassavirta ja jaksaminen",
                starts_at=first + timedelta(weeks=2 * n),
                status=MeetingStatus.HELD,
            )
            s.add(m)
            s.flush()
            for p in people:
                status = rng.choice(statuses)
                s.add(
                    Attendance(
                        meeting_id=m.id,
                        participant_id=p.id,
                        status=status,
                        minutes_attended=180 if status != AttendanceStatus.ABSENT else 0,
                    )
                )
                s.add(
                    Commitment(
                        meeting_id=m.id,
                        participant_id=p.id,
                        text="Soitan pankkiin",
                        follow_up=rng.choice([*FollowUp, None]),
                    )
                )
            s.add(
                Note(
                    group_id=group.id,
                    meeting_id=m.id,
                    visibility=NoteVisibility.GROUP,
                    body="Yhteenveto: " + "ryhmä jakoi hyviä käytäntöjä. " * 6,
                )
            )
            for _ in range(8):
                s.add(
                    MeetingFeedback(
                        meeting_id=m.id, usefulness=rng.randint(1, 5), atmosphere=rng.randint(1, 5)
                    )
                )
        for p in people:
            for phase, day in (
                (AssessmentPhase.START, date(2024, 1, 11)),
                (AssessmentPhase.END, date(2025, 6, 1)),
            ):
                s.add(
                    AssessmentResponse(
                        instrument_id=who5.id,
                        participant_id=p.id,
                        group_id=group.id,
                        phase=phase,
                        answered_on=day,
                        score=rng.randint(5, 25) * 4,
                    )
                )
        return group.id


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

    from pierglass_desktop.reports.group_report import group_report_pdf
    from pierglass_desktop.services.group_report import Scope, group_report_data
    from pierglass_desktop.storage.database import open_database

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = open_database(folder / "bench.sqlite3")
        try:
            group_id = _seed(database.sessions)
            scope = Scope(group_id)

            def whole():
                group_report_pdf(group_report_data(database.sessions, scope), folder / "r.pdf")

            whole()  # fonts load once per process
            pages = len(PdfReader(folder / "r.pdf").pages)
            floor = _floor(folder, pages)
            data = _time(lambda: group_report_data(database.sessions, scope))
            report = group_report_data(database.sessions, scope)
            drawing = _time(lambda: group_report_pdf(report, folder / "d.pdf"))
            total = _time(whole)

        finally:
            database.close(automatic_backup=False)
    print(f"floor (bare ReportLab, {pages} pages): {floor * 1000:.1f} ms")
    print(f"data (one read transaction): {data * 1000:.1f} ms")
    print(f"drawing: {drawing * 1000:.1f} ms = {drawing / floor:.1f}x floor")
    print(f"group report, data and drawing: {total * 1000:.1f} ms = {total / floor:.1f}x floor")


if __name__ == "__main__":
    main()
