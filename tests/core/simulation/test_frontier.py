"""Efficient frontiers: more weight on the worst cases never buys a worse CVaR, a higher non-cost
floor never a higher expected saving, and saved scenarios are measured the same way."""
import json

import pytest

from core.files import admin
from core.simulation.constraints import Constraints, Settings
from core.simulation.frontier import frontier, highest_score
from core.simulation.options import policy_of
from core.simulation.recommend import recommend

EXAMPLES = {e["name"]: e["levers"] for e in json.loads(admin.EXAMPLE_SCENARIOS.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def front(demo_portfolio):
    rec = recommend(demo_portfolio, policy_of(EXAMPLES["全面整合"]), Constraints(attrition=False),
                    Settings(draws=60, mip_rel_gap=0.002))
    saved = [(n, json.dumps(lv, ensure_ascii=False)) for n, lv in EXAMPLES.items()]
    import pandas as pd

    return rec, frontier(demo_portfolio, rec, pd.DataFrame(saved, columns=["name", "levers"]))


def test_the_risk_frontier_trades_mean_for_the_worst_cases(front):
    rec, f = front
    risk = f.points.loc[f.points["kind"] == "risk"].set_index("setting")
    assert list(risk.index) == [1.0, 0.75, 0.5, 0.25, 0.0] and (risk["status"] == "optimal").all()
    tol = 0.005 * risk["mean"].abs().max()  # the optimiser's approximation, measured by the simulator
    assert risk.at[1.0, "mean"] >= risk.at[0.0, "mean"] - tol
    assert risk.at[0.0, "cvar"] >= risk.at[1.0, "cvar"] - tol
    assert risk.at[1.0, "mean"] == pytest.approx(rec.evaluated.mean, rel=1e-6)  # the same program as the plan


def test_the_noncost_frontier_climbs_to_the_highest_reachable_score(front):
    rec, f = front
    nc = f.points.loc[(f.points["kind"] == "noncost") & (f.points["status"] == "optimal")]
    assert len(nc) >= 1
    assert (nc["noncost"] >= nc["setting"] - 1e-6).all()  # each plan meets its floor
    assert (nc["mean"] <= rec.evaluated.mean + 0.005 * abs(rec.evaluated.mean)).all()
    assert rec.noncost <= highest_score(rec) <= 5


def test_saved_scenarios_sit_beside_the_frontier(front):
    rec, f = front
    assert list(f.saved["name"]) == list(EXAMPLES)
    assert (f.saved["mean"] <= rec.evaluated.mean).all()  # none beats the recommendation on its own ground
    assert f.saved["noncost"].between(1, 5).all()
