"""Weighted quality scores: criteria that do not apply drop out and the weights rescale."""
import pandas as pd
import pytest

from core import quality


def test_weights_come_from_the_book_and_sum_to_one(demo_portfolio):
    w = quality.weights(demo_portfolio.book)
    assert list(w.index) == list(quality.CRITERIA)
    assert w.sum() == pytest.approx(1)
    assert w["greening"] == pytest.approx(0.10)  # the book's weights already sum to one


def test_building_score_rescales_missing_criteria(demo_portfolio):
    p = demo_portfolio
    row = p.assessments.iloc[[0]].copy()
    for c in quality.CRITERIA:
        row[c] = None
    row["cleaning"], row["greening"] = 80.0, 90.0  # weights 0.15 and 0.10
    fake = type(p)(**{**p.__dict__, "assessments": row})
    s = quality.building_scores(fake)
    assert s["score"].iloc[0] == pytest.approx((0.15 * 80 + 0.10 * 90) / 0.25)  # = 84


def test_every_demo_assessment_has_a_score(demo_portfolio):
    s = quality.building_scores(demo_portfolio)
    assert s["score"].between(0, 100).all() and len(s) == len(demo_portfolio.assessments)


def test_custom_weights(demo_portfolio):
    only_cleaning = pd.Series({c: 1.0 if c == "cleaning" else 0.0 for c in quality.CRITERIA})
    s = quality.building_scores(demo_portfolio, only_cleaning)
    assert s["score"].tolist() == pytest.approx(demo_portfolio.assessments["cleaning"].tolist())
