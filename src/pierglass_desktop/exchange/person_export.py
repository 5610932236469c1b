"""The right-of-access workbook: everything held about one person, explained in their language.

The About sheet says in plain words what the file is and what each sheet holds; then one sheet
per kind of record, with every column the database keeps, including where each record came
from (``origin``, the installation that last changed it) and when (``created_at``,
``updated_at``). Written through the exchange workbook writer, so text stays text.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.exchange.workbook import Column, Sheet, WorkbookFormat, write_workbook
from pierglass_desktop.i18n import N_, _, in_language
from pierglass_desktop.services.access import PersonData, person_data

FORMAT_NAME = "pierglass-person"
FORMAT_VERSION = 1

# What each sheet holds, in words for the person; a table without words is named as it is.
SHEET_WORDS = {
    "participants": N_("Your details: name, contact, company, consent and background answers."),
    "memberships": N_("The groups you have belonged to, with joining and leaving dates."),
    "attendance": N_("Your attendance at each meeting, with minutes and any remark."),
    "notes": N_("Notes the tutor wrote about you."),
    "notes_mentioning": N_("Other notes that mention your name."),
    "commitments_mentioning": N_("Other members' commitments that mention your name."),
    "agenda_items_mentioning": N_("Other meeting programme items that mention your name."),
    "attendance_mentioning": N_("Remarks on others' attendance that mention your name."),
    "meeting_feedback_mentioning": N_("Anonymous feedback comments that mention your name."),
    "commitments": N_("What you decided to try between meetings, and how it went."),
    "assessment_responses": N_("Your self-assessment and wellbeing (WHO-5) questionnaires."),
    "answers": N_("Your answers to each question of those questionnaires."),
    "agenda_items": N_("Meeting programme items you were responsible for."),
    "audit_entries": N_("Changes made to signed-off records about you: who, when and what."),
}


def export_person(
    sessions: sessionmaker[Session],
    participant_id: str,
    path: Path,
    *,
    language: str = "en",
    password: str | None = None,
) -> PersonData:
    """Write the workbook for ``participant_id`` to ``path``; returns what it holds.

    With a ``password`` the workbook is encrypted (``exchange.protected``)."""
    data = person_data(sessions, participant_id)
    fmt = WorkbookFormat(
        FORMAT_NAME,
        FORMAT_VERSION,
        tuple(
            Sheet(section.key[:31], tuple(Column(c) for c in section.columns))
            for section in data.sections
        ),
    )
    with in_language(language):
        about = about_lines(data)
    write_workbook(
        path,
        fmt,
        {section.key[:31]: section.rows for section in data.sections},
        origin="",
        about=about,
        extra_meta={"participant_id": data.participant_id, "language": language},
        password=password,
    )
    return data


def about_lines(data: PersonData) -> list[str]:
    lines = [
        _("What is stored about {name}").format(name=data.name),
        "",
        _(
            "This file holds every record about you in the tutor's Pier-glass database, "
            "as it is on the day it was made. You asked for it under the EU General Data "
            "Protection Regulation (Article 15, right of access)."
        ),
        _(
            "Each sheet is one kind of record. Every row shows when it was created and last "
            "changed (times in UTC) and which installation of the program changed it (origin)."
        ),
        _(
            "Meeting feedback slips are anonymous: they are not linked to anyone, so only "
            "comments that name you are listed here."
        ),
        _(
            "If something is wrong, ask the tutor to correct it. You may also ask for all of "
            "it to be erased."
        ),
        "",
    ]
    for section in data.sections:
        words = _(SHEET_WORDS[section.key]) if section.key in SHEET_WORDS else section.key
        lines.append(
            _("Sheet “{sheet}”: {words} ({count} rows)").format(
                sheet=section.key[:31], words=words, count=len(section.rows)
            )
        )
    return lines
