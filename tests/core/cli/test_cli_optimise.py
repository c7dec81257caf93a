"""`python -m core optimise` on a private copy of the demo city."""
import json

from core.cli import main

KEYS = {"cells", "objective", "status", "gap", "binding_constraints", "npv_saving_p10", "npv_saving_p50",
        "npv_saving_p90", "variables", "constraints", "levers"}


def test_optimise_a_scenario_as_json(demo_copy, capsys):
    assert main(["optimise", "--scenario", "全面整合", "--draws", "60", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)  # nothing but the JSON on standard output
    assert set(out) >= KEYS and out["scenario"] == "全面整合" and out["objective"] == "expected"
    assert out["status"] == "optimal" and out["gap"] <= 0.001
    assert out["npv_saving_p10"] <= out["npv_saving_p50"] <= out["npv_saving_p90"]
    assert out["policy_levers"] == {"energy": True, "fee_cap": {"enabled": True}, "quality_gate": True,
                                    "unified_management": True}
    assert all(c["to"] in ("in_house", "labour_only", "contracted") for c in out["cells"])


def test_optimise_for_cvar_under_a_constraints_file(demo_copy, tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"attrition": False, "people_per_year": {"enabled": True, "value": 5}}), encoding="utf-8")
    assert main(["optimise", "--objective", "cvar", "--alpha", "0.2", "--draws", "60", "--constraints", str(path),
                 "--time-limit", "20", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["objective"] == "cvar" and out["alpha"] == 0.2
    assert max(sum(v[i] for v in out["people_affected"].values()) for i in range(len(out["years"]))) <= 5 + 1e-6
    assert {"group": "people", "key": 2026} in out["binding_constraints"]


def test_infeasible_constraints_exit_2_naming_them(demo_copy, tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"forces": [{"building": "市档案馆", "service": "confidential", "to": "contracted"}]}),
                    encoding="utf-8")
    assert main(["optimise", "--draws", "40", "--constraints", str(path)]) == 2
    text = capsys.readouterr().out
    assert "cannot all hold" in text and "市档案馆" in text and "never go to an outside vendor" in text


def test_bad_input_is_one_line(demo_copy, tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text('{"people": 3}', encoding="utf-8")
    assert main(["optimise", "--constraints", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown key 'people'" in err
    assert main(["optimise", "--scenario", "nope"]) == 2
    assert "no saved scenario is named 'nope'" in capsys.readouterr().err
    assert main(["optimise", "--alpha", "0.9"]) == 2
    assert "alpha" in capsys.readouterr().err
