"""Evaluating the paper targets and printing the comparison (text table, README markdown)."""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence

from anodefree_sim.targets.computations import GROUPS
from anodefree_sim.targets.declared import KINDS, TARGETS, Target


def _number(v):
    """JSON-safe model value: float, str, or None for missing/non-finite."""
    if v is None or isinstance(v, str):
        return v
    v = float(v)
    return v if math.isfinite(v) else None


def _within(t: Target, v) -> bool:
    kind, *a = t.tolerance
    if v is None or isinstance(v, str):
        return False
    return {"abs": lambda: abs(v - t.paper) <= a[0], "rel": lambda: abs(v - t.paper) <= a[0] * abs(t.paper),
            "range": lambda: a[0] <= v <= a[1], "max": lambda: v < a[0], "min": lambda: v > a[0]}[kind]()


def tolerance_text(t: Target) -> str:
    """The tolerance as printed: "±0.1", "±5 %", "2 to 3", "< 0.1", "> 10" or the text of a "holds" check."""
    kind, *a = t.tolerance
    return {"abs": lambda: f"±{a[0]:g}", "rel": lambda: f"±{100 * a[0]:g} %",
            "range": lambda: f"{a[0]:.3g} to {a[1]:.3g}", "max": lambda: f"< {a[0]:g}",
            "min": lambda: f"> {a[0]:g}", "holds": lambda: a[0]}[kind]()


def select(only: Sequence[str] | None = None, quick: bool = False) -> list[Target]:
    """Targets named in ``only`` (ids or their prefix before the letter, e.g. "T1" or "T1a"); else all,
    without the expensive groups when ``quick``. Unknown names raise ValueError listing the valid ones."""
    if not only:
        return [t for t in TARGETS if not (quick and GROUPS[t.group].expensive)]
    families = {re.match(r"[A-Z]+\d+", t.id).group() for t in TARGETS}
    chosen = []
    for name in only:
        hits = [t for t in TARGETS if name in (t.id, re.match(r"[A-Z]+\d+", t.id).group())]
        if not hits:
            raise ValueError(f"--only: unknown target '{name}'; valid: {', '.join(sorted(families))} or a full id")
        chosen += [t for t in hits if t not in chosen]
    return chosen


def evaluate(targets: Sequence[Target] | None = None) -> list[dict]:
    """Compute the model value of each target (each group once) and compare with the paper.

    Returns rows with the keys :data:`KEYS`. A computation that fails gives ``model value`` None and
    ``within tolerance`` False for its targets and a warning naming the error.
    """
    data, rows = {}, []
    for t in TARGETS if targets is None else targets:
        if t.group not in data:
            try:
                data[t.group] = GROUPS[t.group].compute()
            except Exception as err:  # a solver failure is a result here: reported, not raised
                warnings.warn(f"targets: {t.group} failed: {type(err).__name__}: {err}", stacklevel=2)
                data[t.group] = err
        got = None if isinstance(data[t.group], Exception) else t.read(data[t.group])
        # a failed group gives None for every target, "holds" ones included (they otherwise read (value, ok))
        value, ok = got if t.tolerance[0] == "holds" and got is not None else (got, False)
        value = _number(value)
        rows.append({"target": f"{t.id} {t.text}", "paper value": t.paper, "model value": value, "unit": t.unit,
                     "tolerance": tolerance_text(t), "kind": t.kind,
                     "within tolerance": bool(ok) if t.tolerance[0] == "holds" else _within(t, value)})
    return rows


def _fmt(v) -> str:
    if v is None:
        return "not computed"
    return v if isinstance(v, str) else f"{0.0 if abs(v) < 1e-12 else v:.4g}"  # no -9e-16 for a zero


def markdown(rows: Sequence[dict]) -> str:
    """README table of evaluated rows (model values as computed, or as strings already formatted)."""
    by_id = {t.id: t for t in TARGETS}
    lines = ["| target | paper | model | unit | tolerance | kind | within | fitted to / given as |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        t = by_id[r["target"].split()[0]]
        ok = "yes" if r["within tolerance"] else "no"
        cells = [r["target"], _fmt(r["paper value"]), _fmt(r["model value"]), r["unit"], r["tolerance"],
                 r["kind"], ok, t.parameter]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    count = {k: sum(r["kind"] == k for r in rows) for k in KINDS}
    lines.append("")
    lines.append(f"{count['predicted']} of {len(rows)} targets are predicted, {count['fitted']} fitted "
                 f"(regression checks) and {count['input']} inputs.")
    return "\n".join(lines) + "\n"


def format_rows(rows: Sequence[dict]) -> str:
    """The text table of evaluated rows printed by ``anodefree-sim targets``: one line per target."""
    return "\n".join(f"{r['target'][:70]:70} {_fmt(r['paper value']):>22} {_fmt(r['model value']):>22} "
                     f"{r['unit']:9} {r['tolerance']:>14} {r['kind']:9} {'yes' if r['within tolerance'] else 'NO'}"
                     for r in rows)
