"""Figures: one per case (headless), no clipped text, legends off the data, formats, overlays, QuickPlot."""

from __future__ import annotations

import dataclasses
import functools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pybamm  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from anodefree_sim import names as n  # noqa: E402
from anodefree_sim import plotting  # noqa: E402
from anodefree_sim.cases import CASES  # noqa: E402
from anodefree_sim.cli import main  # noqa: E402
from anodefree_sim.simulation import run_case  # noqa: E402
from anodefree_sim.studies.ccd import ccd_run  # noqa: E402

#: cycles simulated per multi-cycle case (short runs; the figure logic is the same as for the full ones)
CYCLES = {"choi2025-bilayer-cycling": 4, "choi2025-pouch-60c": 3, "choi2025-pouch-30c": 2,
          "huang2024-full-li4ag": 3, "huang2024-full-li9ag4": 3, "huang2024-full-li": 3,
          "huang2024-symmetric-li4ag": 5, "huang2024-symmetric-li9ag4": 5, "huang2024-symmetric-li": 5,
          "choi2025-ccd-lumped": 14, "choi2025-bilayer-150": 3}
SLOW = {"choi2025-pouch-60c", "choi2025-pouch-30c", "huang2024-full-li4ag", "huang2024-full-li9ag4",
        "huang2024-full-li", "choi2025-ccd", "choi2025-ccd-lumped", "choi2025-plating-5mah",
        "choi2025-plating-5mah-x0", "choi2025-bilayer-150"}
KINDS = {"choi2025-cell-b": "profile", "choi2025-cell-a": "profile", "choi2025-bilayer-cycling": "cycling",
         "choi2025-ccd": "ccd", "choi2025-ccd-lumped": "ccd", "li-lpscl-stripping": "ccd",
         "choi2025-pouch-60c": "cycling", "choi2025-pouch-30c": "cycling", "huang2024-full-li4ag": "cycling",
         "huang2024-full-li9ag4": "cycling",
         "huang2024-full-li": "cycling", "huang2024-symmetric-li4ag": "symmetric",
         "huang2024-symmetric-li9ag4": "symmetric", "huang2024-symmetric-li": "symmetric",
         "choi2025-plating-5mah": "profile", "choi2025-plating-5mah-x0": "profile",
         "choi2025-bilayer-150": "cycling"}


@functools.cache
def short_run(name: str, overrides: tuple = ()):
    if name == "choi2025-ccd":  # the whole staircase to its short, solved once for the targets and tests
        return ccd_run(name, dict(overrides))
    case = CASES[name]
    if name in CYCLES:
        case = dataclasses.replace(case, steps=case.steps[:CYCLES[name]])
    # stack-pressure cases end on an event (short circuit; the stripping staircase's voids: voltage window)
    pressure = case.options.get("stack pressure") in ("contact", "mechanics")
    return run_case(case, overrides=dict(overrides), allow_early_stop=pressure)


# ------------------------------------------------------------------------------------------ layout checks
def clipped_text(fig) -> list[str]:
    """Texts (titles, labels, legends, annotations, tick labels) whose window extent leaves the figure."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox

    def outside(bb) -> bool:
        return bb.x0 < box.x0 - 1 or bb.y0 < box.y0 - 1 or bb.x1 > box.x1 + 1 or bb.y1 > box.y1 + 1

    ticks = {id(t) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)
             for t in axis.get_ticklabels(which="both") + [axis.get_offset_text()]}
    bad = [t.get_text() for t in fig.findobj(Text)
           if id(t) not in ticks and t.get_visible() and t.get_text().strip()
           and outside(t.get_window_extent(renderer))]
    # drawn tick labels are inside each axes' tight bbox (ticks outside the view are not drawn)
    bad += [f"ticks of axes '{ax.get_ylabel()}'" for ax in fig.axes if outside(ax.get_tightbbox(renderer))]
    return bad


def legend_overlap(fig) -> float:
    """Largest share of a data line's points that fall inside a legend's box (0: legends off the data)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    worst = 0.0
    for legend in legends:
        bb = legend.get_window_extent(renderer)
        for ax in fig.axes:
            for line in ax.lines:
                xy = np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float)
                if len(xy) < 10:
                    continue
                pts = line.get_transform().transform(xy)
                inside = (pts[:, 0] > bb.x0) & (pts[:, 0] < bb.x1) & (pts[:, 1] > bb.y0) & (pts[:, 1] < bb.y1)
                worst = max(worst, float(inside.mean()))
    return worst


def check_layout(fig) -> None:
    assert clipped_text(fig) == []
    assert legend_overlap(fig) <= 0.05


def test_layout_checks_can_fail():
    """The helpers catch a title hanging off the figure and a legend drawn over the curve."""
    fig, ax = plt.subplots(figsize=(3, 2))
    x = np.linspace(0, 1, 200)
    ax.plot(x, 0.5 + 0 * x, label="flat line through the middle of the axes")
    ax.legend(loc="center")
    fig.suptitle("a title far too long to fit into a figure three inches wide, so it is clipped")
    assert clipped_text(fig) and legend_overlap(fig) > 0.05
    plt.close(fig)


# ------------------------------------------------------------------------------------------ every case
@pytest.mark.parametrize(
    "name", [pytest.param(c, marks=pytest.mark.slow) if c in SLOW else c for c in CASES])
def test_figure_of_every_case(name, tmp_path):
    r = short_run(name)
    assert plotting.figure_kind(r) == KINDS[name]
    fig = plotting.plot_results(r, tmp_path / f"{name}.png")
    assert (tmp_path / f"{name}.png").stat().st_size > 10_000
    check_layout(fig)
    title = fig.get_suptitle()
    assert title.startswith(name) and "--set" not in title
    plt.close(fig)


def test_profile_labels_each_phase_once_with_symbols():
    fig = plotting.profile_figure(short_run("choi2025-cell-b"))
    texts = [t.get_text() for t in fig.axes[0].texts]
    symbols = [s for s in plotting.PHASE_SYMBOLS.values() if s in texts]
    assert len(symbols) >= 3 and len(texts) == len(set(texts))
    assert all(t.startswith("$") for t in texts)  # mathtext symbols, not spelled-out names
    # one quantity per axis below: fraction, Li/Ag and thickness on separate axes
    labels = [ax.get_ylabel() for ax in fig.axes[1:]]
    assert any("Ag [-]" in s for s in labels) and "Li/Ag [-]" in labels and any("[µm]" in s for s in labels)
    assert "mAh g$^{-1}$" in fig.axes[-1].get_xlabel()  # per gram of doped electrolyte (Choi Fig. 2b)
    plt.close(fig)


def test_title_and_overlay_follow_the_parameter_values():
    """x = 0.2 is in the title, and Choi Fig. 2b's x = 0.6 points are not drawn over it."""
    assert len(plotting.paper_points(short_run("choi2025-cell-b"))) == 3
    r = short_run("choi2025-cell-b", ((n.P_SILVER_CONTENT, 0.2),))
    assert "x = 0.2" in plotting.run_title(r)
    assert plotting.paper_points(r) == []
    fig = plotting.profile_figure(r)
    assert not any("Choi" in t.get_text() for t in fig.legends[0].get_texts())
    plt.close(fig)


def test_cycling_figure_has_colour_bar_and_selected_cycles():
    r = short_run("choi2025-bilayer-cycling")
    fig = plotting.cycling_figure(r, at_most=2)
    assert any(ax.get_label() == "<colorbar>" for ax in fig.axes)
    picks = plotting.cycling.selected_cycles(1000, 8)
    assert picks[0] == 0 and picks[-1] == 999 and len(picks) <= 9
    assert len(fig.axes[0].lines) <= 2 * 2  # two cycles, plating + stripping each
    plt.close(fig)


def test_symmetric_zoom_panels_and_bad_zoom():
    r = short_run("huang2024-symmetric-li")
    fig = plotting.symmetric_figure(r, zoom=[1, 5])
    assert [ax.get_title() for ax in fig.axes[1:]] == ["cycle 1", "cycle 5"]
    assert any("η = 6 mV" in t.get_text() for t in fig.legends[0].get_texts())
    plt.close(fig)
    with pytest.raises(ValueError, match="zoom"):
        plotting.symmetric_figure(r, zoom=[9])


def test_ccd_figure_marks_the_short():
    fig = plotting.ccd_figure(short_run("li-lpscl-stripping"))
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("Kasemchainan" in s for s in labels)
    plt.close(fig)


# ------------------------------------------------------------------------------------------ other figures
def test_pressure_map_legend_has_censored_marker(tmp_path):
    r = {"case": "x", "pressures": np.array([1e6, 2e6]), "current_densities": np.array([1.0, 2.0]),
         "temperature": 333.15, "outcome": np.array([["stable", "short"], ["stable", "stable"]]),
         "ccd": np.array([1.0, 2.0]), "ccd_censored": np.array([False, True])}
    ax = plotting.plot_pressure_map(r, path=tmp_path / "map.svg")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "short" in labels and "CCD" in labels and any("censored" in s for s in labels)
    check_layout(ax.figure)
    plt.close("all")


def test_validation_figure(tmp_path):
    t = np.linspace(0, 3600, 400)
    measured = {n.TIME_S: t, n.VOLTAGE: 3.6 + 0.5 * t / 3600 + 0.002 * np.sin(t / 50), n.CURRENT: 0 * t + 1e-3}
    simulated = {n.TIME_S: t, n.VOLTAGE: 3.6 + 0.5 * t / 3600, n.CURRENT: 0 * t + 1e-3}
    fig = plotting.validation_figure(measured, simulated, path=tmp_path / "v.pdf", title="synthetic")
    assert len(fig.axes) == 3 and fig.axes[1].lines[0].get_ydata().max() == pytest.approx(2.0, rel=0.05)
    check_layout(fig)
    plt.close(fig)


@pytest.mark.parametrize(("ext", "magic"), [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_formats_by_extension(tmp_path, ext, magic):
    path = tmp_path / f"fig.{ext.upper()}"
    fig = plotting.plot_results(short_run("choi2025-cell-a"), path)
    assert path.read_bytes().startswith(magic)
    plt.close(fig)


def test_unsupported_extension_names_the_allowed_ones(tmp_path):
    with pytest.raises(ValueError, match=r"\.png, \.svg, \.pdf"):
        plotting.plot_results(short_run("choi2025-cell-a"), tmp_path / "fig.jpg")
    with pytest.raises(ValueError, match="figure kind"):
        plotting.plot_results(short_run("choi2025-cell-a"), kind="pie")


# ------------------------------------------------------------------------------------------ QuickPlot
@pytest.mark.parametrize("name", ["choi2025-cell-b", "huang2024-symmetric-li4ag",
                                  pytest.param("huang2024-full-li", marks=pytest.mark.slow)])
def test_quickplot_of_every_model(name, tmp_path):
    r = short_run(name) if name != "huang2024-full-li" else run_case(
        dataclasses.replace(CASES[name], steps=CASES[name].steps[:1]))
    model = r.solution.all_models[0]
    qp = pybamm.QuickPlot(r.solution)  # the model's own default variables
    assert n.VOLTAGE in [v for group in qp.variables for v in group]
    qp = plotting.quick_plot(r.solution, tmp_path / "qp.png")
    assert (tmp_path / "qp.png").stat().st_size > 10_000
    names = plotting.quick_plot_variables(model)
    assert n.VOLTAGE in names and all(v in model.variables for v in names)
    plt.close("all")


def test_cli_plot_and_quickplot(tmp_path, capsys):
    fig, grid = tmp_path / "f.svg", tmp_path / "grid.png"
    assert main(["run", "choi2025-cell-a", "--plot", str(fig), "--quickplot", str(grid)]) == 0
    assert fig.read_bytes().startswith(b"<?xml") and grid.read_bytes().startswith(b"\x89PNG")
    assert main(["run", "choi2025-cell-a", "--quickplot", str(tmp_path / "g.jpeg")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and ".png" in err[0]
    plt.close("all")


@pytest.mark.parametrize("name", ["choi2025-cell-a", "huang2024-symmetric-li"])
def test_sim_plot_uses_the_model_defaults(name):
    """``sim.plot()`` (PyBaMM's dynamic QuickPlot) needs ``default_quick_plot_variables`` on the model."""
    from anodefree_sim.simulation import build_simulation

    sim, _ = build_simulation(name)
    sim.solve()
    qp = sim.plot(show_plot=False)
    assert len(qp.variables) == len(sim.model.default_quick_plot_variables) >= 4
    plt.close("all")


def test_paper_overlays_take_their_numbers_from_the_target_ledger():
    """Every overlay names a target; its coordinate and label carry that target's paper value (written once)."""
    from anodefree_sim.plotting._style import _with_paper_value
    from anodefree_sim.targets import TARGETS

    paper = {t.id: t.paper for t in TARGETS}
    for points in plotting.PAPER_POINTS.values():
        for point in points:
            assert point["target"] in paper and point["coordinate"] not in point
            resolved = _with_paper_value(point)
            value = float(paper[point["target"]])
            assert resolved[point["coordinate"]] == pytest.approx(value * point.get("scale", 1.0))
            assert f"{value:g}" in resolved["label"]
