"""Every option valued from the savings model: added up, they are the simulator's NPV to the yuan."""
import json

import numpy as np
import pytest

from core.files import admin
from core.simulation.model import evaluate
from core.simulation.options import TYPES, policy_of, value_options
from core.simulation.plan import base_items, prepare
from core.simulation.recommend import greedy

EXAMPLES = {e["name"]: e["levers"] for e in json.loads(admin.EXAMPLE_SCENARIOS.read_text(encoding="utf-8"))}


def test_policy_levers_leave_the_decisions_out():
    lv = policy_of(EXAMPLES["全面整合"])
    assert lv.enabled() == ("unified_management", "fee_cap", "energy", "quality_gate")
    assert not lv.conversions and not lv.bundling and not lv.staff_pooling and lv.convert_rule is None


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_options_add_up_to_the_simulator_draw_by_draw(demo_portfolio, name):
    # the policy levers alone (the simulator's own figure) plus each chosen option, less a tender per
    # service a vendor takes over, is the simulator's NPV of the plan in every draw
    items = base_items(demo_portfolio)
    o = value_options(demo_portfolio, EXAMPLES[name], draws=50, items=items)
    choice = greedy(o)
    assert len(choice.chosen) >= 10
    lv = o.levers(choice.chosen, {}, False)
    plan = prepare(demo_portfolio, lv, items)
    assert set(plan.conversions["decision"]) == {"accepted"}  # the greedy plan meets the simulator's rules
    # one tender per service a vendor takes over, at its earliest conversion's onset
    t = o.table
    first: dict[str, int] = {}
    for j in choice.options:
        if t.at[j, "outside"]:
            first[t.at[j, "service"]] = min(first.get(t.at[j, "service"], 10**6), int(t.at[j, "onset"]))
    tenders = sum((o.tender[m] for m in first.values()), np.zeros(o.draws))
    mine = o.constant + o.npv_draws()[list(choice.options)].sum(axis=0) - tenders
    np.testing.assert_allclose(mine, evaluate(plan, o.theta).npv, rtol=1e-10)


def test_an_option_by_hand(tiny):
    # 乙楼 cleaning, in house: 4 staff, wages 100,000, materials 10,000 (tests/factories.py).
    # Today: 100,000 × 1.32 (on-costs) × 1.12 (overhead) + 10,000 = 157,840 a year.
    # Labour-only: 2 workers at the norm (4,000 m²) × 25,000 × 1.32 × 1.08 × 1.06 × 1.05 (on-costs,
    # vendor fee, VAT, supervision) + 10,000 = 50,000 × 1.5866928 + 10,000 = 89,334.64.
    # Saving 68,505.36 a year; the differential is 10 % × 100,000 × 1.32 = 13,200.
    o = value_options(tiny, {"fee_cap": False}, draws=20)
    row = o.table.loc[(o.table["building"] == "乙楼") & (o.table["service"] == "cleaning")
                      & (o.table["to"] == "labour_only")].iloc[0]
    assert row["saving0"] == pytest.approx(68_505.36)
    assert 0.10 * row["hurdle_base"] == pytest.approx(13_200.0)
    assert row["status"] == "ok" and row["effect_year"] == 2026
    # its four staff count as contract staff (the city records no types), 5 % of them protected
    # (art. 42): 3.8 released in 2026; 0.2 go by attrition at 0.2 × (3 % + 10 % redeployed) = 0.026 a
    # year, in 2026 from the conversion's start: 3 months' delay plus the expected roll-over of a failed
    # tender (10 %: 2 months × 0.1 / 0.9 = 0.22 months), so 0.2685 years in: (1 − 0.2685) × 0.026 = 0.019018
    j = int(row.name)
    c, e = TYPES.index("contract"), TYPES.index("established")
    assert o.people[j, c, 0] == pytest.approx(3.8)
    assert o.people[j, e, 0] == pytest.approx(0.019018, abs=1e-6) and o.people[j, e, 1] == pytest.approx(0.026)
    # one-time costs in 2026: compensation 3.8 × 25,000 / 12 × 5 months × 1.05 (wages in 2026) = 41,562.50;
    # a month's hand-over of today's cost: 147,840 / 12 × 1.05 + 10,000 / 12 × 1.02 = 13,786.00
    assert o.one_time[j, 0] == pytest.approx(41_562.50 + 13_786.00)
    assert (o.one_time[j, 1:] == 0).all()


def test_restricted_cells_cannot_go_outside(demo_portfolio):
    o = value_options(demo_portfolio, {}, draws=20)
    t = o.table.merge(o.cells[["restricted"]], left_on="cell", right_index=True)
    assert (t.loc[t["restricted"] & t["outside"], "status"] == "restricted").all()
    assert not (t.loc[~t["restricted"], "status"] == "restricted").any()


def test_the_decision_figures_are_the_simulators(demo_portfolio):
    # the vectorised figures equal core.simulation.conversions' row by row
    from core.simulation.conversions import differential, new, old
    from core.simulation.options import decision_figures
    from core.simulation.plan import INPUT_INDEX

    o = value_options(demo_portfolio, {}, draws=20)
    v = dict(zip(INPUT_INDEX, o.base.theta0))
    c = o.cells.loc[o.table["cell"]].reset_index(drop=True)
    saving, unit = decision_figures(c, o.table["to"].to_numpy(), v)
    rows = list(c.iterrows())
    expected = np.array([old(r, v) - new(r, to, v) for (_, r), to in zip(rows, o.table["to"])])
    np.testing.assert_allclose(saving, expected, rtol=1e-12, equal_nan=True)
    hurdle = v["hurdle_rate"]
    np.testing.assert_allclose(hurdle * unit, [differential(r, to, v) for (_, r), to in zip(rows, o.table["to"])],
                               rtol=1e-12)
