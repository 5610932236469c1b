"""WHO-5 and self-assessment scores worked out by hand."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pierglass_desktop.domain.scoring import (
    SELF_ASSESSMENT,
    WHO5,
    Attention,
    ItemSpec,
    item_specs,
    meaningful_change,
    score,
    shareable_mean,
    well_formed_items,
    well_formed_texts,
    who5_attention,
)

WHO5_SPECS = tuple(ItemSpec(f"q{n}", 0, 5) for n in range(1, 6))
SELF_SPECS = tuple(ItemSpec(k, 1, 5) for k in ("a", "b", "c", "d"))


def answers(*values):
    return {f"q{n}": v for n, v in enumerate(values, 1)}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((0, 0, 0, 0, 0), 0),  # raw 0
        ((5, 5, 5, 5, 5), 100),  # raw 25
        ((3, 2, 4, 1, 3), 52),  # raw 13 x 4
        ((1, 2, 1, 2, 1), 28),  # raw 7 x 4: the screening point itself
    ],
)
def test_who5_raw_sum_times_four(values, expected):
    assert score(WHO5, WHO5_SPECS, answers(*values)) == expected


def test_self_assessment_is_the_mean_to_one_decimal():
    # (4 + 3 + 5 + 3) / 4 = 3.75 -> 3.8
    assert score(SELF_ASSESSMENT, SELF_SPECS, {"a": 4, "b": 3, "c": 5, "d": 3}) == 3.8


def test_half_filled_questionnaire_has_no_score_yet():
    assert score(WHO5, WHO5_SPECS, {"q1": 3, "q2": 4}) is None


def test_answer_outside_the_scale_is_refused():
    with pytest.raises(ValueError):
        score(WHO5, WHO5_SPECS, answers(3, 3, 6, 3, 3))
    with pytest.raises(ValueError):
        score(SELF_ASSESSMENT, SELF_SPECS, {"a": 0})


@pytest.mark.parametrize(
    ("percentage", "attention"),
    [
        (None, Attention.NONE),
        (52, Attention.NONE),
        (50, Attention.LOW),
        (32, Attention.LOW),
        (28, Attention.SCREEN),
        (0, Attention.SCREEN),
    ],
)
def test_low_scores_ask_gently_for_attention(percentage, attention):
    assert who5_attention(percentage) is attention


def test_ten_points_either_way_is_meaningful_for_who5_only():
    assert meaningful_change(WHO5, 12)
    assert meaningful_change(WHO5, -10)
    assert not meaningful_change(WHO5, 8)
    assert not meaningful_change(SELF_ASSESSMENT, 2.0)
    assert not meaningful_change(WHO5, None)


def test_group_of_four_answers_shows_no_shareable_average():
    assert shareable_mean([40, 60, 80, 100]) is None
    assert shareable_mean([40, 60, 80, 100, 20]) == 60


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 9) | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)
ITEM = st.fixed_dictionaries(
    {"key": st.sampled_from(["q1", "q2", ""]), "text": JSON, "min": JSON, "max": JSON},
    optional={"short": JSON},
)


@given(st.one_of(JSON, st.lists(ITEM | JSON, max_size=3)))
@example([{"key": "q1", "text": {"fi": "Jaksan"}, "min": 0, "max": 5, "short": {"en": "Cope"}}])
@example([{"key": "q1", "text": {"fi": "Jaksan"}, "min": True, "max": 5}])  # a bool: refused
def test_items_a_file_may_bring_are_refused_or_read_by_every_reader(items):
    """Whatever an instrument's items hold, they are refused, or every reader reads them."""
    if not well_formed_items(items):
        return
    specs = item_specs(items)
    assert [s.key for s in specs] == [i["key"] for i in items]
    for item in items:
        assert dict(item.get("short") or item["text"])  # the captions outcomes shows
        assert item["min"] < item["max"]


def test_the_built_in_questionnaires_are_well_formed():
    from pierglass_desktop.storage.builtin_instruments import default_folder, load

    instruments, _version = load(default_folder())
    assert {i["code"] for i in instruments} == {WHO5, SELF_ASSESSMENT}
    for instrument in instruments:
        assert well_formed_texts(instrument["name"])
        assert well_formed_items(instrument["items"])
