"""Monte Carlo, tornado, break-even, Sobol and budget volatility, on the tiny and the demo city."""
import dataclasses

import numpy as np
import pytest

from core.simulation import risk
from core.simulation.levers import LEVERS
from core.simulation.model import run
from core.simulation.plan import prepare
from tests.factories import certain, load_city, tiny_city

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


def test_with_every_distribution_collapsed_the_monte_carlo_is_the_deterministic_schedule(demo_portfolio):
    p = collapsed(demo_portfolio)
    assert risk.uncertain_inputs(p.book) == ()
    levers = {"unified_management": True, "fee_cap": {"enabled": True}, "bundling": {"cleaning": 2},
              "staff_pooling": True, "energy": True, "quality_gate": True, "staffing_standard": True,
              "convert_rule": {"from": "in_house", "to": "contracted", "services": ["canteen"]}}
    plan = prepare(p, levers)
    r = run(plan)
    mc = risk.monte_carlo(plan, risk.uncertain_inputs(p.book), draws=500, seed=3)
    assert mc.npv == pytest.approx(np.full(500, r.npv), rel=1e-12)
    assert mc.npv_quantiles() == pytest.approx([r.npv] * 3, rel=1e-12)
    # year by year: every lever's saving, the one-time costs and the people released, in every draw
    for year in range(plan.horizon):
        for i in range(len(LEVERS)):
            assert mc.by_lever[i, year] == pytest.approx(np.full(500, r.by_lever[i, year]), rel=1e-12, abs=1e-6)
        assert mc.one_time[year] == pytest.approx(np.full(500, r.one_time[year]), rel=1e-12, abs=1e-6)
        assert mc.people[:, year] == pytest.approx(np.repeat(r.people_by_type[:, year, None], 500, axis=1), abs=1e-9)
    assert mc.fan()[2] == pytest.approx(r.net, rel=1e-12)  # the median path is the deterministic path
    assert mc.fan()[0] == pytest.approx(mc.fan()[4], rel=1e-12)  # and there is no spread
    assert mc.schedule_quantiles()[1] == pytest.approx(r.by_lever, rel=1e-12, abs=1e-6)
    assert mc.prob_positive == float(r.npv > 0) and mc.prob_beats == float(r.beats_hurdle)
    assert r.by_lever.sum() > 0 and r.people.sum() > 0 and r.one_time.sum() > 0  # the check checks something


def test_realisation_and_delay_are_uncertain_and_move_the_answer(demo_portfolio):
    inputs = {u.key: u for u in risk.uncertain_inputs(demo_portfolio.book)}
    for key in ("realisation_fee_cap", "realisation_unified_management", "delay_fee_cap",
                "delay_unified_management", "retender_fail_prob", "attrition_established"):
        assert key in inputs, key
    u = inputs["realisation_unified_management"]
    assert (u.kind, u.low, u.mode, u.high) == ("triangular", 0.0, 0.5, 0.9)  # REFERENCE §1: shared services
    plan = prepare(demo_portfolio, {"fee_cap": {"enabled": True}, "unified_management": True})
    t = risk.tornado(plan, tuple(inputs.values())).set_index("key")
    # the fee cap's realisation share is the widest swing: most of the saving is the cap
    assert t.index[0] == "realisation_fee_cap"
    assert t.loc["delay_fee_cap", "swing"] > 0 and t.loc["retender_fail_prob", "swing"] > 0
    s = risk.sobol(plan, tuple(inputs.values()), n=256).set_index("key")
    assert s.loc["realisation_fee_cap", "first"] > 0.3
    # and the chance of saving is no longer 100% with a tight band: P10 is far below P50
    mc = risk.monte_carlo(plan, tuple(inputs.values()), draws=4_000, seed=1)
    p10, p50, p90 = mc.npv_quantiles()
    assert p10 < 0.75 * p50 and p90 > 1.15 * p50


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
    monkeypatch.setattr(risk, "CELLS_PER_CHUNK", 1)  # 64 draws at a time
    assert risk.chunk_size(plan) == 64
    chunked = risk.monte_carlo(plan, inputs, draws=1_500, seed=5)
    assert np.allclose(chunked.npv, whole.npv, rtol=1e-12) and np.allclose(chunked.net, whole.net, rtol=1e-12)
    assert np.allclose(chunked.by_lever, whole.by_lever, rtol=1e-12) and np.allclose(chunked.people, whole.people)


def test_the_distribution_surrounds_the_deterministic_result(tiny):
    p = certain(tiny)
    plan = prepare(p, {"energy": True})
    mc = risk.monte_carlo(plan, risk.uncertain_inputs(p.book), draws=10_000, seed=1)
    p10, p50, p90 = mc.npv_quantiles()
    assert p10 < run(plan).npv < p90
    # the saving is 800,000 × the energy rate: its P10–P90 follows the rate's (2%–8%, mode 5%, triangular)
    assert p10 / p50 == pytest.approx(0.0334 / 0.05, rel=0.05)
    assert mc.prob_positive == 1.0


def test_tornado_and_break_even(tiny):
    p = certain(tiny)
    inputs = risk.uncertain_inputs(p.book)
    t = risk.tornado(prepare(p, {"energy": True}), inputs).set_index("key")
    # energy only, realised in full at once: the saving depends on the energy rate and on price inflation
    moving = t.loc[t["swing"] > 1e-6].index.tolist()
    assert moving == ["energy_saving_rate", "price_inflation"]
    assert (t.loc["energy_saving_rate", "npv_high"] > t.loc["energy_saving_rate", "base"]
            > t.loc["energy_saving_rate", "npv_low"])
    # the saving is zero only when energy management saves nothing at all; no other factor gets it there
    assert t.loc["energy_saving_rate", "breakeven"] == pytest.approx(0.0, abs=1e-9)
    assert t.drop(index="energy_saving_rate")["breakeven"].isna().all()

    plan = prepare(p, CONVERT)
    t = risk.tornado(plan, inputs).set_index("key")
    # converting 乙楼 cleaning: the new contract's price factor decides it; where is the NPV zero? (a little
    # below the standard price: over three years the saving must also pay the team's compensation)
    x = t.loc["market_price_factor", "breakeven"]
    assert 0.9 < x < 1.0
    med = np.array([u.median for u in inputs])
    med[[u.key for u in inputs].index("market_price_factor")] = x
    assert abs(risk.npv_of(plan, risk._theta(plan, inputs, med[:, None]))[0]) < 1.0  # CNY


def test_sobol_indices_name_the_factor_that_matters(tiny):
    p = certain(tiny)
    s = risk.sobol(prepare(p, {"energy": True}), risk.uncertain_inputs(p.book), n=512).set_index("key")
    assert s.loc["energy_saving_rate", "first"] > 0.9
    assert s.loc["energy_saving_rate", "total"] >= s.loc["energy_saving_rate", "first"] - 0.05
    assert s.drop(index=["energy_saving_rate", "price_inflation"])[["first", "total"]].max().max() < 0.01
    flat = risk.sobol(prepare(p, {}), risk.uncertain_inputs(p.book))
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


def test_a_mode_whose_buildings_never_swing_does_not_drop_a_building_from_the_mean(session):
    # 甲楼 (the only "full" building) budgets exactly what it spends: volatility 0, so the mean of its
    # mode is 0. 乙楼 (self) budgets 1.25× in 2024 and 0.8× in 2025; 丙楼 (mixed) 1.05× and 0.95×.
    city = tiny_city()
    c = city["cost_records"]
    actual = c[["labour", "on_costs", "materials", "management_fee", "tax", "energy", "repairs"]].sum(axis=1)
    factor = {("甲楼", 2024): 1.0, ("甲楼", 2025): 1.0, ("乙楼", 2024): 1.25, ("乙楼", 2025): 0.8}
    c["budget"] = [a * factor.get((b, y), 1.05 if y == 2024 else 0.95)
                   for a, b, y in zip(actual, c["building"], c["year"])]
    p = load_city(session, city)
    # (bringing 甲楼's cleaning in house saves nothing; taken anyway, as the optimiser's options do)
    plan = prepare(p, {"conversions": [{"building": "甲楼", "service": "cleaning", "to": "in_house"}]}, options=True)
    assert plan.conversions["decision"].tolist() == ["accepted"]  # 甲楼 becomes mixed
    v = risk.budget_volatility(p, plan)

    def cv(x, y):  # CV (ddof 1) of actual ÷ budget over two years
        r = np.array([1 / x, 1 / y])
        return r.std(ddof=1) / r.mean()

    self_cv, mixed_cv = cv(1.25, 0.8), cv(1.05, 0.95)  # 0.31044, 0.07089
    assert v.by_mode["full"] == 0 and v.by_mode["self"] == pytest.approx(self_cv)
    assert v.before == pytest.approx((0 + self_cv + mixed_cv) / 3)
    # 甲楼's ratio mixed ÷ full would be ∞ and 0 × ∞ NaN, silently dropping it from the mean
    # ((0.31044 + 0.07089) / 2 = 0.19067). It takes the mixed buildings' mean instead: three buildings
    assert v.after == pytest.approx((mixed_cv + self_cv + mixed_cv) / 3)  # 0.15074
    assert not np.isnan(v.after)
