"""Anonymous feedback slips entered after the meeting: usefulness and atmosphere 1–5, free text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pierglass_desktop.domain.errors import ValidationError
from pierglass_desktop.domain.models import MeetingFeedback
from pierglass_desktop.i18n import N_, _
from pierglass_desktop.services.changes import Change, changes
from pierglass_desktop.services.signoff import audit_change, guard_meeting, live_meeting

RATINGS = {"usefulness": N_("Usefulness"), "atmosphere": N_("Atmosphere")}
MAX_COMMENT = 4_000


@dataclass(frozen=True)
class FeedbackSummary:
    meeting_id: str
    slips: int
    usefulness: float | None  # mean of the ratings given
    atmosphere: float | None
    comments: tuple[str, ...]


@changes(Change.FEEDBACK)
def add_feedback(
    sessions: sessionmaker[Session],
    meeting_id: str,
    usefulness: int | None,
    atmosphere: int | None,
    comment: str = "",
    actor: str = "",
) -> FeedbackSummary:
    """Enter one slip; a slip needs at least one rating or a comment. Saved at once."""
    comment = (comment or "").strip()
    _check_slip(usefulness, atmosphere, comment)
    with sessions.begin() as s:
        guard_meeting(s, meeting_id)
        slip = MeetingFeedback(
            meeting_id=meeting_id, usefulness=usefulness, atmosphere=atmosphere, comment=comment
        )
        s.add(slip)
        s.flush()
        audit_change(
            s,
            meeting_id,
            entity="feedback",
            entity_id=slip.id,
            before=None,
            after={"usefulness": usefulness, "atmosphere": atmosphere, "comment": comment},
            actor=actor,
        )
    return feedback_summary(sessions, meeting_id)


def feedback_summary(sessions: sessionmaker[Session], meeting_id: str) -> FeedbackSummary:
    with sessions() as s:
        live_meeting(s, meeting_id)
        slips = list(
            s.scalars(
                select(MeetingFeedback)
                .where(MeetingFeedback.meeting_id == meeting_id)
                .where(MeetingFeedback.deleted_at.is_(None))
                .order_by(MeetingFeedback.created_at)
            )
        )
    return FeedbackSummary(
        meeting_id=meeting_id,
        slips=len(slips),
        usefulness=_mean([slip.usefulness for slip in slips]),
        atmosphere=_mean([slip.atmosphere for slip in slips]),
        comments=tuple(slip.comment for slip in slips if slip.comment),
    )


def _check_slip(usefulness: int | None, atmosphere: int | None, comment: str) -> None:
    errors = {}
    for field, value in (("usefulness", usefulness), ("atmosphere", atmosphere)):
        if value is not None and (isinstance(value, bool) or value not in range(1, 6)):
            errors[field] = _("Give a rating from 1 to 5, or leave it empty.")
    if len(comment) > MAX_COMMENT:
        errors["comment"] = _("Shorten this to at most {limit} characters.").format(
            limit=MAX_COMMENT
        )
    if not errors and usefulness is None and atmosphere is None and not comment:
        errors["usefulness"] = _("Give at least one rating or a comment.")
    if errors:
        raise ValidationError(_("The feedback slip could not be saved; see the fields."), errors)


def _mean(values: list[int | None]) -> float | None:
    given = [v for v in values if v is not None]
    return sum(given) / len(given) if given else None
