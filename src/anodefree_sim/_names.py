"""Deprecated alias of :mod:`anodefree_sim.names` (the public vocabulary), kept for one release.

``from anodefree_sim import _names as n`` gives the very same module object as ``anodefree_sim.names``.
"""

import sys

from anodefree_sim import names as _public

sys.modules[__name__] = _public
