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
    tendered = {o.cells.at[c, "service"] for c, to in choice.chosen.items() if to != "in_house"}
    mine = o.constant + o.npv_draws()[list(choice.options)].sum(axis=0) - o.tender * len(tendered)
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
    # its four staff lose their posts in the first year (the city records no types: contract staff)
    j = int(row.name)
    assert o.people[j, TYPES.index("contract"), 0] == 4 and o.people[j].sum() == 4
    # the annual saving at the book's values grows with wages (5 %) from 2025
    assert o.saving[j, 0] == pytest.approx(row["annual0"] * 1.05, rel=0.02)


def test_restricted_cells_cannot_go_outside(demo_portfolio):
    o = value_options(demo_portfolio, {}, draws=20)
    t = o.table.merge(o.cells[["restricted"]], left_on="cell", right_index=True)
    assert (t.loc[t["restricted"] & t["outside"], "status"] == "restricted").all()
    assert not (t.loc[~t["restricted"], "status"] == "restricted").any()
