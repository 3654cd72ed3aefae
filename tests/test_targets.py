"""The ledger of paper targets (issue 10): `anodefree-sim targets`, its kinds, JSON and the README table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from anodefree_sim import targets as tg
from anodefree_sim.cli import main
from anodefree_sim.targets.evaluate import _within

README = Path(__file__).resolve().parents[1] / "README.md"


def _strict(text: str):
    def refuse(name):
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def quick_rows():
    return {r["target"].split()[0]: r for r in tg.evaluate(tg.select(quick=True))}


@pytest.fixture(scope="module")
def expensive_rows():
    chosen = [t for t in tg.TARGETS if tg.GROUPS[t.group].expensive]
    return {r["target"].split()[0]: r for r in tg.evaluate(chosen)}


def _ids(kind: str, expensive: bool) -> list[str]:
    return [t.id for t in tg.TARGETS if t.kind == kind and tg.GROUPS[t.group].expensive == expensive]


# ---------------------------------------------------------------- declarations
def test_every_target_has_a_valid_kind_unit_tolerance_and_group():
    ids = [t.id for t in tg.TARGETS]
    assert len(ids) == len(set(ids))
    for t in tg.TARGETS:
        assert t.kind in tg.KINDS, t.id
        assert t.group in tg.GROUPS, t.id
        assert t.tolerance[0] in ("abs", "rel", "range", "max", "min", "holds"), t.id
        # a number needs a numeric tolerance; only orderings and qualitative checks say "holds"
        assert isinstance(t.paper, str) or t.tolerance[0] != "holds", t.id


def test_every_fitted_or_input_target_names_its_parameter_and_predicted_ones_none():
    for t in tg.TARGETS:
        if t.kind == "predicted":
            assert t.parameter == "", f"{t.id} is predicted but names a parameter"
        else:
            assert len(t.parameter) > 10, f"{t.id} is {t.kind} but does not name the parameter"
    fitted = {t.id: t.parameter for t in tg.TARGETS if t.kind == "fitted"}
    # the calibrations of the session notes; the CCD (T5a) is predicted by the mixed-conducting layer (issue 12)
    assert "T5a" not in fitted and "uniformity 0.3" in fitted["T5b"]
    assert "calibrate_dead_lithium" in fitted["T4a"] and "calibrate_dead_lithium" in fitted["T6d"]
    assert "calibrate_interphase" in fitted["T10-Li4Ag"]
    assert "alloy exchange-current density" in fitted["T1d"]
    assert "creep" in fitted["E3"]


def test_every_design_target_is_declared():
    families = {re.match(r"[A-Z]+\d+", t.id).group() for t in tg.TARGETS}
    assert {f"T{k}" for k in range(1, 12)} <= families
    assert {"E1", "E2", "E3", "E4", "E5"} <= families
    assert sum(t.kind == "predicted" for t in tg.TARGETS) >= 10


def test_within_tolerance_can_fail():
    t = next(t for t in tg.TARGETS if t.id == "T5a")  # 6.0 +- 30 %
    assert _within(t, 7.5) and not _within(t, 7.9) and not _within(t, 4.1) and not _within(t, None)
    e1 = next(t for t in tg.TARGETS if t.id == "E1")  # 15.4 h within a factor 1.5
    assert _within(e1, 20.0) and not _within(e1, 25.0)
    assert tg.tolerance_text(e1) == "10.3 to 23.1"


def test_quick_skips_expensive_targets_unless_named():
    quick = tg.select(quick=True)
    assert quick and not any(tg.GROUPS[t.group].expensive for t in quick)
    assert [t.id for t in tg.select(["T5"], quick=True)] == ["T5a", "T5b"]
    assert [t.id for t in tg.select(["T1c", "T1"])][:2] == ["T1c", "T1a"]
    with pytest.raises(ValueError, match="unknown target 'T99'"):
        tg.select(["T99"])


# ---------------------------------------------------------------- the command
def test_cli_json_is_strict_with_the_seven_keys(capsys):
    assert main(["targets", "--json", "--only", "T1,T3,T8,T11,E3"]) == 0
    rows = _strict(capsys.readouterr().out)
    assert isinstance(rows, list) and len(rows) == len(tg.select(["T1", "T3", "T8", "T11", "E3"]))
    for r in rows:
        assert tuple(r) == tg.KEYS
        assert r["kind"] in tg.KINDS
        assert isinstance(r["within tolerance"], bool)
        assert isinstance(r["model value"], (int, float, str))
        assert isinstance(r["paper value"], (int, float, str))


def test_cli_unknown_target_exits_2_with_one_line(capsys):
    assert main(["targets", "--only", "T99"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "T99" in err and "Traceback" not in err


@pytest.mark.parametrize("group, target", [("kasemchainan", "E3"), ("bilayer", "T4b")])
def test_a_failed_computation_is_reported_not_hidden(monkeypatch, capsys, group, target):
    """A failed group gives a row with no value, for ordering ('holds') targets (T4b) too."""
    def broken():
        raise RuntimeError("solver gave up")

    monkeypatch.setitem(tg.GROUPS, group, tg.Group(broken, 0))
    with pytest.warns(UserWarning, match=f"{group} failed: RuntimeError: solver gave up"):
        assert main(["targets", "--json", "--only", target]) == 1
    (row,) = _strict(capsys.readouterr().out)
    assert row["model value"] is None and row["within tolerance"] is False


# ---------------------------------------------------------------- computed live
@pytest.mark.parametrize("target", _ids("fitted", expensive=False))
def test_regression_quick_fitted_targets(quick_rows, target):
    """Regression: a parameter was calibrated to this number (the target's ``parameter`` says which)."""
    assert quick_rows[target]["within tolerance"], quick_rows[target]


@pytest.mark.parametrize("target", _ids("predicted", expensive=False) + _ids("input", expensive=False))
def test_quick_predicted_and_input_targets_within_tolerance(quick_rows, target):
    assert quick_rows[target]["within tolerance"], quick_rows[target]


@pytest.mark.slow
@pytest.mark.parametrize("target", _ids("fitted", expensive=True))
def test_regression_expensive_fitted_targets(expensive_rows, target):
    """Regression: a parameter was calibrated to this number (the target's ``parameter`` says which)."""
    assert expensive_rows[target]["within tolerance"], expensive_rows[target]


@pytest.mark.slow
@pytest.mark.parametrize("target", _ids("predicted", expensive=True) + _ids("input", expensive=True))
def test_expensive_predicted_and_input_targets_within_tolerance(expensive_rows, target):
    assert expensive_rows[target]["within tolerance"], expensive_rows[target]


# ---------------------------------------------------------------- README
def _readme_block() -> str:
    text = README.read_text()
    start, end = text.index("<!-- targets:start -->"), text.index("<!-- targets:end -->")
    return text[start:end].split("\n", 1)[1]


def test_readme_table_matches_the_declared_targets():
    """The README holds the last computed model values; everything else must be what the generator
    (tools/readme_targets.py) writes from the declarations today."""
    lines = [ln for ln in _readme_block().splitlines() if ln.startswith("| ") and not ln.startswith("| target")]
    cells = [[c.strip() for c in re.split(r"(?<!\\) \| ", ln.strip("| "))] for ln in lines]
    assert [c[0].split()[0] for c in cells] == [t.id for t in tg.TARGETS], "re-run python tools/readme_targets.py"
    rows = [{"target": f"{t.id} {t.text}", "paper value": t.paper, "model value": c[2], "unit": t.unit,
             "tolerance": tg.tolerance_text(t), "kind": t.kind, "within tolerance": c[6] == "yes"}
            for t, c in zip(tg.TARGETS, cells, strict=True)]
    assert _readme_block().startswith(tg.markdown(rows))
    predicted = sum(t.kind == "predicted" for t in tg.TARGETS)
    assert f"{predicted} of {len(tg.TARGETS)} targets are predicted" in _readme_block()
