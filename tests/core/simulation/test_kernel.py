"""The evaluation kernel: a plan compiled into slots and placed on the calendar. The Monte Carlo's totals
are the by-channel results added up, and its shortcuts (a pair's share worked out only in the years the
slips make partial, a table read only where it changes) give what the plain array formulas give."""
import json

import numpy as np
import pytest

from core.files import admin
from core.simulation import calendar, kernel, risk, slots
from core.simulation.model import evaluate, totals
from core.simulation.plan import base_items, prepare


@pytest.fixture(scope="module")
def everything(demo_portfolio):
    """The demo's 全面整合 (every lever: tables, bundling's curve, ramps, attrition, one-time costs)."""
    levers = {e["name"]: e["levers"] for e in json.loads(admin.EXAMPLE_SCENARIOS.read_text(encoding="utf-8"))}
    return levers["全面整合"], base_items(demo_portfolio)


def close(a, b):
    return np.allclose(a, b, rtol=1e-12, atol=1e-6)  # [CNY, persons]


@pytest.mark.parametrize("by", ["scope", "building"])
def test_the_totals_are_the_channels_added_up(demo_portfolio, everything, by):
    levers, items = everything
    plan = prepare(demo_portfolio, levers, items, by=by)
    theta = risk.sample(plan, risk.uncertain_inputs(demo_portfolio.book), 400, np.random.default_rng(3))
    d, t = evaluate(plan, theta), totals(plan, theta)
    assert close(t.by_lever, d.by_lever.sum(axis=1)) and close(t.lever_saving, d.lever_saving)
    assert close(t.one_time, d.one_time) and close(t.net, d.net) and close(t.npv, d.npv)
    assert close(t.people, d.people.sum(axis=(1, 2))) and close(t.hurdle_npv, d.hurdle_npv)
    assert np.array_equal(t.beats, d.beats)
    # by building the totals layout merges what lands in one total: fewer slots than channels in use
    assert slots.program(plan, totals=True).size < slots.program(plan).size or by == "scope"


def test_the_shortcuts_give_what_the_array_formulas_give(demo_portfolio, everything, monkeypatch):
    levers, items = everything
    plan = prepare(demo_portfolio, levers, items)
    theta = risk.sample(plan, risk.uncertain_inputs(demo_portfolio.book), 2_000, np.random.default_rng(8))
    fast, fast_d = totals(plan, theta), evaluate(plan, theta)
    monkeypatch.setattr(kernel, "LOOP_SLOTS", -1)  # every spread, table and sum as one array operation
    plain, plain_d = totals(plan, theta), evaluate(plan, theta)
    for name in ("by_lever", "lever_saving", "one_time", "people", "net", "npv", "hurdle_npv"):
        assert close(getattr(fast, name), getattr(plain, name)), name
    assert close(fast_d.by_lever, plain_d.by_lever) and close(fast_d.transition, plain_d.transition)
    assert close(fast_d.people, plain_d.people)


def test_a_pair_is_spread_only_over_the_years_its_draws_reach():
    v = np.array([10.0, 20.0, 40.0])  # three draws of one flow
    d = np.array([0.25, 0.5, 1.75])  # its lever's slip [years]; onset 0.5: t = 0.75, 1.0, 2.25
    out = np.zeros((4, 3))
    kernel._by_year(out, v, 0.5, d, True, np.empty(3), 0.75, 2.25)
    # a step: year 0 has 1 − t of it, years after t all of it
    assert out.T.tolist() == [[2.5, 10, 10, 10], [0, 20, 20, 20], [0, 0, 30, 40]]
    out = np.zeros((2, 3))
    kernel._by_year(out, v, -1.0, d, False, np.empty(3), -0.75, 0.75)
    # an event at t = −0.75, −0.5 (before the first year: not counted) and 0.75 (year 0)
    assert out.T.tolist() == [[0, 0], [0, 0], [40, 0]]


def test_a_ramp_integrates_its_share_of_each_year():
    t = np.array([0.5, 0.5, 2.2, -1.0, 0.3])
    r = np.array([2.0, np.inf, 0.1, 0.5, 1e-12])
    share = calendar.ramp_share(t, r, 4)
    # from 0.5 over 2 years: 2026 ∫ from 0.5 to 1 of (x − 0.5)/2 = 0.0625; 2027 0.5; 2028 0.9375; then 1
    assert share[:, 0].tolist() == pytest.approx([0.0625, 0.5, 0.9375, 1.0])
    assert share[:, 1].tolist() == [0, 0, 0, 0]  # a ramp that never ends (no attrition at all)
    # from 2.2 over 0.1: 2028 has 0.7 after the ramp and 0.05 on it
    assert share[:, 2].tolist() == pytest.approx([0, 0, 0.75, 1.0])
    assert share[:, 3].tolist() == [1, 1, 1, 1]  # began and ended before the first year
    assert share[:, 4].tolist() == pytest.approx([0.7, 1, 1, 1])  # no length: a step at 0.3
    for ti, ri in ((0.37, 1.3), (1.9, 0.45), (0.0, 3.7)):  # and against a numerical integral
        years = [np.linspace(k, k + 1, 100_001) for k in range(4)]
        each = [np.trapezoid(np.clip((x - ti) / ri, 0, 1), x) for x in years]
        assert calendar.ramp_share(np.array([ti]), np.array([ri]), 4)[:, 0] == pytest.approx(each, abs=1e-9)


def test_the_monte_carlo_draws_what_sample_draws(demo_portfolio, everything):
    levers, items = everything
    plan = prepare(demo_portfolio, levers, items)
    inputs = risk.uncertain_inputs(demo_portfolio.book)
    mc = risk.monte_carlo(plan, inputs, draws=1_500, seed=5)
    t = totals(plan, risk.sample(plan, inputs, 1_500, np.random.default_rng(5)))
    assert np.array_equal(mc.npv, t.npv) and np.array_equal(mc.by_lever, t.by_lever)
