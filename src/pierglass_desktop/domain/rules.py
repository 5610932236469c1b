"""Value rules that do not need a database: business IDs, e-mail addresses, and whose name a
document that leaves the laptop may print, how many method cards fit on a page, which
attendance marks count as attending and how long a meeting was.
(Questionnaire scores: ``domain/scoring.py``.)

Each check returns the cleaned value or raises ValueError with a key the caller can translate.
"""

from __future__ import annotations

import re

from pierglass_desktop.domain.enums import AttendanceStatus, ConsentScope

BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_BUSINESS_ID_SHAPE = re.compile(r"^(\d{6,7})-(\d)$")
# The EU VAT number form of the same ID, as printed on invoices: FI01120389.
_VAT_NUMBER_SHAPE = re.compile(r"^FI(\d{7})(\d)$", re.IGNORECASE)
# Deliberately modest: one @, something before it, a dot in the domain, no spaces.
_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
CARDS_PER_PAGE = (1, 2, 4)  # method cards on one printed page
# The marks that count as attending: for hours, registers, members at risk and indicators.
ATTENDED = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY})


def business_id_check_digit(seven_digits: str) -> int | None:
    """The Y-tunnus check digit for seven digits, or None when no valid digit exists."""
    total = sum(int(d) * w for d, w in zip(seven_digits, BUSINESS_ID_WEIGHTS, strict=True))
    remainder = total % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalize_business_id(text: str) -> str:
    """Return the Y-tunnus as 1234567-8, or raise ValueError("shape"/"checksum").

    Accepts the VAT number form too (FI + eight digits, spaces allowed).
    """
    cleaned = text.strip().replace(" ", "")
    match = _BUSINESS_ID_SHAPE.match(cleaned) or _VAT_NUMBER_SHAPE.match(cleaned)
    if not match:
        raise ValueError("shape")
    digits = match.group(1).zfill(7)  # old six-digit IDs are written with a leading zero
    if business_id_check_digit(digits) != int(match.group(2)):
        raise ValueError("checksum")
    return f"{digits}-{match.group(2)}"


def is_valid_business_id(text: str) -> bool:
    try:
        normalize_business_id(text)
    except ValueError:
        return False
    return True


def normalize_email(text: str) -> str:
    cleaned = text.strip()
    if not _EMAIL_SHAPE.match(cleaned):
        raise ValueError("shape")
    return cleaned


def shares_name(consent_scope: ConsentScope | None) -> bool:
    """Whether the person agreed that their name may leave the laptop (exports, reports)."""
    return consent_scope == ConsentScope.SHARING


def reported_name(full_name: str, pseudonym: str, consent_scope: ConsentScope | None) -> str:
    """The name a report or export prints: the person's own with sharing consent, else their
    pseudonym code (no consent recorded yet counts as none)."""
    return full_name if shares_name(consent_scope) else pseudonym


def meeting_length(actual_minutes: int | None, planned_minutes: int) -> int:
    """A meeting's length in minutes: the actual length once known, else the planned one."""
    return actual_minutes or planned_minutes
