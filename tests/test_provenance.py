"""The provenance ledger (issue 10): every parameter of every shipped set says what it is and where it is from."""

from __future__ import annotations

import json
import re
from importlib.metadata import entry_points

import pybamm
import pytest
from anodefree_sim.parameter_sets._ledger import KINDS, entry

from anodefree_sim.cli import main
from anodefree_sim.provenance import ROW_KEYS, SETS, format_table, ledger


def test_ledger_covers_the_shipped_sets_of_the_entry_points():
    ours = {ep.name for ep in entry_points(group="pybamm_parameter_sets")
            if ep.value.startswith("anodefree_sim.parameter_sets")}
    assert ours == set(SETS)


@pytest.mark.parametrize("set_name", list(SETS))
def test_every_parameter_has_a_row_with_kind_source_and_range(set_name):
    rows = {r["parameter"]: r for r in ledger(set_name)}
    names = set(pybamm.ParameterValues(set_name).keys()) - {"citations", "chemistry"}
    assert names == set(rows)
    for r in rows.values():
        assert r["kind"] in KINDS and r["source"].strip() and r["range"]


def test_calibrated_rows_name_their_target():
    rows = ledger(kind="calibrated")
    assert rows
    for r in rows:
        assert re.search(r"\bT\d+\b|target", r["source"]), r


def test_entries_refuse_bad_kinds_and_untargeted_calibrations():
    with pytest.raises(ValueError, match="not one of"):
        entry(1.0, "guessed", "somewhere")
    with pytest.raises(ValueError, match="needs a source"):
        entry(1.0, "paper", " ")
    with pytest.raises(ValueError, match="names its target"):
        entry(1.0, "calibrated", "fitted by hand")


def test_kinds_of_known_parameters():
    rows = {(r["parameter set"], r["parameter"]): r for r in ledger()}
    assert rows[("Choi2025Pouch", "Stack pressure [Pa]")]["kind"] == "paper"
    assert "2.0 MPa" in rows[("Choi2025Pouch", "Stack pressure [Pa]")]["source"]
    assert rows[("Choi2025", "Critical local plating current density [A.m-2]")]["kind"] == "calibrated"
    assert "Chen2020" in rows[("Huang2024Full", "Positive electrode OCP [V]")]["source"]
    assert rows[("Huang2024Full", "Positive electrode OCP [V]")]["kind"] == "literature"
    # function parameters list their reference value and activation energy
    j0 = rows[("Choi2025", "Negative lithium plating exchange-current density [A.m-2]")]
    assert j0["kind"] == "assumed" and "298.15 K" in j0["source"] and "kJ/mol" in j0["source"]


def test_counts_per_kind():
    rows = ledger()
    counts = {k: sum(r["kind"] == k for r in rows) for k in KINDS}
    assert all(counts[k] > 0 for k in KINDS) and sum(counts.values()) == len(rows)
    assert format_table(rows).splitlines()[-1] == (
        f"{len(rows)} rows: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    assert len(ledger(kind="calibrated")) == counts["calibrated"]


def test_cli_json_is_strict_and_has_the_schema(capsys):
    assert main(["provenance", "--json", "--set", "Choi2025"]) == 0
    out = capsys.readouterr().out

    def refuse(token):
        raise AssertionError(f"non-strict JSON constant {token}")

    rows = json.loads(out, parse_constant=refuse)
    assert rows and all(tuple(r) == ROW_KEYS for r in rows)
    assert {r["parameter set"] for r in rows} == {"Choi2025"}
    assert all(isinstance(r["value"], (float, str)) for r in rows)
    assert any(isinstance(r["value"], str) and r["value"].startswith("function") for r in rows)


def test_cli_table_and_bad_kind(capsys):
    assert main(["provenance", "--kind", "calibrated"]) == 0
    out = capsys.readouterr().out
    assert "calibrated" in out and " paper " not in out
    assert main(["provenance", "--kind", "guessed"]) == 2
    assert "not one of" in capsys.readouterr().err


def test_mixed_conductor_pore_size_is_assumed_with_a_range():
    """The 0.1 um pore size of the mixed-conducting layer (issue 12): an assumption with its valid and plausible
    range; values outside the valid range are refused, outside the plausible one warned about."""
    from anodefree_sim import names as n
    from anodefree_sim.cases import get_case
    from anodefree_sim.simulation import case_parameter_values

    rows = {(r["parameter set"], r["parameter"]): r for r in ledger()}
    for set_name in ("Choi2025", "Choi2025Pouch"):
        row = rows[(set_name, n.P_LAYER_PORE_SIZE)]
        assert row["kind"] == "assumed" and row["value"] == 1e-7 and row["range"] == "(0, 0.0001]"
        assert "Xu et al. PNAS 2017" in row["source"] and "0.02-1 um" in row["source"]
    with pytest.raises(ValueError, match="Doped layer pore size"):
        case_parameter_values(get_case("choi2025-plating-5mah"), {n.P_LAYER_PORE_SIZE: 0.0})
    with pytest.warns(UserWarning, match="Doped layer pore size"):
        case_parameter_values(get_case("choi2025-plating-5mah"), {n.P_LAYER_PORE_SIZE: 5e-6})
