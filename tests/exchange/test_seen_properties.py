"""What installations have seen of each other merges like a clock: in any order, the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pierglass_desktop.exchange.sync_format import saw, seen_until

ORIGINS = st.sampled_from(["aino", "bertta", "pekka"])
GROUPS = st.sampled_from(["", "pori", "rauma"])
MOMENTS = st.integers(0, 10_000).map(lambda s: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(s))
SIGHTINGS = st.lists(st.tuples(ORIGINS, GROUPS, MOMENTS), max_size=30)


def _merged(sightings):
    seen = {}
    for origin, group, moment in sightings:
        saw(seen, origin, group, moment)
    return seen


@given(SIGHTINGS, st.randoms())
def test_the_order_of_sightings_never_matters(sightings, random):
    shuffled = list(sightings)
    random.shuffle(shuffled)
    assert _merged(shuffled) == _merged(sightings) == _merged(sightings + sightings)


@given(SIGHTINGS, ORIGINS, GROUPS)
def test_a_group_is_seen_up_to_the_latest_sighting_of_it_or_of_all(sightings, origin, group):
    expected = [m for o, g, m in sightings if o == origin and g in ("", group)]
    assert seen_until(_merged(sightings), origin, group) == max(expected, default=None)
