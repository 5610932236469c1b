"""What the agenda handout, the facilitator's script and the method cards share: the meeting
header, dates and clock times in the language of the day."""

from __future__ import annotations

from datetime import date, datetime

from pierglass_desktop.i18n import _, current_language
from pierglass_desktop.i18n.formatting import format_time
from pierglass_desktop.services.agenda import AgendaView, MeetingRow

_LOCALES = {"fi": "fi_FI", "en": "en_GB", "sv": "sv_FI"}


def clock(moment: datetime) -> str:
    """17.00 in Finnish, 17:00 in English."""
    return format_time(moment)


def long_date(day: date) -> str:
    """Weekday and date in words: "torstai 3. joulukuuta 2026", "Thursday 3 December 2026"."""
    from babel.dates import format_date

    locale = _LOCALES.get(current_language(), "en_GB")
    return format_date(day, format="full", locale=locale)


def minutes_text(minutes: int) -> str:
    return _("{minutes} min").format(minutes=minutes)


def meeting_heading(meeting: MeetingRow) -> str:
    if meeting.theme:
        return _("Session {number}: {theme}").format(number=meeting.number, theme=meeting.theme)
    return _("Session {number}").format(number=meeting.number)


def meeting_when(view: AgendaView) -> str:
    timeline = view.timeline
    return _("{date}, {start}–{end}").format(
        date=long_date(view.meeting.starts_at.date()),
        start=clock(timeline.starts_at),
        end=clock(max(timeline.planned_end, timeline.ends_at)),
    )


def meeting_where(meeting: MeetingRow) -> str:
    return " · ".join(part for part in (meeting.place, meeting.online_link) if part)
