"""The test suite's Hypothesis profiles: quick by default, thorough on request."""

from __future__ import annotations

import os

import pytest

from hypothesis import settings


def test_the_default_profile_is_quick_and_repeatable() -> None:
    if os.environ.get("HYPOTHESIS_PROFILE") not in (None, "", "quick", "ci"):
        pytest.skip("a long run chose another profile on purpose")
    assert settings.default.max_examples == settings.get_profile("quick").max_examples == 30
    assert settings.default.derandomize is True


def test_thorough_draws_many_more_examples_at_random() -> None:
    thorough = settings.get_profile("thorough")
    assert thorough.max_examples >= 10 * settings.get_profile("quick").max_examples
    assert thorough.derandomize is False
    assert settings.get_profile("ci").max_examples == settings.get_profile("quick").max_examples
