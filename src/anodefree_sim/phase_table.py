"""Li-Ag phase tables: the open-circuit potential U(y), molar volume and lever-rule phase fractions.

A phase table lists, for each single-phase region of Li_yAg (alpha = Ag solid solution, beta = LiAg,
gamma3 ~ Li9Ag4, gamma2 ~ Li10Ag3/Li4Ag, gamma1 ~ Li9Ag, delta = Li solid solution), its range
``[y_min, y_max]`` of y = Li/Ag, the potential of the two-phase plateau that forms it (lithiation
and delithiation branch), and its volume expansion relative to Ag. Between two single-phase regions
the potential is flat (two-phase coexistence); inside a single-phase region it slopes linearly to the
next plateau. The tables are data files in ``anodefree_sim/parameter_sets/data`` so that a user can
swap in another one (:func:`read_phase_table` + :meth:`PhaseTable.to_parameters`).

References
----------
Huang et al., Energy Mater. Adv. 2024, doi:10.34133/energymatadv.0108 (voltages, capacities,
volume expansions); Pelton, Bull. Alloy Phase Diagr. 7 (1986) 223 (phase sequence).
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pybamm

from anodefree_sim import names as n
from anodefree_sim.constants import F

#: molar volume of fcc Ag [m3.mol-1] (10.49 g/cm3, 107.87 g/mol; physics-facts.md section 7)
SILVER_MOLAR_VOLUME = 1.028e-5
#: charge per unit y per gram of Ag [mAh/g] = F / (3.6 M_Ag)
MAH_PER_G_AG_PER_Y = F / 3.6 / 107.8682

#: width of the smoothed corners of U(y), in units of y (numerical regularisation, not physics)
CORNER_WIDTH = 0.02

COLUMNS = (
    "phase",
    "y_min",
    "y_max",
    "lithiation_potential_V",
    "delithiation_potential_V",
    "y_ref",
    "volume_expansion_percent",
    "capacity_mAh_per_g",
)


@dataclass(frozen=True)
class PhaseTable:
    """Rows of a Li-Ag phase table (one per phase, in order of increasing Li content)."""

    phases: tuple[str, ...]
    y_min: tuple[float, ...]
    y_max: tuple[float, ...]
    lithiation_potential: tuple[float, ...]
    delithiation_potential: tuple[float, ...]
    y_ref: tuple[float, ...]
    volume_expansion: tuple[float, ...]
    capacity: tuple[float, ...]
    source: str = ""

    # ------------------------------------------------------------------ numerics
    def _knots(self, branch: str) -> tuple[np.ndarray, np.ndarray]:
        """Knots (y, U) of the piecewise-linear OCP for a branch."""
        if branch not in ("lithiation", "delithiation"):
            raise ValueError(f"branch must be 'lithiation' or 'delithiation', not '{branch}'")
        P = self.lithiation_potential if branch == "lithiation" else self.delithiation_potential
        ys, us = [], []
        for i in range(len(self.phases)):
            nxt = P[i + 1] if i + 1 < len(self.phases) else P[i]
            ys += [self.y_min[i], self.y_max[i]]
            us += [P[i], nxt]
        return np.array(ys), np.array(us)

    def ocp(self, y, branch: str = "lithiation"):
        """Open-circuit potential U(y) [V] vs Li/Li+ (numpy array or pybamm expression).

        Piecewise linear through the knots of the table with corners smoothed over
        :data:`CORNER_WIDTH` in y (softplus ramps), so Newton iterations see a C-infinity curve.
        Beyond the last phase U keeps falling steeply (-1 V per unit y), which stops alloying
        there; plating takes over at 0 V.
        """
        ys, us = self._knots(branch)
        slopes = np.diff(us) / np.maximum(np.diff(ys), 1e-12)
        slopes = np.append(slopes, -1.0)
        out = us[0] + slopes[0] * (y - ys[0])
        for k in range(1, len(ys)):
            out = out + (slopes[k] - slopes[k - 1]) * _soft_ramp(y - ys[k], CORNER_WIDTH)
        return out

    def molar_volume(self, y):
        """Volume of Li_yAg per mole of Ag [m3.mol-1], linear between the table's reference points.

        ``V(y) = V_Ag (1 + e(y))`` with e the tabulated volume expansion (Huang 2024 Fig. 1b).
        """
        yr = np.array(self.y_ref)
        e = np.array(self.volume_expansion) / 100
        slopes = np.diff(e) / np.diff(yr)
        slopes = np.append(slopes, slopes[-1])
        out = e[0] + slopes[0] * (y - yr[0])
        for k in range(1, len(yr)):
            out = out + (slopes[k] - slopes[k - 1]) * _soft_ramp(y - yr[k], CORNER_WIDTH)
        return SILVER_MOLAR_VOLUME * (1 + out)

    def phase_fraction(self, y, phase: str):
        """Lever-rule fraction of Ag atoms in ``phase`` at composition y (numpy or pybamm)."""
        i = self.phases.index(phase)
        rise = 1 if i == 0 else _clip01((y - self.y_max[i - 1]) / (self.y_min[i] - self.y_max[i - 1]))
        if i == len(self.phases) - 1:
            return rise
        return rise - _clip01((y - self.y_max[i]) / (self.y_min[i + 1] - self.y_max[i]))

    def phase_fractions(self, y) -> dict[str, np.ndarray]:
        """All lever-rule phase fractions at y (numpy)."""
        y = np.asarray(y, dtype=float)
        return {p: np.asarray(self.phase_fraction(y, p), dtype=float) for p in self.phases}

    def phase_capacity(self, phase: str) -> float:
        """Capacity inside one single-phase region [mAh per g Ag] from its y range."""
        i = self.phases.index(phase)
        return (self.y_max[i] - self.y_min[i]) * MAH_PER_G_AG_PER_Y

    def to_parameters(self) -> dict:
        """PyBaMM parameter entries (functions of y) describing this table."""
        params = {
            n.P_ALLOY_OCP_LITH: functools.partial(self.ocp, branch="lithiation"),
            n.P_ALLOY_OCP_DELITH: functools.partial(self.ocp, branch="delithiation"),
            n.P_ALLOY_MOLAR_VOLUME: self.molar_volume,
            n.P_ALLOY_MAX_RATIO: self.y_min[-1],
        }
        for p in self.phases:
            params[n.p_phase_fraction(p)] = _bind_phase(self, p)
        return params


def _bind_phase(table: PhaseTable, phase: str):
    """The lever-rule fraction of ``phase`` as a function of y (picklable: no closure)."""
    return functools.partial(table.phase_fraction, phase=phase)


def _is_symbol(x) -> bool:
    return isinstance(x, pybamm.Symbol)


def _soft_ramp(z, width: float):
    """width * log(1 + exp(z / width)), evaluated without overflow."""
    if _is_symbol(z):
        return pybamm.maximum(z, 0) + width * pybamm.log(1 + pybamm.exp(-abs(z) / width))
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0) + width * np.log1p(np.exp(-np.abs(z) / width))


def _clip01(z):
    if _is_symbol(z):
        return pybamm.minimum(pybamm.maximum(z, 0), 1)
    return np.clip(z, 0, 1)


def read_phase_table(path: str | Path) -> PhaseTable:
    """Read and validate a phase-table CSV (``#`` lines are comments).

    Raises
    ------
    ValueError
        If a column is missing, a value is not a number, the phases are not the six Li-Ag
        phases in order, ranges overlap or run backwards, or potentials rise with y.
    """
    path = Path(path)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    rows = list(csv.DictReader(lines))
    missing = [c for c in COLUMNS if not rows or c not in rows[0]]
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {missing}; expected {list(COLUMNS)}")
    cols: dict[str, list] = {c: [] for c in COLUMNS}
    for lineno, row in enumerate(rows, start=2):
        for c in COLUMNS:
            if c == "phase":
                cols[c].append(row[c].strip())
                continue
            try:
                cols[c].append(float(row[c]))
            except (TypeError, ValueError):
                raise ValueError(
                    f"{path.name}, data row {lineno - 1}: '{c}' = {row[c]!r} is not a number"
                ) from None
    table = PhaseTable(
        phases=tuple(cols["phase"]),
        y_min=tuple(cols["y_min"]),
        y_max=tuple(cols["y_max"]),
        lithiation_potential=tuple(cols["lithiation_potential_V"]),
        delithiation_potential=tuple(cols["delithiation_potential_V"]),
        y_ref=tuple(cols["y_ref"]),
        volume_expansion=tuple(cols["volume_expansion_percent"]),
        capacity=tuple(cols["capacity_mAh_per_g"]),
        source=str(path),
    )
    _validate(table, path.name)
    return table


def _validate(t: PhaseTable, name: str) -> None:
    if t.phases != n.PHASES:
        raise ValueError(f"{name}: phases must be {list(n.PHASES)} in this order, got {t.phases}")
    for i, p in enumerate(t.phases):
        if not 0 <= t.y_min[i] < t.y_max[i]:
            raise ValueError(f"{name}: phase {p} needs 0 <= y_min < y_max")
        if i and t.y_min[i] < t.y_max[i - 1]:
            raise ValueError(f"{name}: phase {p} overlaps the previous phase")
        for branch in (t.lithiation_potential, t.delithiation_potential):
            if i and branch[i] > branch[i - 1]:
                raise ValueError(f"{name}: plateau potentials must not rise with y (phase {p})")
    if np.any(np.diff(t.y_ref) <= 0):
        raise ValueError(f"{name}: y_ref must increase from phase to phase")


def load_phase_table(name: str) -> PhaseTable:
    """Load a shipped phase table: ``"huang2024"`` (DFT voltages) or ``"choi2025"`` (calibrated)."""
    files = {"huang2024": "li_ag_phases_huang2024.csv", "choi2025": "li_ag_phases_choi2025.csv"}
    if name not in files:
        raise ValueError(f"unknown phase table '{name}'; shipped tables: {sorted(files)}")
    data = importlib.resources.files("anodefree_sim.parameter_sets") / "data" / files[name]
    with importlib.resources.as_file(data) as path:
        return read_phase_table(path)
