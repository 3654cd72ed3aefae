"""Shared style, output formats, run titles and the papers' reported points (overlays).

Every figure function of :mod:`anodefree_sim.plotting` draws inside :func:`styled` (one set of fonts,
line widths and colours, constrained layout) and saves through :func:`save_figure` (PNG, SVG or PDF by
the file's extension).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np

from anodefree_sim import names as n
from anodefree_sim.protocols import current_density_of_step

#: file formats written by :func:`save_figure`, by extension
FORMATS = ("png", "svg", "pdf")

#: matplotlib rc settings of every figure
STYLE = {
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.25,
    "lines.linewidth": 1.4,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "mathtext.default": "regular",
}

#: band colours of the Li-Ag phases (Huang 2024 staging, DESIGN 2.3)
PHASE_COLOURS = {
    "alpha": "#d9d9d9",
    "beta": "#c6dbef",
    "gamma3": "#9ecae1",
    "gamma2": "#fdd0a2",
    "gamma1": "#fdae6b",
    "delta": "#c7e9c0",
}
#: mathtext symbols of the Li-Ag phases
PHASE_SYMBOLS = {
    "alpha": r"$\alpha$",
    "beta": r"$\beta$",
    "gamma3": r"$\gamma_3$",
    "gamma2": r"$\gamma_2$",
    "gamma1": r"$\gamma_1$",
    "delta": r"$\delta$",
}

#: the papers' reported points drawn over a case's figure, each with its source. ``when``: parameter
#: values the point belongs to (the overlay is left out of a run with other values, e.g. x = 0.2).
#: ``kind``: "point" (x, y), "hline" (y on axis ``axis``), "cycle" (cycle number x, value y on ``axis``),
#: "eta" (a nucleation overpotential y [V]). The paper's numbers are not written here: ``target`` names the
#: entry of the target ledger (:data:`anodefree_sim.targets.TARGETS`) whose paper value is the coordinate
#: ``coordinate`` (times ``scale``) and fills ``{}`` in the label; see :func:`paper_points`.
PAPER_POINTS = {
    "choi2025-cell-b": [
        {"source": "Choi 2025 Fig. 2b", "label": "plateau {:g} V", "kind": "hline", "axis": "voltage",
         "target": "T1a", "coordinate": "y", "when": {n.P_SILVER_CONTENT: 0.6}},
        {"source": "Choi 2025 Fig. 2b", "label": "{:g} mAh/g at 1.2 V", "kind": "point", "y": 1.2,
         "target": "T1b", "coordinate": "x", "when": {n.P_SILVER_CONTENT: 0.6}},
        {"source": "Choi 2025 Fig. 2b", "label": "{:g} mAh/g at 0.005 V", "kind": "point", "y": 0.005,
         "target": "T1c", "coordinate": "x", "when": {n.P_SILVER_CONTENT: 0.6}},
    ],
    "choi2025-bilayer-cycling": [
        {"source": "Choi 2025 Fig. 3a", "label": "mean CE {:g} %", "kind": "hline", "axis": "ce",
         "target": "T4a", "coordinate": "y", "when": {n.P_SILVER_CONTENT: 0.6}},
    ],
    "choi2025-ccd": [
        {"source": "Choi 2025 Fig. 3b", "label": "CCD {:g} mA/cm²", "kind": "hline", "axis": "current",
         "target": "T5a", "coordinate": "y", "when": {n.P_SILVER_CONTENT: 0.6}},
    ],
    "li-lpscl-stripping": [
        {"source": "Kasemchainan 2019", "label": "critical stripping current {:g} mA/cm² at 3 MPa",
         "kind": "hline", "axis": "current", "target": "E3", "coordinate": "y", "when": {n.P_STACK_PRESSURE: 3e6}},
    ],
    "choi2025-pouch-60c": [
        {"source": "Choi 2025 Fig. 3h", "label": "{:g} mAh/g", "kind": "cycle", "axis": "capacity", "x": 1,
         "target": "T6b", "coordinate": "y"},
        {"source": "Choi 2025 Fig. 3i", "label": "{:g} % after 50 cycles", "kind": "cycle", "axis": "retention",
         "x": 50, "target": "T6d", "coordinate": "y"},
    ],
    "choi2025-pouch-30c": [
        {"source": "Choi 2025 Supp. Fig. 20", "label": "{:g} mAh/g", "kind": "cycle", "axis": "capacity", "x": 1,
         "target": "T6c", "coordinate": "y"},
        {"source": "Choi 2025 Supp. Fig. 20", "label": "{:g} % after 50 cycles", "kind": "cycle",
         "axis": "retention", "x": 50, "target": "T6e", "coordinate": "y"},
    ],
    "huang2024-full-li4ag": [
        {"source": "Huang 2024 Fig. 5e", "label": "{:g} % after 50 cycles", "kind": "cycle", "axis": "retention",
         "x": 50, "target": "T10-Li4Ag", "coordinate": "y"},
    ],
    "huang2024-full-li9ag4": [
        {"source": "Huang 2024 Fig. 5f", "label": "{:g} % after 50 cycles", "kind": "cycle", "axis": "retention",
         "x": 50, "target": "T10-Li9Ag4", "coordinate": "y"},
    ],
    "huang2024-full-li": [
        {"source": "Huang 2024 Fig. 5g", "label": "{:g} % after 7 cycles", "kind": "cycle", "axis": "retention",
         "x": 7, "target": "T10-Li", "coordinate": "y"},
    ],
    "huang2024-symmetric-li4ag": [
        {"source": "Huang 2024 Fig. 5a", "label": "nucleation η = {:g} mV", "kind": "eta", "target": "T9a",
         "coordinate": "y", "scale": 1e-3},
    ],
    "huang2024-symmetric-li9ag4": [
        {"source": "Huang 2024 Fig. 5b", "label": "nucleation η = {:g} mV", "kind": "eta", "target": "T9b",
         "coordinate": "y", "scale": 1e-3},
    ],
    "huang2024-symmetric-li": [
        {"source": "Huang 2024 Fig. 5c", "label": "nucleation η = {:g} mV", "kind": "eta", "target": "T9c",
         "coordinate": "y", "scale": 1e-3},
    ],
}
PAPER_MARKER = {"marker": "*", "ms": 10, "color": "crimson", "mec": "black", "mew": 0.5, "ls": "none",
                "zorder": 5}


_BACKEND_LOADED = False


def pyplot():
    """``matplotlib.pyplot`` with the Agg backend unless an interactive / inline backend is active.

    The backend module is loaded here, outside :func:`styled`'s ``rc_context``: Jupyter's inline backend
    switches interactive mode on when it loads, and an ``rc_context`` around the first figure would undo
    that on exit, so the notebook's later pyplot figures would no longer be shown."""
    global _BACKEND_LOADED
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if not _BACKEND_LOADED:
        plt.switch_backend(matplotlib.get_backend())
        _BACKEND_LOADED = True
    return plt


@contextlib.contextmanager
def styled():
    """Context in which figures get the package style."""
    plt = pyplot()
    with plt.rc_context(STYLE):
        yield plt


def figure(width: float = 6.4, height: float = 4.8):
    """A new figure with constrained layout (no clipped labels)."""
    plt = pyplot()
    return plt.figure(figsize=(width, height), layout="constrained")


def check_figure_path(path: str | Path) -> Path:
    """``path`` as a Path; ValueError unless its extension is one of :data:`FORMATS`."""
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ValueError(f"figure path '{path}': extension '.{ext}' not supported; use one of "
                         f"{', '.join('.' + f for f in FORMATS)}")
    return path


def save_figure(fig, path: str | Path | None, dpi: int | None = None) -> Path | None:
    """Write ``fig`` to ``path`` (PNG / SVG / PDF by extension) atomically
    (:func:`anodefree_sim.files.atomic_write`: a failed save leaves an existing file untouched);
    nothing if ``path`` is None."""
    from anodefree_sim.files import atomic_write

    if path is None:
        return None
    path = check_figure_path(path)
    fmt = path.suffix.lower().lstrip(".")
    with pyplot().rc_context(STYLE):
        return atomic_write(path, lambda tmp: fig.savefig(tmp, format=fmt, dpi=dpi or STYLE["savefig.dpi"]))


def parameter(pv, key: str) -> float | None:
    """A numeric parameter value of ``pv`` (ParameterValues or dict), None if absent or not a number."""
    try:
        value = pv[key]
    except (KeyError, TypeError):
        return None
    if isinstance(value, (int, float, np.floating, np.integer)):
        return float(value)
    return None


def _matches(pv, when: dict) -> bool:
    for key, want in when.items():
        value = parameter(pv, key)
        if value is None or not np.isclose(value, want, rtol=1e-6, atol=0):
            return False
    return True


def paper_points(result, kind: str | None = None) -> list[dict]:
    """The entries of :data:`PAPER_POINTS` of the run's case whose ``when`` holds for its parameters, with the
    paper's number read from the target ledger (the coordinate and the label filled in)."""
    points = PAPER_POINTS.get(result.case.name, [])
    return [_with_paper_value(p) for p in points if _matches(result.parameter_values, p.get("when", {}))
            and (kind is None or p["kind"] == kind)]


def _with_paper_value(point: dict) -> dict:
    """``point`` with its ``coordinate`` set to the paper value of its ``target`` (times ``scale``)."""
    from anodefree_sim.targets.declared import TARGETS

    paper = float(next(t.paper for t in TARGETS if t.id == point["target"]))
    out = dict(point)
    out[point["coordinate"]] = paper * point.get("scale", 1.0)
    out["label"] = point["label"].format(paper)
    return out


def paper_label(point: dict) -> str:
    return f"{point['source']}: {point['label']}"


def current_densities(case) -> set[float]:
    """The distinct |current densities| [mA.cm-2] of a case's protocol (steps given per area)."""
    steps = [s for c in case.steps for s in (c if isinstance(c, tuple) else (c,))]
    return {abs(j) / 10 for s in steps if (j := current_density_of_step(s)) is not None}


def run_title(result) -> str:
    """Title of a run's figure: case name and the parameter values it ran with (not the case's hints)."""
    pv, case = result.parameter_values, result.case
    parts = []
    x, doped = parameter(pv, n.P_SILVER_CONTENT), parameter(pv, n.P_DOPED_THICKNESS)
    if x is not None and doped and case.options.get("silver exsolution", "lumped") != "none":
        parts.append(f"x = {x:g}, doped layer {doped * 1e6:.3g} µm")
    js = sorted(current_densities(case))
    if 0 < len(js) <= 2:
        parts.append(" then ".join(f"{v:g}" for v in js) + " mA cm$^{-2}$")
    elif js:
        parts.append(f"{js[0]:g}–{js[-1]:g} mA cm$^{{-2}}$")
    T = parameter(pv, n.P_TEMPERATURE)
    if T is not None:
        parts.append(f"{T - 273.15:.3g} °C")
    P = parameter(pv, n.P_STACK_PRESSURE)
    if P is not None and case.options.get("stack pressure") in ("contact", "mechanics"):
        parts.append(f"{P / 1e6:g} MPa")
    return f"{case.name}: " + ", ".join(parts) if parts else case.name


def legend_below(fig, handles, labels, ncol: int = 3):
    """One figure legend under the axes (outside the data), in as many columns as fit the width."""
    if handles:
        # columns that fit the figure's width: about 4.6 pt per character at 8 pt, plus the handle
        column = 4.6 * max(len(str(label)) for label in labels) + 45
        fits = max(1, int(0.95 * fig.get_figwidth() * 72 // column))
        fig.legend(handles, labels, loc="outside lower center", ncol=min(ncol, fits, len(handles)))
