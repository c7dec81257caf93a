"""`python -m core simulate`, `scenarios`, `plans` and `track` on a private copy of the demo city."""
import json

import pytest

from core.cli import main

KEYS = {"npv_saving_p10", "npv_saving_p50", "npv_saving_p90", "prob_positive", "prob_beats_hurdle", "payback_year",
        "waterfall", "annual_saving_p50"}


def run(capsys, *args: str) -> dict:
    assert main(["simulate", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_simulate_a_saved_scenario(demo_copy, capsys):
    out = run(capsys, "--scenario", "全面整合", "--draws", "2000", "--seed", "7")
    assert set(out) >= KEYS
    assert out["npv_saving_p10"] <= out["npv_saving_p50"] <= out["npv_saving_p90"]
    assert set(out["waterfall"]) == {"conversion", "unified_management", "fee_cap", "bundling", "staff_pooling",
                                     "energy", "quality_gate"}
    assert list(out["annual_saving_p50"]) == ["2026", "2027", "2028", "2029", "2030"]
    assert out["conversions"]["restricted"] == 1  # the archives' security
    assert run(capsys, "--scenario", "全面整合", "--draws", "2000", "--seed", "7") == out  # same seed, same figures
    # by year: each lever's P50, the total's P10/P50/P90, people released by type
    assert list(out["by_year"]) == ["2026", "2027", "2028", "2029", "2030"]
    first = out["by_year"]["2026"]
    assert set(first) >= {"fee_cap", "conversion", "total", "people", "one_time_p50", "net_p50"}
    assert first["total"]["p10"] <= first["total"]["p50"] <= first["total"]["p90"]
    assert set(first["people"]) == {"established", "contract", "dispatched"} and first["people"]["contract"] > 0
    assert out["budget_year"] == 2026 and out["budget_cut_p50"] == first["net_p50"]


def test_simulate_levers_from_a_file_with_a_horizon(demo_copy, tmp_path, capsys):
    path = tmp_path / "levers.json"
    path.write_text(json.dumps({"fee_cap": {"enabled": True}, "energy": True}), encoding="utf-8")
    out = run(capsys, "--levers", str(path), "--years", "3", "--draws", "500")
    assert out["years"] == [2026, 2028] and list(out["annual_saving_p50"]) == ["2026", "2027", "2028"]
    assert set(out["waterfall"]) == {"fee_cap", "energy"}
    assert out["payback_year"] == 2026 and out["prob_positive"] == 1.0


def test_simulate_prints_a_readable_summary(demo_copy, capsys):
    assert main(["simulate", "--draws", "500"]) == 0
    text = capsys.readouterr().out
    assert "NPV saving P10 / P50 / P90" in text and "fee_cap" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--scenario", "没有这个"], "no saved scenario is named '没有这个'"),
    (["--levers", "/nowhere.json"], "/nowhere.json does not exist"),
    (["--years", "12"], "horizon_years"),
    (["--draws", "0"], "--draws must be at least 1"),
])
def test_simulate_refuses_with_one_line(demo_copy, capsys, args, message):
    assert main(["simulate", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and message in err and len(err.splitlines()) == 1


def test_scenarios_lists_the_saved_ones(demo_copy, capsys):
    assert main(["scenarios", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["全面整合", "标准+集中采购", "标准先行"]
    assert rows[2]["levers"] == {"fee_cap": {"enabled": True}, "quality_gate": True}
    assert all(r["version"] == 1 for r in rows)


def test_simulate_json_names_the_restricted_item_and_why(demo_copy, tmp_path, capsys):
    """Converting 市行政中心's confidential services (机要保密, restricted) to a vendor is refused: the JSON
    says which item and why, not only {"restricted": 1}."""
    levers = tmp_path / "levers.json"
    levers.write_text(json.dumps({"conversions": [{"building": "市行政中心", "service": "confidential",
                                                    "to": "contracted"}]}), encoding="utf-8")
    for lang, reason in (("en", "Refused: restricted items never go to an outside vendor"),
                         ("zh", "不予转换：核心、关键、保密事项不得交给外部企业")):
        out = run(capsys, "--levers", str(levers), "--draws", "200", "--lang", lang)
        assert out["conversions"] == {"restricted": 1}
        assert out["conversion_items"] == [{
            "building": "市行政中心", "service": "confidential",
            "service_name": "Confidential services" if lang == "en" else "机要保密服务",
            "from": "in_house", "to": "contracted", "decision": "restricted", "reason": reason, "saving": 0.0}]


def test_plans_lists_the_adopted_ones(demo_copy, capsys):
    assert main(["plans", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["version"], r["adopted_on"]) for r in rows] == [("2023年保洁集中采购与收费封顶", 1, "2023-03-20")]
    r = rows[0]
    assert r["approved_by"] == "市机关事务管理局局务会" and r["base_year"] == 2022 and r["years"] == [2023, 2027]
    assert r["levers"]["bundling"] == {"cleaning": 2} and r["npv_saving_p10"] < r["npv_saving_p50"]


def test_track_gives_planned_actual_and_variance_to_the_fen(demo_copy, capsys):
    assert main(["track", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["plan"] == "2023年保洁集中采购与收费封顶" and out["years_tracked"] == [2023, 2024, 2025]
    assert set(out["by_year"]) == {"2023", "2024", "2025"}
    for year in out["by_year"].values():
        for v in year.values():
            assert round(v["actual"] - v["planned"], 2) == v["variance"]  # to the fen
    # the first lot's tender failed in 2023: 市行政中心's capped cleaning kept its old price all year
    flagged = {(f["year"], f["building"], f["lever"]) for f in out["below_p10"]}
    assert (2023, "市行政中心", "fee_cap") in flagged
    assert 0 < out["actual"] < out["planned"]  # the plan delivers part of what it promised
    assert main(["track", "--plan", "2023年保洁集中采购与收费封顶", "--version", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == out
    assert main(["track", "--plan", "没有这个"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: no adopted plan '没有这个'") and len(err.splitlines()) == 1
