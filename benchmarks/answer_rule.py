"""The answer rule of issue 14: does a solver or formulation change move any paper target too far?

The rule (lead's decision, benchmarks/README.md "Solver cost"): every target stays within its tolerance, every
test passes unchanged, Faraday / Li balance hold to the same tolerance, and each ``anodefree-sim targets --json``
value moves by less than max(1e-4 relative, the baseline's own error). The baseline's error of a target is the
larger of its distance to a converged reference run at 100x tighter tolerances and its spread over a small set
of perturbed runs (:data:`PERTURBATIONS`: rtol x0.5 / x2, atol x0.1 / x10): a target that is noise at the
baseline's tolerances (T4a, a mean over 1000 cycles of a quantity read at a cut-off) moves that much under any
change of the step sequence, and so may any variant.

Two commands:

* ``run``: ``anodefree-sim targets --json`` with changed solver settings, written to ``--out``:
  ``--rtol`` / ``--atol`` (module constants of :mod:`anodefree_sim.models.solver`, read by
  ``default_solver``), ``--dt-init`` (its first step), ``--potential-scale ELECTRODE=SCALE`` (the variable
  scale of one electrode's surface potential difference, i.e. its absolute tolerance atol x scale; repeatable),
  ``--start rest|consistent`` (how the surface potentials start, ``build_simulation(start=...)``) and
  ``--only`` / ``--quick`` as for ``targets``. Without options it is the baseline;
  ``--rtol 1e-8 --atol 1e-10`` is the converged reference.
* ``compare BASE REF [VARIANT ...] [--spread RUN ...]``: per target, the baseline's distance to the reference,
  its spread (largest relative move of a ``--spread`` run against the baseline), the error the rule uses (the
  larger of the two), and each variant's move against the baseline and error against the reference; the
  verdict of the rule per variant (a target a variant did not compute, ``--only``, is left out of its
  verdict). The ``--spread`` runs are ``run`` with :data:`PERTURBATIONS`.
  A value that is text (e.g. ``"98.26 < 99.71"``) is compared by the numbers in it.

Run: ``python benchmarks/answer_rule.py run --out base.json`` (~2 min on 2 idle cores; the reference ~5 min),
the four perturbed runs (e.g. ``run --rtol 5e-7 --out p1.json``), then
``python benchmarks/answer_rule.py compare base.json ref.json variant.json --spread p1.json p2.json ...``.
A measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys

#: the rule's floor on the relative move of a target value
FLOOR = 1e-4
#: the perturbed baseline runs whose spread is part of the baseline's error: ``run`` options
#: (default rtol 1e-6, atol 1e-8, models/solver.py)
PERTURBATIONS = (("--rtol", "5e-7"), ("--rtol", "2e-6"), ("--atol", "1e-9"), ("--atol", "1e-7"))
_NUMBER = re.compile(r"-?\d+\.?\d*(?:[eE][-+]?\d+)?")


def relative_move(new, old) -> float:
    """|new - old| / |old| for numbers; for text, the largest such move of the numbers in it (inf if the
    text around them differs); 0 for equal values of any other kind, inf otherwise."""
    if isinstance(new, str) and isinstance(old, str):
        if _NUMBER.sub("#", new) != _NUMBER.sub("#", old):
            return math.inf
        pairs = zip(map(float, _NUMBER.findall(new)), map(float, _NUMBER.findall(old)), strict=True)
        return max((relative_move(a, b) for a, b in pairs), default=0.0)
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (new, old))
    if new == old:
        return 0.0
    if not numeric:
        return math.inf
    return abs(new - old) / abs(old) if old else math.inf


def _load(path: str) -> dict:
    with open(path) as f:
        return {row["target"]: row for row in json.load(f)}


def baseline_error(key: str, base: dict, ref: dict, spread: list[dict]) -> tuple[float, float]:
    """(distance of the baseline to the reference, spread of the perturbed runs around the baseline) of one
    target; inf distance without a reference value, 0 spread without perturbed runs."""
    value = base[key]["model value"]
    dist = relative_move(value, ref[key]["model value"]) if key in ref else math.inf
    moves = [relative_move(run[key]["model value"], value) for run in spread if key in run]
    return dist, max(moves, default=0.0)


def compare(base_path: str, ref_path: str, variant_paths: list[str], spread_paths: list[str] = ()) -> int:
    """Print the rule's table; return the number of (variant, target) pairs that break it."""
    base, ref = _load(base_path), _load(ref_path)
    spread = [_load(p) for p in spread_paths]
    variants = {p: _load(p) for p in variant_paths}
    head = (f"{'target':<14} {'ref dist':>9} {'spread':>9} {'base err':>9}"
            + "".join(f" {'move':>9} {'err':>9} {'':<4}" for _ in variants))
    print("variants: " + ", ".join(variants) if variants else "baseline error only")
    print(f"spread over: {', '.join(spread_paths) or 'none'}")
    print(head)
    broken = {p: [] for p in variants}
    for key, row in base.items():
        dist, wobble = baseline_error(key, base, ref, spread)
        err = max(dist, wobble)
        cells, moved = [], dist > 0 or wobble > 0
        for path, rows in variants.items():
            new = rows.get(key)
            if new is None:  # not computed in this variant's run (targets --only)
                cells.append(f" {'-':>9} {'-':>9} {'':<4}")
                continue
            move = relative_move(new["model value"], row["model value"])
            new_err = relative_move(new["model value"], ref[key]["model value"]) if key in ref else math.inf
            # no reference value: only the 1e-4 floor and the spread apply (inf would pass anything)
            ok = new["within tolerance"] and move < max(FLOOR, err if math.isfinite(err) else wobble)
            moved = moved or move > 0
            if not ok:
                broken[path].append(key.split()[0])
            cells.append(f" {move:9.1e} {new_err:9.1e} {'ok' if ok else 'FAIL':<4}")
        if moved:
            print(f"{key.split()[0]:<14} {dist:9.1e} {wobble:9.1e} {err:9.1e}" + "".join(cells))
    for path, keys in broken.items():
        print(f"{path}: {'passes the rule' if not keys else 'breaks the rule on ' + ', '.join(keys)}")
    return sum(len(k) for k in broken.values())


def run(args) -> int:
    """``targets --json`` with the solver settings of ``args`` patched in, to ``args.out``."""
    import contextlib

    import anodefree_sim.models.solver as solver

    import anodefree_sim.simulation.build as build
    import anodefree_sim.submodels.electrode_potential as ep
    from anodefree_sim import names as n
    from anodefree_sim.cli import main

    if args.rtol is not None:
        solver.RTOL = args.rtol
    if args.atol is not None:
        solver.ATOL = args.atol
    if args.dt_init is not None:
        solver.DT_INIT = args.dt_init
    if args.start is not None:
        build.DEFAULT_START = args.start
    for item in args.potential_scale or []:
        electrode, _, value = item.partition("=")
        n.electrode(electrode)  # validates the key
        ep.SURFACE_POTENTIAL_SCALES[electrode] = float(value)
    with open(args.out, "w") as out, contextlib.redirect_stdout(out):
        return main(["targets", "--json"] + (["--only", args.only] if args.only else [])
                    + (["--quick"] if args.quick else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="anodefree-sim targets --json with changed solver settings")
    r.add_argument("--out", required=True)
    r.add_argument("--rtol", type=float)
    r.add_argument("--atol", type=float)
    r.add_argument("--dt-init", type=float)
    r.add_argument("--potential-scale", action="append", metavar="ELECTRODE=SCALE")
    r.add_argument("--start", choices=("consistent", "rest"),
                   help="how the surface potentials start (build_simulation's start; default consistent)")
    r.add_argument("--only")
    r.add_argument("--quick", action="store_true", help="as for targets: skip the expensive computations")
    c = sub.add_parser("compare", help="the rule's table for targets --json files")
    c.add_argument("base")
    c.add_argument("ref")
    c.add_argument("variants", nargs="*")
    c.add_argument("--spread", nargs="*", default=[], metavar="RUN",
                   help="perturbed baseline runs (PERTURBATIONS) whose spread is part of the baseline error")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args)
    return 1 if compare(args.base, args.ref, args.variants, args.spread) else 0


if __name__ == "__main__":
    sys.exit(main())
