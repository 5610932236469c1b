"""Scoring questionnaires and reading their results: pure arithmetic, no database, no Qt.

WHO-5: five answers 0-5, the raw sum 0-25 times four gives 0-100; a change of ten points is
meaningful; 50 or less suggests low wellbeing and 28 or less is the usual screening point for
likely depression. The thresholds here only prompt a caring conversation and a pointer to
occupational health: they are never a diagnosis, and the words shown for them say so.
The project's own self-assessment is the mean of its items (1-5), one decimal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

WHO5 = "who5"
SELF_ASSESSMENT = "selfassessment"
WHO5_MEANINGFUL_CHANGE = 10
WHO5_LOW = 50  # at or below: low wellbeing, worth a conversation
WHO5_SCREEN = 28  # at or below: the usual screening point; suggest occupational health
SMALLEST_REPORTED_GROUP = 5  # fewer answers than this: no average leaves the laptop


class Attention(StrEnum):
    """How gently a WHO-5 score asks for the tutor's attention."""

    NONE = "none"
    LOW = "low"  # <= 50
    SCREEN = "screen"  # <= 28


@dataclass(frozen=True, slots=True)
class ItemSpec:
    key: str
    minimum: int
    maximum: int


def well_formed_items(items: Any) -> bool:
    """Whether ``items`` is what an instrument stores (``Instrument.items``), which every
    reader of questionnaires trusts: a list of items, each with a key of its own, its text by
    language, an optional short caption by language, and a whole-number scale."""
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return False
    keys = [i.get("key") for i in items]
    return len(set(keys)) == len(keys) and all(
        isinstance(i.get("key"), str)
        and i["key"]
        and well_formed_texts(i.get("text"))
        and (i.get("short") is None or well_formed_texts(i["short"]))
        and all(type(i.get(bound)) is int for bound in ("min", "max"))
        and i["min"] < i["max"]
        for i in items
    )


def well_formed_texts(texts: Any) -> bool:
    """A text by language, as an instrument's name and items hold it: {"fi": "…", "en": "…"}."""
    return (
        isinstance(texts, dict)
        and bool(texts)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in texts.items())
    )


def item_specs(items: Sequence[Mapping[str, Any]]) -> tuple[ItemSpec, ...]:
    """The instrument's stored item list (``Instrument.items``) as specs."""
    return tuple(ItemSpec(str(i["key"]), int(i["min"]), int(i["max"])) for i in items)


def score(code: str, specs: Sequence[ItemSpec], values: Mapping[str, int]) -> float | None:
    """The response's score, or None while an item is unanswered.

    Raises ValueError("range") for a value outside its item's scale."""
    for spec in specs:
        value = values.get(spec.key)
        if value is not None and not spec.minimum <= value <= spec.maximum:
            raise ValueError("range")
    if any(values.get(spec.key) is None for spec in specs) or not specs:
        return None
    answers = [values[spec.key] for spec in specs]
    if code == WHO5:
        return float(sum(answers) * 4)
    return round(sum(answers) / len(answers), 1)


def who5_attention(percentage: float | None) -> Attention:
    if percentage is None:
        return Attention.NONE
    if percentage <= WHO5_SCREEN:
        return Attention.SCREEN
    if percentage <= WHO5_LOW:
        return Attention.LOW
    return Attention.NONE


def meaningful_change(code: str, change: float | None) -> bool:
    """WHO-5 moves meaningfully by ten points either way; the self-assessment has no such
    published threshold, so its change is shown without a mark."""
    return code == WHO5 and change is not None and abs(change) >= WHO5_MEANINGFUL_CHANGE


def mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def shareable_mean(values: Sequence[float]) -> float | None:
    """The average fit to leave the laptop: none for fewer than five answers, so no one's
    own score can be read back from a small group's figure."""
    return mean(values) if len(values) >= SMALLEST_REPORTED_GROUP else None
