"""The ledger of paper targets: every number the project compares with, computed live, with its standing.

A :class:`Target` is one number (or ordering) reported by a paper (DESIGN section 4, T1-T11, and the
external checks of the stack-pressure closure). Its ``kind`` says what agreement means:

* ``fitted`` -- a parameter was calibrated to this number (``parameter`` names it and the tool or source);
  agreement is a regression check, not a validation;
* ``input`` -- the paper number is given to the model as a parameter (``parameter`` names it);
* ``predicted`` -- nothing was tuned to it.

:func:`evaluate` runs the cases behind the selected targets (each shared computation once) and returns rows
with the keys :data:`KEYS`; ``anodefree-sim targets`` prints them (table, ``--json`` or ``--markdown``).

Modules: :mod:`.computations` (the shared runs, :data:`GROUPS`), :mod:`.declared` (:data:`TARGETS`) and
:mod:`.evaluate` (comparison and output). The command-line arguments are in :mod:`anodefree_sim.cli.studies`.
"""

from anodefree_sim.targets.computations import GROUPS, Group
from anodefree_sim.targets.declared import KEYS, KINDS, TARGETS, Target
from anodefree_sim.targets.evaluate import evaluate, format_rows, markdown, select, tolerance_text

__all__ = ["GROUPS", "KEYS", "KINDS", "TARGETS", "Group", "Target", "evaluate", "format_rows", "markdown",
           "select", "tolerance_text"]
