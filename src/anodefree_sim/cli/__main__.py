"""``python -m anodefree_sim.cli``."""

import sys

from anodefree_sim.cli import main

sys.exit(main())
