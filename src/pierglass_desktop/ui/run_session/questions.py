"""The questions the run-session screen asks before a step that is hard to take back:
finishing, signing off (which locks) and leaving while the meeting runs."""

from __future__ import annotations

from datetime import date

from pierglass_desktop.i18n import _, ngettext
from pierglass_desktop.i18n.formatting import format_date


def too_early(starts_on: date, today: date) -> str:
    """A plain warning when the meeting's day has not come yet; empty on or after the day."""
    days = (starts_on - today).days
    if days <= 0:
        return ""
    ahead = (
        _("tomorrow")
        if days == 1
        else ngettext("{count} day from now", "{count} days from now", days).format(count=days)
    )
    return _("This session is planned for {day}, {ahead}.").format(
        day=format_date(starts_on), ahead=ahead
    )


def finish_question(number: int, starts_on: date, today: date) -> str:
    early = too_early(starts_on, today)
    what = _(
        "Finishing keeps the times and marks session {number} held. You can still correct it "
        "until you sign it off."
    ).format(number=number)
    if early:
        ask = early + " " + _("Finish it anyway?")
    else:
        ask = _("Finish session {number} now?").format(number=number)
    return ask + "\n\n" + what


def sign_off_question(number: int, starts_on: date, today: date) -> str:
    early = too_early(starts_on, today)
    what = _(
        "A signed-off session is locked: attendance, notes, times and feedback cannot be changed "
        "until it is unlocked with a reason, and every later change goes to the audit trail."
    )
    if early:
        ask = early + " " + _("Sign it off anyway?")
    else:
        ask = _("Sign off session {number} and lock it?").format(number=number)
    return ask + "\n\n" + what


def leave_question(number: int) -> str:
    return _(
        "Session {number} is still running.\n\nLeave it running: the marks and notes are "
        "saved, and the timer goes on from where it is when you open the session again.\n\n"
        "Or finish it now: the times are kept and the session is marked held."
    ).format(number=number)
