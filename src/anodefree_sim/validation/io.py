"""Readers of measured data: kept as the historical entry point; the readers live in
:mod:`anodefree_sim.validation.readers` (one module per format)."""

from anodefree_sim.validation.readers import *  # noqa: F403
from anodefree_sim.validation.readers import __all__  # noqa: F401
