"""Monte Carlo, tornado, break-even, Sobol and budget volatility, on the tiny and the demo city."""
import dataclasses

import numpy as np
import pytest

from core.simulation import risk
from core.simulation.model import run
from core.simulation.plan import prepare

CONVERT = {"conversions": [{"building": "乙楼", "service": "cleaning", "to": "contracted"}], "horizon_years": 3}


def collapsed(p):
    """The portfolio with every distribution of the book collapsed to its value."""
    a = p.assumptions.copy()
    has = a["distribution"].fillna("") != ""
    a.loc[has, "low"] = a.loc[has, "value"]
    a.loc[has, "high"] = a.loc[has, "value"]
    return dataclasses.replace(p, assumptions=a)


def test_the_book_gives_the_uncertain_factors_their_distributions(tiny):
    inputs = risk.uncertain_inputs(tiny.book)
    keys = [u.key for u in inputs]
    assert "wage_growth" in keys and "bundling_scale_m2" in keys and "market_price_factor" in keys
    assert "discount_rate" not in keys and "hurdle_rate" not in keys  # fixed in the book
    u = inputs[keys.index("energy_saving_rate")]
    assert (u.kind, u.low, u.mode, u.high) == ("triangular", 0.02, 0.05, 0.08)
    x = np.linspace(0.01, 0.99, 25)
    for u in inputs:  # the closed-form quantiles are scipy's
        assert u.ppf(x) == pytest.approx(u.dist.ppf(x))
    assert u.median == pytest.approx(float(u.dist.median()))


def test_with_every_uncertainty_set_to_zero_the_monte_carlo_is_the_deterministic_result(demo_portfolio):
    p = collapsed(demo_portfolio)
    assert risk.uncertain_inputs(p.book) == ()
    levers = {"unified_management": True, "fee_cap": {"enabled": True}, "bundling": {"cleaning": 2},
              "staff_pooling": True, "energy": True, "quality_gate": True,
              "convert_rule": {"from": "in_house", "to": "contracted", "services": ["canteen"]}}
    plan = prepare(p, levers)
    r = run(plan)
    mc = risk.monte_carlo(plan, risk.uncertain_inputs(p.book), draws=500, seed=3)
    assert mc.npv == pytest.approx(np.full(500, r.npv), rel=1e-12)
    assert mc.npv_quantiles() == pytest.approx([r.npv] * 3, rel=1e-12)
    assert mc.fan()[2] == pytest.approx(r.net, rel=1e-12)  # the median path is the deterministic path
    assert mc.fan()[0] == pytest.approx(mc.fan()[4], rel=1e-12)  # and there is no spread
    assert mc.prob_positive == float(r.npv > 0) and mc.prob_beats == float(r.beats_hurdle)


def test_the_same_seed_gives_identical_output_and_another_seed_does_not(demo_portfolio):
    plan = prepare(demo_portfolio, {"fee_cap": {"enabled": True}, "bundling": {"cleaning": 2},
                                              "energy": True})
    inputs = risk.uncertain_inputs(demo_portfolio.book)
    a = risk.monte_carlo(plan, inputs, draws=2_000, seed=11)
    b = risk.monte_carlo(plan, inputs, draws=2_000, seed=11)
    assert np.array_equal(a.npv, b.npv) and np.array_equal(a.net, b.net) and np.array_equal(a.beats, b.beats)
    assert not np.array_equal(a.npv, risk.monte_carlo(plan, inputs, draws=2_000, seed=12).npv)


def test_chunking_the_draws_changes_nothing(demo_portfolio, monkeypatch):
    plan = prepare(demo_portfolio, {"bundling": {"cleaning": 2, "security": 1}, "staff_pooling": True})
    inputs = risk.uncertain_inputs(demo_portfolio.book)
    whole = risk.monte_carlo(plan, inputs, draws=1_500, seed=5)
    monkeypatch.setattr(risk, "CELLS_PER_CHUNK", 1)  # 256 draws at a time
    assert risk.chunk_size(plan) == 256
    chunked = risk.monte_carlo(plan, inputs, draws=1_500, seed=5)
    assert np.allclose(chunked.npv, whole.npv, rtol=1e-12) and np.allclose(chunked.net, whole.net, rtol=1e-12)


def test_the_distribution_surrounds_the_deterministic_result(tiny):
    plan = prepare(tiny, {"energy": True})
    mc = risk.monte_carlo(plan, risk.uncertain_inputs(tiny.book), draws=10_000, seed=1)
    p10, p50, p90 = mc.npv_quantiles()
    assert p10 < run(plan).npv < p90
    # the saving is 800,000 × the energy rate: its P10–P90 follows the rate's (2%–8%, mode 5%, triangular)
    assert p10 / p50 == pytest.approx(0.0334 / 0.05, rel=0.05)
    assert mc.prob_positive == 1.0


def test_tornado_and_break_even(tiny):
    inputs = risk.uncertain_inputs(tiny.book)
    t = risk.tornado(prepare(tiny, {"energy": True}), inputs).set_index("key")
    # energy only: the saving depends on the energy rate and on price inflation, nothing else
    moving = t.loc[t["swing"] > 1e-6].index.tolist()
    assert moving == ["energy_saving_rate", "price_inflation"]
    assert (t.loc["energy_saving_rate", "npv_high"] > t.loc["energy_saving_rate", "base"]
            > t.loc["energy_saving_rate", "npv_low"])
    # the saving is zero only when energy management saves nothing at all; no other factor gets it there
    assert t.loc["energy_saving_rate", "breakeven"] == pytest.approx(0.0, abs=1e-9)
    assert t.drop(index="energy_saving_rate")["breakeven"].isna().all()

    plan = prepare(tiny, CONVERT)
    t = risk.tornado(plan, inputs).set_index("key")
    # converting 乙楼 cleaning: the new contract's price factor decides it; where is the NPV zero?
    x = t.loc["market_price_factor", "breakeven"]
    assert 1.0 < x < 1.5
    med = np.array([u.median for u in inputs])
    med[[u.key for u in inputs].index("market_price_factor")] = x
    assert abs(risk.npv_of(plan, risk._theta(plan, inputs, med[:, None]))[0]) < 1.0  # CNY


def test_sobol_indices_name_the_factor_that_matters(tiny):
    s = risk.sobol(prepare(tiny, {"energy": True}), risk.uncertain_inputs(tiny.book), n=512).set_index("key")
    assert s.loc["energy_saving_rate", "first"] > 0.9
    assert s.loc["energy_saving_rate", "total"] >= s.loc["energy_saving_rate", "first"] - 0.05
    assert s.drop(index=["energy_saving_rate", "price_inflation"])[["first", "total"]].max().max() < 0.01
    flat = risk.sobol(prepare(tiny, {}), risk.uncertain_inputs(tiny.book))
    assert (flat[["first", "total"]] == 0).all().all()  # nothing varies: no index


def test_budget_volatility_before_and_after(tiny, demo_portfolio):
    # the tiny city's budgets are 5% over in 2024 and 5% under in 2025 everywhere: actual ÷ budget is
    # 1/1.05 and 1/0.95 → CV (ddof 1) = |1/0.95 − 1/1.05| / √2 ÷ mean = 0.0707 in every building
    v = risk.budget_volatility(tiny, prepare(tiny, CONVERT))
    cv = abs(1 / 0.95 - 1 / 1.05) / np.sqrt(2) / ((1 / 0.95 + 1 / 1.05) / 2)
    assert v.before == pytest.approx(cv) and v.after == pytest.approx(cv)
    # demo city: self-run buildings swing more; contracting out their canteens steadies them
    rule = {"convert_rule": {"from": "in_house", "to": "contracted"}}
    d = risk.budget_volatility(demo_portfolio, prepare(demo_portfolio, rule))
    assert d.by_mode["self"] > d.by_mode["full"]
    assert d.after < d.before
    same = risk.budget_volatility(demo_portfolio, prepare(demo_portfolio, {"fee_cap": {"enabled": True}}))
    assert same.after == pytest.approx(same.before)  # no mode changes, no change
