"""Standards lookup and benchmark on the tiny city (see tests/factories.py), checked by hand."""
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


def test_outliers_red_first_then_largest(demo_portfolio):
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25)
    out = standards.outliers(b)
    assert set(out["status"]) <= {"red", "amber"}
    assert len(out) == (b["deviation_pct"] > 10).sum()
    ranks = out["status"].map({"red": 0, "amber": 1})
    assert ranks.is_monotonic_increasing
    reds = out.loc[out["status"] == "red", "deviation_pct"]
    assert reds.is_monotonic_decreasing


def test_status_counts_and_table(tiny):
    b = standards.benchmark(tiny, 2025, amber=0.10, red=0.25)
    counts = standards.status_counts(b)
    assert list(counts) == ["red", "amber", "green", "none"] and sum(counts.values()) == len(b)
    t = standards.standards_table(b)
    assert t.columns.tolist() == ["building", "service", "cost_per_m2_month", "standard_per_m2_month",
                                  "deviation_pct", "status"]


def test_exhibits_of_the_demo_city(demo_portfolio):
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25)
    heat, over, staffing = standards_views.standards_exhibits(demo_portfolio, b, "en", amber=0.10, red=0.25,
                                                        tolerance=0.05)
    counts = standards.status_counts(b)
    assert f"{counts['red']} are red" in heat.takeaway
    assert len(over.data) == counts["red"] + counts["amber"]
    assert "(paid at actual)" in " ".join(over.data["Service"])  # energy and repairs are marked
    release = standards.capped_fee_release(b, tolerance=0.05)
    assert dict(heat.key_figures)["Released by capping fees"] == f"CNY {release / 1e6:,.2f} m"
    assert len(staffing.data) == ((b["staff"] > 0) & b["norm_staff"].notna()).sum()


def test_the_standards_section_of_the_meeting_pack(demo_portfolio):
    from core.sharing import pack
    from core.views.exhibits import PackOptions

    assert pack.SECTIONS["standards"].title_key == "page.standards"
    content = standards_views.standards_section(demo_portfolio, "zh", PackOptions())
    assert [e.key for e in content.exhibits] == ["standards-map", "standards-outliers", "standards-staffing"]
    counts = standards.status_counts(standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25))
    assert dict(content.key_figures)["2025 年红色预警"] == str(counts["red"])
    assert content.assumptions == ("std_amber_pct", "std_red_pct", "fee_cap_tolerance")


def test_staffing_counts_whole_workers(demo_portfolio):
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25)
    staffing = standards_views.standards_exhibits(demo_portfolio, b, "en", amber=0.1, red=0.25, tolerance=0.05)[2]
    s = b.loc[b["norm_staff"].notna() & (b["staff"] > 0)]
    # a norm of 0.4 workers still means one worker: only staff above the norm rounded up count
    whole = s["norm_staff"].apply(lambda x: max(1, -(-x // 1)))
    above = s.loc[s["staff"] > whole]
    assert dict(staffing.key_figures)["Services above the staffing norm"] == f"{len(above)} / {len(s)}"
    assert dict(staffing.key_figures)["Workers above the norm"] == f"{(above['staff'] - whole[above.index]).sum():,.0f}"
