"""Weighted quality scores: criteria that do not apply drop out and the weights rescale."""
import dataclasses

import pandas as pd
import pytest

from core.domain import quality


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
    fake = dataclasses.replace(p, assessments=row)
    s = quality.building_scores(fake)
    assert s["score"].iloc[0] == pytest.approx((0.15 * 80 + 0.10 * 90) / 0.25)  # = 84


def test_every_demo_assessment_has_a_score(demo_portfolio):
    s = quality.building_scores(demo_portfolio)
    assert s["score"].between(0, 100).all() and len(s) == len(demo_portfolio.assessments)


def test_custom_weights(demo_portfolio):
    only_cleaning = pd.Series({c: 1.0 if c == "cleaning" else 0.0 for c in quality.CRITERIA})
    s = quality.building_scores(demo_portfolio, only_cleaning)
    assert s["score"].tolist() == pytest.approx(demo_portfolio.assessments["cleaning"].tolist())


# --- the quality gate: bands, the replacement flag, vendor scores and the fee adjustment ----------
BANDS = quality.Bands(excellent_min=95, excellent_adj=0.02, good_min=85, good_adj=0.0, fair_min=75, fair_adj=-0.03,
                      poor_adj=-0.08)


def test_bands_come_from_the_book(demo_portfolio):
    assert quality.Bands.from_book(demo_portfolio.book) == BANDS


@pytest.mark.parametrize(("score", "band", "adj"), [
    (100, "excellent", 0.02), (95, "excellent", 0.02), (94.99, "good", 0.0), (85, "good", 0.0),
    (84.99, "fair", -0.03), (75, "fair", -0.03), (74.99, "poor", -0.08), (0, "poor", -0.08),
    (float("nan"), "none", 0.0),
])
def test_bands_at_their_edges(score, band, adj):
    s = pd.Series([score])
    assert quality.band_of(s, BANDS).iloc[0] == band
    assert quality.band_adjustment(s, BANDS).iloc[0] == pytest.approx(adj)


def scores(*points):
    """A vendor's quarterly scores: (year, quarter, score) each."""
    return pd.DataFrame([(1, y, q, v) for y, q, v in points], columns=["vendor_id", "year", "quarter", "score"])


def test_flagged_after_exactly_two_consecutive_low_quarters():
    s = scores((2025, 1, 80), (2025, 2, 80), (2025, 3, 74), (2025, 4, 72))
    assert quality.low_streak(s, 75)[1] == 2
    assert quality.replacement_flags(s, 75)[1]


def test_not_flagged_after_one_low_quarter():
    s = scores((2025, 1, 80), (2025, 2, 80), (2025, 3, 80), (2025, 4, 72))
    assert quality.low_streak(s, 75)[1] == 1
    assert not quality.replacement_flags(s, 75)[1]


def test_a_gap_or_a_recovery_ends_the_streak():
    gap = scores((2024, 4, 70), (2025, 2, 70))  # 2025Q1 not assessed: not consecutive
    assert not quality.replacement_flags(gap, 75)[1]
    recovered = scores((2025, 2, 70), (2025, 3, 70), (2025, 4, 80))  # the latest quarter is fine
    assert not quality.replacement_flags(recovered, 75)[1]
    at_the_line = scores((2025, 3, 75), (2025, 4, 75))  # 75 is not below 75
    assert not quality.replacement_flags(at_the_line, 75)[1]
    across_years = scores((2024, 4, 70), (2025, 1, 70))
    assert quality.replacement_flags(across_years, 75)[1]


def gate_portfolio(session, **kw):
    from tests.factories import gate_city, load_city

    return load_city(session, gate_city(**kw))


def test_vendor_scores_follow_the_contracts(session):
    # 甲楼: cleaning 96, public order 90 (both 甲物业公司, HT-1); 丙楼: cleaning 80 (甲物业公司, HT-2),
    # public order 70 (in-house). Equal weights 0.15: vendor = (96 + 90 + 80) / 3 = 88.67
    sc = {(b, q): v for q in (1, 2, 3, 4) for b, v in (("甲楼", (96.0, 90.0)), ("丙楼", (80.0, 70.0)))}
    p = gate_portfolio(session, scores=sc)
    v = quality.vendor_quarter_scores(p)
    assert len(v) == 4 and v["score"].tolist() == pytest.approx([(96 + 90 + 80) / 3] * 4)
    assert v["buildings"].tolist() == [2] * 4
    r = quality.vendor_ranking(p).set_index("vendor")
    assert r.at["甲物业公司", "score_mean"] == pytest.approx(88.667, abs=1e-3)
    assert pd.isna(r.at["乙保洁公司", "score_mean"]) and not r.at["乙保洁公司", "flagged"]


def test_scores_before_a_contract_began_are_not_the_vendors(session):
    from tests.factories import gate_city, load_city

    city = gate_city()
    city["contracts"].loc[1, "start_date"] = "2025-07-01"  # HT-2 (丙楼 cleaning) starts in the third quarter
    p = load_city(session, city)
    cs = quality.criterion_scores(p)
    ht2 = cs.loc[(cs["building_id"] == 3) & (cs["criterion"] == "cleaning")].set_index("quarter")["counts"]
    assert ht2.to_dict() == {1: False, 2: False, 3: True, 4: True}
    inhouse = cs.loc[(cs["building_id"] == 3) & (cs["criterion"] == "public_order"), "counts"]
    assert inhouse.all()  # an in-house team is always its own


def test_fee_adjustment_per_arrangement_by_hand(session):
    # 甲楼 cleaning 96 → excellent, +2% of its fee 125,928 (contracted: the whole ledger) = +2,518.56
    # 丙楼 cleaning 80 → pass, -3% of 100,000 (labour-only: 110,000 less 10,000 of agency materials)
    sc = {(b, q): v for q in (1, 2, 3, 4) for b, v in (("甲楼", (96.0, 90.0)), ("丙楼", (80.0, 70.0)))}
    p = gate_portfolio(session, scores=sc)
    f = quality.fee_adjustments(p, 2025).merge(
        p.buildings[["id", "name"]].rename(columns={"id": "building_id"})).set_index(["name", "service"])
    assert f.at[("甲楼", "cleaning"), "band"] == "excellent"
    assert f.at[("甲楼", "cleaning"), "effect"] == pytest.approx(0.02 * 125_928)
    assert f.at[("甲楼", "security"), "effect"] == 0  # 90: good, no adjustment
    assert f.at[("丙楼", "cleaning"), "fee"] == pytest.approx(100_000)
    assert f.at[("丙楼", "cleaning"), "effect"] == pytest.approx(-3_000)
    # in-house and paid-at-actual items carry no fee, so no effect, whatever their score
    assert f.at[("丙楼", "security"), "band"] == "poor" and f.at[("丙楼", "security"), "effect"] == 0
    assert f.at[("甲楼", "energy"), "fee"] == 0 and f.at[("甲楼", "energy"), "band"] == "none"
    assert f["effect"].sum() == pytest.approx(2_518.56 - 3_000)
    # another year has no assessments: no adjustment at all
    assert (quality.fee_adjustments(p, 2024)["adjustment"] == 0).all()


def test_demo_declining_vendor_is_flagged_and_only_it(demo_portfolio):
    r = quality.vendor_ranking(demo_portfolio)
    assert r.loc[r["flagged"], "vendor"].tolist() == ["净源环境服务有限公司"]
    b = quality.building_ranking(demo_portfolio)
    assert b["score_mean"].notna().all() and b["score_mean"].is_monotonic_decreasing
