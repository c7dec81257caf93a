"""Non-cost criteria: the shipped scores, their checks, the weighted score of a cell and of a plan."""
import numpy as np
import pandas as pd
import pytest

from core.simulation.criteria import CRITERIA, Weights, cell_scores, default_scores, plan_score, read_scores


def test_every_service_with_a_delivery_is_scored_as_an_assumption():
    s = default_scores()
    assert len(s) == 10 * 3  # ten services with a delivery × in-house, labour-only, contracted
    assert set(s["basis"]) == {"assumption"} and s["source"].str.contains("Delivery Model Assessment").all()
    assert s[list(CRITERIA)].to_numpy().min() >= 1 and s[list(CRITERIA)].to_numpy().max() <= 5


def test_a_cell_score_is_the_weighted_mean():
    # property management in house scores 5, 5, 3, 4, 5, 3: equal weights → 25 / 6
    svc, dlv = pd.Series(["property_mgmt"]), pd.Series(["in_house"])
    assert cell_scores(svc, dlv, Weights())[0] == pytest.approx(25 / 6)
    only_control = Weights(**{c: (1.0 if c == "control" else 0.0) for c in CRITERIA})
    assert cell_scores(svc, dlv, only_control)[0] == 5.0
    assert np.isnan(cell_scores(pd.Series(["energy"]), pd.Series(["in_house"]), Weights())[0])


def test_a_plan_score_weighs_cells_by_cost():
    # scores 4 and 2 on costs 3 and 1: (12 + 2) / 4 = 3.5; an unscored cell is left out
    assert plan_score(np.array([4.0, 2.0, np.nan]), np.array([3.0, 1.0, 9.0])) == pytest.approx(3.5)


def test_a_bad_scores_file_is_refused_with_its_row(tmp_path):
    good = default_scores().drop(columns=[]).copy()
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
