"""Non-cost criteria: the shipped scores, their checks, the weighted score of a cell and of a plan, and
the store's scores (which an admin edits) as the ones a recommended plan is scored on."""
import numpy as np
import pandas as pd
import pytest
from sqlmodel import Session

from core.files import editor
from core.simulation.constraints import Constraints, Limit, Settings
from core.simulation.criteria import CRITERIA, Weights, cell_scores, plan_score, read_scores
from core.simulation.recommend import recommend
from core.store import repo
from tests.factories import person

SHIPPED = read_scores()


def test_every_service_with_a_delivery_is_scored_as_an_assumption():
    s = SHIPPED
    assert len(s) == 10 * 3  # ten services with a delivery × in-house, labour-only, contracted
    assert set(s["basis"]) == {"assumption"} and s["source"].str.contains("Delivery Model Assessment").all()
    assert s[list(CRITERIA)].to_numpy().min() >= 1 and s[list(CRITERIA)].to_numpy().max() <= 5


def test_a_cell_score_is_the_weighted_mean():
    # property management in house scores 5, 5, 3, 4, 5, 3: equal weights → 25 / 6
    svc, dlv = pd.Series(["property_mgmt"]), pd.Series(["in_house"])
    assert cell_scores(svc, dlv, Weights(), SHIPPED)[0] == pytest.approx(25 / 6)
    only_control = Weights(**{c: (1.0 if c == "control" else 0.0) for c in CRITERIA})
    assert cell_scores(svc, dlv, only_control, SHIPPED)[0] == 5.0
    assert np.isnan(cell_scores(pd.Series(["energy"]), pd.Series(["in_house"]), Weights(), SHIPPED)[0])
    assert np.isnan(cell_scores(svc, dlv, Weights(), SHIPPED.iloc[0:0])[0])  # a store without scores scores nothing


def test_a_plan_score_weighs_cells_by_cost():
    # scores 4 and 2 on costs 3 and 1: (12 + 2) / 4 = 3.5; an unscored cell is left out
    assert plan_score(np.array([4.0, 2.0, np.nan]), np.array([3.0, 1.0, 9.0])) == pytest.approx(3.5)


def test_a_bad_scores_file_is_refused_with_its_row(tmp_path):
    good = SHIPPED.copy()
    bad = good.copy()
    bad.loc[3, "quality"] = 7
    path = tmp_path / "scores.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match="row 5: quality must lie between 1 and 5"):
        read_scores(path)
    bad = pd.concat([good, good.iloc[[0]]])
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError, match="scored twice"):
        read_scores(path)


def test_an_admins_edit_changes_the_recommended_plans_noncost_score(tiny, engine):
    """The tiny city (tests/factories.py): six cells, 甲楼's two contracted at 125,928 CNY a year, the
    other four at 110,000; 691,856 in all. Scored on cost alone the plan moves 乙楼's cleaning and
    security and 丙楼's security to labour-only, so two of its cells are security delivered labour-only
    (乙楼 and 丙楼, 220,000). An admin raises that delivery's control score from 4 to 5: each of the two
    cells' score rises by 1/6 (equal weights), the plan's by 1/6 × 220,000 / 691,856 = 0.0530; today's
    score (no security delivered labour-only) does not move."""
    policy = {"unified_management": True, "fee_cap": True, "quality_gate": True, "energy": True}
    rules = Constraints(attrition=False, contract_ends=False, vendor_quality=Limit(enabled=False))
    settings = Settings(draws=30, bundle=False, pool=False)
    before = recommend(tiny, policy, rules, settings, Weights())
    assert before.choice is not None and before.choice.chosen == {2: "labour_only", 3: "labour_only", 5: "labour_only"}
    loaded = editor.load_table(engine, "noncost_criteria")
    grid = editor.editor_frame(loaded, "noncost_criteria", "en")
    i = loaded.index[(loaded["service"] == "security") & (loaded["delivery"] == "labour_only")][0]
    assert grid.loc[i, "control"] == 4
    grid.loc[i, "control"] = 5
    assert editor.save_edit(engine, table="noncost_criteria", loaded=loaded, edited=grid, actor=person("管理员"),
                            lang="en", confirmed=True).written
    with Session(engine) as s:
        edited = repo.load_portfolio(s)
    after = recommend(edited, policy, rules, settings, Weights())
    assert after.choice is not None and after.choice.chosen == before.choice.chosen  # cost alone chose it
    assert after.noncost - before.noncost == pytest.approx(1 / 6 * 220_000 / 691_856)  # 0.0530
    assert after.noncost_now == pytest.approx(before.noncost_now)
