"""Adopting a plan freezes its forecast; tracking says, to the fen, what the ledger shows it delivered.

A hand-made plan on the tiny city (tests/factories.py), changed so that 丙楼's labour-only cleaning
(contract HT-2, which ends on 2025-12-31) is invoiced 220,000 in 2025 — 25,880 above its capped fee of
2.70 × 6,000 × 12 × 1.05 = 204,120 — and scores 70 in every 2025 assessment (quality below pass: −8%
of its fee). The plan caps fees and applies the quality gate; it is adopted on the 2025 ledger with every
factor certain, so P10 = P50 = P90 = planned. The ledger then records 2026: 丙楼 cleaning invoiced 200,000.
"""
import datetime as dt
import json

import pandas as pd
import pytest

from core.simulation import plans, tracking
from core.store import plan_rows
from tests.core.simulation.test_risk import collapsed
from tests.factories import SYSTEM, certain, gate_city, load_city

LEVERS = {"fee_cap": {"enabled": True}, "quality_gate": True}


def city_with_2026():
    city = gate_city(scores={("丙楼", q): (70.0, 90.0) for q in (1, 2, 3, 4)})
    city["contracts"].loc[city["contracts"]["code"] == "HT-2", "end_date"] = "2025-12-31"
    c = city["cost_records"]
    bing = (c["building"] == "丙楼") & (c["service"] == "cleaning")
    c.loc[bing & (c["year"] == 2025), "labour"] = 220_000.0
    later = c.loc[c["year"] == 2025].assign(year=2026)  # 2026 as 2025, except …
    later.loc[(later["building"] == "丙楼") & (later["service"] == "cleaning"), "labour"] = 200_000.0
    city["cost_records"] = pd.concat([c, later], ignore_index=True)
    return city


def test_tracking_a_hand_made_plan_to_the_fen(session):
    p = load_city(session, city_with_2026())
    at_adoption = certain(collapsed(plans.as_of(p, 2025)))
    plan = plans.adopt(session, p=at_adoption, levers=LEVERS, name="封顶试点", approved_by="局务会",
                       adopted_on=dt.date(2026, 1, 10), actor=SYSTEM, source="test")
    assert (plan.name, plan.version, plan.base_year, plan.first_year, plan.last_year) == ("封顶试点", 1, 2025, 2026, 2030)
    f = plan_rows.forecast(session, plan_id=plan.id)
    items = plan_rows.items(session, plan_id=plan.id)
    # planned for 2026 (the book's wage growth 5%; HT-2 ended, so from January 2026):
    #   fee cap 25,880 × 1.05 = 27,174.00; quality gate 8% of the fee left, 0.08 × 194,120 = 15,529.60,
    #   × 1.05 = 16,306.08
    y26 = f.loc[f["year"] == 2026].set_index("lever")
    assert y26.loc["fee_cap", ["planned", "p10", "p50", "p90"]].tolist() == pytest.approx([27_174.00] * 4)
    assert y26.loc["quality_gate", "planned"] == pytest.approx(16_306.08)
    # the one item it acts on, its 2025 full cost frozen: 220,000 × 1.05 supervision = 231,000 grows with
    # wages, 10,000 materials with prices; the levers' shares of its saving 25,880 : 15,529.60
    assert items[["building", "service", "base_labour", "base_price"]].values.tolist() == [
        ["丙楼", "cleaning", 231_000.0, 10_000.0]]
    shares = json.loads(items["levers"].iloc[0])
    assert shares["fee_cap"] == pytest.approx(25_880 / 41_409.60)

    tr = tracking.track(p, base_year=2025, first_year=2026, last_year=2030, forecast=f, items=items)
    assert tr["year"].unique().tolist() == [2026]  # the ledger has reached 2026 only
    row = tr.set_index("lever")
    # counterfactual 2026: 231,000 × wage index 1.00 (the minimum wage is 2,490 in 2025 and 2026) +
    # 10,000 × 1.02 = 241,200.00; recorded 200,000 × 1.05 + 10,000 = 220,000.00; actual saving 21,200.00
    assert row["actual"].sum() == 21_200.00
    # split 25,880 : 15,529.60 = 0.6249758 : 0.3750242 of 2,120,000 fen → 1,324,948.8 and 795,051.2 →
    # 1,324,948 + 795,051 = 2,119,999: the larger remainder (.8) gets the odd fen → 13,249.49 and 7,950.51
    assert row.loc["fee_cap", "actual"] == 13_249.49 and row.loc["quality_gate", "actual"] == 7_950.51
    assert row.loc["fee_cap", "variance"] == -13_924.51  # 13,249.49 − 27,174.00
    assert row.loc["quality_gate", "variance"] == -8_355.57  # 7,950.51 − 16,306.08
    assert row["below_p10"].all()  # both below the plan's P10 (= planned: every factor certain)


def test_a_revised_plan_is_the_next_version_and_the_first_stays(session):
    p = certain(load_city(session, city_with_2026()))
    first = plans.adopt(session, p=plans.as_of(p, 2025), levers=LEVERS, name="封顶试点", approved_by="局务会",
                        adopted_on=dt.date(2026, 1, 10), actor=SYSTEM, source="test", draws=300)
    second = plans.adopt(session, p=plans.as_of(p, 2025), levers={"fee_cap": True}, name="封顶试点",
                         approved_by="局长办公会", adopted_on=dt.date(2026, 3, 1), actor=SYSTEM, source="test", draws=300)
    assert (first.version, second.version) == (1, 2)
    assert plan_rows.get_plan(session, name="封顶试点").approved_by == "局长办公会"
    assert plan_rows.get_plan(session, name="封顶试点", version=1).approved_by == "局务会"
    listed = plan_rows.list_plans(session)
    assert listed["version"].tolist() == [2, 1] and listed["draws"].tolist() == [300, 300]
    from core.store import db

    with pytest.raises(db.Refused) as refused:
        plans.adopt(session, p=plans.as_of(p, 2025), levers=LEVERS, name=" ", approved_by="x",
                    adopted_on=dt.date(2026, 1, 1), actor=SYSTEM, source="test", draws=300)
    assert refused.value.text("zh") == "计划名称不能为空。"


def test_split_to_the_fen():
    assert tracking.split_fen(100, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert tracking.split_fen(-5, {"a": 0.5, "b": 0.5}) == {"a": -2, "b": -3}
    assert sum(tracking.split_fen(2_119_999 + 1, {"x": 0.624976, "y": 0.375024}).values()) == 2_120_000
