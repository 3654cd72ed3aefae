"""benchmarks/answer_rule.py: the answer rule's verdict with the spread of perturbed runs (issue 14)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "answer_rule.py"
_spec = importlib.util.spec_from_file_location("answer_rule", _PATH)
rule = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rule)


def _write(path: Path, values: dict) -> str:
    rows = [{"target": f"{k} text", "model value": v, "within tolerance": True} for k, v in values.items()]
    path.write_text(json.dumps(rows))
    return str(path)


@pytest.fixture
def runs(tmp_path):
    base = _write(tmp_path / "base.json", {"T4a": 99.70, "T1a": 1.7670, "T4b": "98.26 < 99.70"})
    ref = _write(tmp_path / "ref.json", {"T4a": 99.701, "T1a": 1.7670, "T4b": "98.26 < 99.70"})
    spread = [_write(tmp_path / "p1.json", {"T4a": 99.72, "T1a": 1.7670, "T4b": "98.26 < 99.72"})]
    return base, ref, spread, tmp_path


def test_a_move_within_the_spread_passes_only_with_the_spread(runs, capsys):
    """T4a moves 1.5e-4: above the 1e-4 floor and its 1e-5 reference distance, below its 2e-4 spread."""
    base, ref, spread, tmp = runs
    variant = _write(tmp / "v.json", {"T4a": 99.715, "T1a": 1.7670, "T4b": "98.26 < 99.71"})
    assert rule.compare(base, ref, [variant]) == 2  # T4a and T4b break the rule without the spread
    assert rule.compare(base, ref, [variant], spread) == 0
    assert "passes the rule" in capsys.readouterr().out


def test_a_move_beyond_the_spread_and_a_target_out_of_tolerance_fail(runs):
    base, ref, spread, tmp = runs
    variant = _write(tmp / "v.json", {"T4a": 99.75, "T1a": 1.7670, "T4b": "98.26 < 99.70"})
    assert rule.compare(base, ref, [variant], spread) == 1  # T4a moves 5e-4 > 2e-4
    rows = json.loads(Path(base).read_text())
    rows[1]["within tolerance"] = False  # T1a unmoved but out of tolerance
    Path(tmp / "w.json").write_text(json.dumps(rows))
    assert rule.compare(base, ref, [str(tmp / "w.json")], spread) == 1


def test_baseline_error_is_the_reference_distance_or_the_spread():
    base = {"T": {"model value": 100.0}}
    dist, wobble = rule.baseline_error("T", base, {"T": {"model value": 100.01}}, [{"T": {"model value": 99.97}}])
    assert dist == pytest.approx(1e-4, rel=1e-3) and wobble == pytest.approx(3e-4, rel=1e-9)
    assert rule.baseline_error("T", base, {}, []) == (float("inf"), 0.0)
