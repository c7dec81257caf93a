"""Standards lookup and benchmark on the tiny city (see tests/factories.py), checked by hand."""
import pandas as pd
import pytest

from core.domain import standards
from core.views import standards as standards_views


def test_lookup_uses_tier_and_area_band(tiny):
    s = standards.standards_for_arrangements(tiny)
    fee = tiny.standards.set_index(["service", "tier", "area_min_m2"])["fee_per_m2_month"]
    # 甲楼: 10,000 m², tier 2 → band (7,000, 10,000]; 乙楼: 4,000 m², tier 3 → band (3,000, 7,000]
    row = s.loc[(s["service"] == "cleaning") & (s["gross_floor_area_m2"] == 10_000)].iloc[0]
    assert row["standard_per_m2_month"] == fee[("cleaning", 2, 7_000)]
    row = s.loc[(s["service"] == "cleaning") & (s["gross_floor_area_m2"] == 4_000)].iloc[0]
    assert row["standard_per_m2_month"] == fee[("cleaning", 3, 3_000)]
    assert len(s) == len(tiny.arrangements)


def test_benchmark_deviation_and_status(tiny):
    b = standards.benchmark(tiny, 2025, amber=0.10, red=0.25).set_index(["building", "service"])
    std = b.at[("甲楼", "cleaning"), "standard_per_m2_month"]
    # 甲楼 cleaning: 110,000 + 8,800 + 7,128 = 125,928 CNY/yr over 10,000 m² → 1.0494 CNY/m²·month
    assert b.at[("甲楼", "cleaning"), "cost_per_m2_month"] == pytest.approx(125_928 / 10_000 / 12)
    assert b.at[("甲楼", "cleaning"), "deviation_pct"] == pytest.approx((125_928 / 120_000 / std - 1) * 100)
    assert b.at[("甲楼", "cleaning"), "status"] == "green"  # 1.05 against a standard above 2
    # 乙楼 cleaning: 110,000 / 4,000 / 12 = 2.29 per m²·month
    assert b.at[("乙楼", "cleaning"), "cost_per_m2_month"] == pytest.approx(110_000 / 48_000)
    # staffing: 4 workers against the norm's area / m² per worker
    assert b.at[("乙楼", "cleaning"), "norm_staff"] == pytest.approx(4_000 / b.at[("乙楼", "cleaning"), "m2_per_worker"])


def test_status_thresholds_at_their_edges(tiny):
    b = standards.benchmark(tiny, 2025, amber=0.10, red=0.25)
    b = b.loc[b["status"] != "none"]
    dev = b["deviation_pct"] / 100
    assert ((b["status"] == "red") == (dev > 0.25)).all()
    assert ((b["status"] == "amber") == ((dev > 0.10) & (dev <= 0.25))).all()


def test_capped_fee_release_by_hand(tiny):
    b = standards.benchmark(tiny, 2025, amber=0.1, red=0.25)
    release = standards.capped_fee_release(b, tolerance=0.05)
    with_std = b.loc[b["standard_per_m2_month"].notna() & ~b["paid_at_actual"]]  # energy is not a fee
    expected = sum(max(0.0, r.annual_cost - r.standard_per_m2_month * 1.05 * r.gross_floor_area_m2 * 12)
                   for r in with_std.itertuples() if r.delivery != "in_house")
    assert release == pytest.approx(expected)
    # the tiny city's only item above its cap is in house (乙楼 security: 110,000 against 1.98 × 4,000 × 12
    # × 1.05 = 99,792): an in-house team has no fee to cap, so nothing is released
    assert expected == 0 and release == 0
    # nothing is released when the tolerance is huge
    assert standards.capped_fee_release(b, tolerance=100) == 0


def test_every_demo_arrangement_with_a_market_service_has_a_standard(demo_portfolio):
    s = standards.standards_for_arrangements(demo_portfolio)
    priced = s.loc[~s["service"].isin(["canteen", "confidential"])]
    assert priced["standard_per_m2_month"].notna().all()


def test_excess_and_far_below_by_hand(tiny):
    b = standards.benchmark(tiny, 2025, amber=0.10, red=0.25, low=0.50).set_index(["building", "service"])
    # 乙楼 security: standard 1.98 × 4,000 m² × 12 = 95,040 CNY/yr; spent 110,000 → 14,960 above, +15.7% → amber
    assert b.at[("乙楼", "security"), "excess"] == pytest.approx(110_000 - 1.98 * 4_000 * 12)
    assert b.at[("乙楼", "security"), "status"] == "amber"
    # 甲楼 cleaning: standard 2.41 × 10,000 × 12 = 289,200; spent 125,928 → −56.5%: more than 50% below → low
    assert b.at[("甲楼", "cleaning"), "excess"] == pytest.approx(125_928 - 289_200)
    assert b.at[("甲楼", "cleaning"), "status"] == "low"
    # 甲楼 security is 47.8% below: not far enough to flag
    assert b.at[("甲楼", "security"), "status"] == "green"
    # without a low threshold nothing is "low" (the gates and the scorecard rate this way)
    assert "low" not in set(standards.benchmark(tiny, 2025, amber=0.10, red=0.25)["status"])
    assert standards.far_below(b.reset_index())["building"].tolist() == ["甲楼"]


def test_fees_and_items_paid_at_actual_apart(tiny):
    b = standards.benchmark(tiny, 2025, amber=0.10, red=0.25, low=0.50)
    assert set(standards.fees(b)["service"]) == {"cleaning", "security"}
    assert set(standards.at_actual(b)["service"]) == {"energy"}


def _ranked() -> pd.DataFrame:
    """The issue's case: a 202.9 万元 cleaning contract 77 % over its standard, a small repair item 564 % over."""
    return pd.DataFrame({
        "building": ["市行政中心", "群团大楼", "某楼"], "service": ["cleaning", "reception", "greening"],
        "status": ["red", "red", "amber"], "deviation_pct": [76.7, 563.5, 12.0],
        # excess = cost − standard: 2,028,770 − 2,028,770 / 1.767 ≈ 880,370; 115,940 − 115,940 / 6.635 ≈ 98,466
        "excess": [880_370.0, 98_466.0, 5_000.0], "paid_at_actual": [False, False, False]})


def test_outliers_rank_by_money_as_well_as_by_percentage():
    by_money = standards.outliers(_ranked(), by="money")
    assert by_money["building"].tolist() == ["市行政中心", "群团大楼", "某楼"]  # 88.0 万元 before 9.8 万元
    by_pct = standards.outliers(_ranked(), by="pct")
    assert by_pct["building"].tolist() == ["群团大楼", "市行政中心", "某楼"]  # +564% before +77%
    ranks = by_money.set_index("building")[["rank_money", "rank_pct"]]
    assert ranks.loc["市行政中心"].tolist() == [1, 2] and ranks.loc["群团大楼"].tolist() == [2, 1]
    with pytest.raises(ValueError, match="rank outliers by"):
        standards.outliers(_ranked(), by="size")


def test_demo_outliers_by_money_first_the_big_cleaning_contract(demo_portfolio):
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25)
    fees = standards.outliers(standards.fees(b), by="money")
    assert set(fees["status"]) <= {"red", "amber"} and not fees["paid_at_actual"].any()
    assert len(fees) == ((b["deviation_pct"] > 10) & ~b["paid_at_actual"]).sum()
    assert fees["excess"].is_monotonic_decreasing
    first = fees.iloc[0]
    # 164.1 万元 a year, +43 % over its standard: 49.3 万元 above (the cleaning lot of the 2023 plan)
    assert (first["building"], first["service"]) == ("市行政中心", "cleaning")
    assert round(first["annual_cost"] / 1e4, 1) == 164.1 and round(first["excess"] / 1e4, 1) == 49.3
    # the +564% repair item is paid at actual: listed apart, never in the fee ranking
    repairs = standards.outliers(standards.at_actual(b), by="pct").iloc[0]
    assert repairs["service"] == "repairs" and round(repairs["deviation_pct"]) == 564


def test_status_counts_and_table(tiny):
    b = standards.benchmark(tiny, 2025, amber=0.10, red=0.25, low=0.50)
    counts = standards.status_counts(b)
    assert list(counts) == ["red", "amber", "green", "low", "none"] and sum(counts.values()) == len(b)
    assert counts["low"] == 1 and counts["amber"] == 1
    t = standards.standards_table(b)
    assert t.columns.tolist() == ["building", "service", "cost_per_m2_month", "standard_per_m2_month",
                                  "deviation_pct", "status"]


TH = standards_views.Thresholds(amber=0.10, red=0.25, low=0.50, tolerance=0.05)


def test_exhibits_of_the_demo_city(demo_portfolio):
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25, low=0.50)
    ex = standards_views.standards_exhibits(demo_portfolio, b, "en", TH)
    assert list(ex) == ["standards-map", "standards-outliers", "standards-outliers-pct", "standards-at-actual",
                        "standards-far-below", "standards-staffing"]
    counts = standards.status_counts(standards.fees(b))
    assert f"{counts['red']} fees red and {counts['amber']} amber" in ex["standards-map"].takeaway
    over = ex["standards-outliers"].data
    assert len(over) == counts["red"] + counts["amber"]
    assert "(paid at actual)" not in " ".join(over["Service"])  # energy and repairs are listed apart
    assert over["Rank: money"].tolist() == list(range(1, len(over) + 1))
    by_pct = ex["standards-outliers-pct"].data
    assert by_pct["Rank: %"].tolist() == list(range(1, len(over) + 1))
    assert set(ex["standards-at-actual"].data["Service"]) <= {"Energy", "Building repairs"}
    release = standards.capped_fee_release(b, tolerance=0.05)
    assert dict(ex["standards-map"].key_figures)["Released by capping fees"] == f"CNY {release / 1e6:,.2f} m a year"
    assert dict(ex["standards-map"].key_figures)["Red fees"] == f"{counts['red']} items"  # every count with its unit
    assert len(ex["standards-staffing"].data) == ((b["staff"] > 0) & b["norm_staff"].notna()).sum()


def test_one_rounding_for_every_figure(demo_portfolio):
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25, low=0.50)
    ex = standards_views.standards_exhibits(demo_portfolio, b, "zh", TH)["standards-outliers"]
    data, bars = ex.data, ex.figure.data[0]
    # the bar is the table's 超出标准 figure, its label the table's two figures: "+49.3 万元 · +43%"
    assert list(bars.x) == data["超出标准（万元/年）"].head(20).tolist()
    first = data.iloc[0]
    assert bars.text[0] == f"{first['超出标准（万元/年）']:+,.1f} 万元 · {first['偏离标准（%）']:+.0f}%" == "+49.3 万元 · +43%"
    assert "市行政中心 · 保洁（49.3 万元/年，+43%）" in ex.takeaway


def test_far_below_is_amber_not_green(demo_portfolio):
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25, low=0.50)
    ex = standards_views.standards_exhibits(demo_portfolio, b, "zh", TH)
    low = ex["standards-far-below"]
    assert low.data["偏离标准（%）"].max() < -50 and set(low.data["预警"]) == {"黄色（远低于标准）"}
    assert "人社民政大楼 · 房屋维修（按实支付），低于标准 93%" in low.takeaway
    heat = ex["standards-map"].figure
    assert any("可能服务不到位" in (tr.name or "") for tr in heat.data)  # the legend says what amber below means


def test_the_standards_section_of_the_meeting_pack(demo_portfolio):
    from core.sharing import pack
    from core.views.exhibits import PackOptions

    assert pack.SECTIONS["standards"].title_key == "page.standards"
    content = standards_views.standards_section(demo_portfolio, "zh", PackOptions())
    assert [e.key for e in content.exhibits] == ["standards-map", "standards-outliers", "standards-at-actual",
                                                 "standards-far-below", "standards-staffing"]
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25)
    counts = standards.status_counts(standards.fees(b))
    assert dict(content.key_figures)["2025 年收费项目红色预警"] == f"{counts['red']} 项"
    assert content.assumptions == ("std_amber_pct", "std_red_pct", "std_low_pct", "fee_cap_tolerance")


def test_staffing_counts_whole_workers(demo_portfolio):
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25, low=0.50)
    staffing = standards_views.standards_exhibits(demo_portfolio, b, "en", TH)["standards-staffing"]
    s = b.loc[b["norm_staff"].notna() & (b["staff"] > 0)]
    # a norm of 0.4 workers still means one worker: only staff above the norm rounded up count
    whole = s["norm_staff"].apply(lambda x: max(1, -(-x // 1)))
    above = s.loc[s["staff"] > whole]
    assert dict(staffing.key_figures)["Services above the staffing norm"] == f"{len(above)} / {len(s)} items"
    assert dict(staffing.key_figures)["Workers above the norm"] == f"{(above['staff'] - whole[above.index]).sum():,.0f} workers"
