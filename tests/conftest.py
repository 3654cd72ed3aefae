"""Shared fixtures: solved cases are cached per session (each solve takes well under a second)."""

from __future__ import annotations

import functools

import pytest

from anodefree_sim.simulation import run_case


@functools.cache
def _cached(name: str, options: tuple = (), overrides: tuple = ()):
    return run_case(name, overrides=dict(overrides), options=dict(options))


@pytest.fixture(scope="session")
def solved():
    """``solved(name, options=None, overrides=None)`` -> CaseResult (cached)."""

    def get(name, options=None, overrides=None):
        return _cached(name, tuple(sorted((options or {}).items())),
                       tuple(sorted((overrides or {}).items())))

    return get


# ---------------------------------------------------------------- hypothesis profiles (tests/test_invariants.py)
# "quick": the normal suite (few draws, derandomized: reproducible in CI); "long": a few hundred random draws,
# run by the tests marked invariants_long (or every property with HYPOTHESIS_PROFILE=long).
import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("quick", max_examples=12, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("long", max_examples=300, deadline=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def pytest_collection_modifyitems(config, items):
    """Skip the invariants_long tests unless selected (``-m invariants_long``) or HYPOTHESIS_PROFILE=long."""
    if "invariants_long" in (config.option.markexpr or "") or os.environ.get("HYPOTHESIS_PROFILE") == "long":
        return
    skip = pytest.mark.skip(reason="long invariant profile: run with -m invariants_long "
                                   "or HYPOTHESIS_PROFILE=long")
    for item in items:
        if "invariants_long" in item.keywords:
            item.add_marker(skip)
