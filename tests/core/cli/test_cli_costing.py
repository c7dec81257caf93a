"""`python -m core compare` and `python -m core standards`: the figures core computes, as JSON."""
import json

import pytest

from core.cli import main
from core.domain import compare, standards
from tests.factories import SYSTEM


def run_json(capsys, *argv: str):
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_compare_prints_one_object_per_mode(demo_copy, demo_portfolio, capsys):
    rows = run_json(capsys, "compare", "--year", "2024")
    assert [r["mode"] for r in rows] == ["full", "partial", "mixed", "self"]
    assert all(list(r) == ["mode", "buildings", "area_m2", "annual_cost", "cost_per_m2", "staff_in_house",
                           "staff_vendor", "quality_mean", "budget_cv"] for r in rows)
    s = compare.mode_comparison(compare.building_measures(demo_portfolio, 2024)).set_index("mode")
    for r in rows:  # annual_cost is the full cost, not the ledger
        assert r["annual_cost"] == pytest.approx(s.at[r["mode"], "annual_cost"], abs=0.01)
        assert r["annual_cost"] > s.at[r["mode"], "recorded"]
        assert r["budget_cv"] == pytest.approx(s.at[r["mode"], "budget_cv"], abs=1e-4)
    assert sum(r["buildings"] for r in rows) == 16
    assert run_json(capsys, "compare")[0]["annual_cost"] != rows[0]["annual_cost"]  # 2025 by default


def test_standards_prints_items_and_the_release(demo_copy, demo_portfolio, capsys):
    out = run_json(capsys, "standards", "--amber", "5", "--red", "30")
    assert out["year"] == 2025 and out["amber"] == 0.05 and out["red"] == 0.30
    b = standards.benchmark(demo_portfolio, 2025, amber=0.05, red=0.30)
    assert len(out["items"]) == len(b)
    assert list(out["items"][0]) == ["building", "service", "cost_per_m2_month", "standard_per_m2_month",
                                     "deviation_pct", "status"]
    assert out["capped_fee_release"] == pytest.approx(standards.capped_fee_release(b, tolerance=0.05), abs=0.01)
    canteen = [i for i in out["items"] if i["service"] == "canteen"]
    assert canteen and all(i["standard_per_m2_month"] is None and i["status"] == "none" for i in canteen)


def test_text_output_and_user_errors(demo_copy, capsys):
    assert main(["compare"]) == 0
    assert "full cost by support mode, 2025" in capsys.readouterr().out
    assert main(["standards", "--year", "2019"]) == 0
    assert "releases CNY" in capsys.readouterr().out
    assert main(["compare", "--year", "1999"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no recorded spending in 1999") and len(err.strip().splitlines()) == 1


def test_empty_store_gives_one_line(tmp_path, monkeypatch, capsys):
    from core.files import admin
    from core.store import db

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    admin.init_store(db.make_engine(url), actor=SYSTEM)
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["standards"]) == 2
    assert "init-db" in capsys.readouterr().err
