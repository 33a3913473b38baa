"""A finding's confidence and grounds: the weakest ground, each ground once, in the order first given.

The engine weighs a clause's shared grounds once and adds a candidate's own
to them; that must give what weighing all of them together gives.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import pytest

from sahel_sim.engine.clause_eval import _standing_with, standing
from sahel_sim.engine.findings import Basis
from sahel_sim.model.base import CONFIDENCE_RANK, Confidence, weakest

LEVELS = [c.value for c in Confidence]
grounds = st.lists(st.builds(Basis, st.sampled_from(["a", "b", "c"]), st.sampled_from(LEVELS),
                             st.sampled_from([None, "src"])), max_size=5).map(tuple)


@given(st.lists(st.sampled_from([*LEVELS, *Confidence])))
def test_weakest_is_the_lowest_rank_and_confirmed_for_none(levels: list[str]) -> None:
    low = weakest(levels)
    assert isinstance(low, Confidence)
    assert low is (Confidence(min(levels, key=lambda x: CONFIDENCE_RANK[x])) if levels else Confidence.confirmed)


def test_weakest_refuses_what_is_not_a_level() -> None:
    with pytest.raises(ValueError, match="not a valid Confidence"):
        weakest(["confirmed", "likely"])


@given(grounds, grounds)
def test_adding_grounds_to_weighed_ones_is_weighing_them_all(first: tuple[Basis, ...],
                                                             more: tuple[Basis, ...]) -> None:
    assert _standing_with(standing(first), more) == standing(first + more)
