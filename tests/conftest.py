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
