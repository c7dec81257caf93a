"""The full-cost model, checked by hand on the tiny city of tests/factories.py.

The assumption book's factors used throughout: on-cost rate 0.32, overhead 0.12 (of personnel
cost), supervision 0.05 (of the vendor invoice), contract administration 0.03 (of the price).
"""
import numpy as np
import pandas as pd
import pytest

from core.domain import costing
from core.views import compare as compare_views
from tests.factories import load_city, tiny_city


def test_the_factors_come_from_the_book(tiny):
    book = tiny.book
    assert [costing.factor_in_year(book, k, 2025).value for k in costing.FACTOR_KEYS] == [0.32, 0.12, 0.05, 0.03]
    f = costing.factors_by_year(book, [2025, 2024])
    assert f.index.tolist() == [2024, 2025] and f.at[2025, "overhead_rate"] == 0.12
    # a year before every entry of the book falls back to the first entry
    assert costing.factor_in_year(book, "on_cost_rate", 2001).value == 0.32


@pytest.fixture
def worked(session):
    """The tiny city with some depreciation, booked on-costs and a labour-only vendor fee, so that
    every rule of the model has something to act on."""
    city = tiny_city()
    a = city["arrangements"].set_index(["building", "service"])
    a.loc[("乙楼", "cleaning"), "depreciation"] = 3_000.0
    a.loc[("丙楼", "cleaning"), "depreciation"] = 2_000.0
    city["arrangements"] = a.reset_index()
    c = city["cost_records"].set_index(["building", "service", "year"]).sort_index()
    c.loc[("乙楼", "cleaning", 2025), "on_costs"] = 16_000.0  # booked at half the statutory rate
    c.loc[("丙楼", "cleaning", 2025), ["on_costs", "management_fee", "tax"]] = [32_000.0, 8_000.0, 6_480.0]
    city["cost_records"] = c.reset_index()
    p = load_city(session, city)
    rows = costing.select(costing.arrangement_costs(p), year=2025)
    names = p.buildings.set_index("id")["name"]
    return rows.assign(building=rows["building_id"].map(names)).set_index(["building", "service"])


def test_in_house_by_hand(worked):
    r = worked.loc[("乙楼", "cleaning")]
    assert r["kind"] == "in_house"
    # wages 100,000 (the ledger's wage bill); on-costs imputed 100,000 × 0.32 = 32,000 — the ledger's
    # 16,000 is not used; materials 10,000; depreciation 3,000;
    # overhead 0.12 × personnel (100,000 + 32,000) = 15,840
    assert r["on_costs"] == pytest.approx(32_000) and r["booked_on_costs"] == 16_000
    assert r["indirect"] == pytest.approx(15_840) and r["indirect_factor"] == "overhead_rate"
    # full cost 100,000 + 32,000 + 10,000 + 3,000 + 15,840 = 160,840; recorded 126,000
    assert r["full_cost"] == pytest.approx(160_840)
    assert r["recorded"] == pytest.approx(126_000)


def test_labour_only_by_hand(worked):
    r = worked.loc[("丙楼", "cleaning")]
    assert r["kind"] == "labour_only"
    # vendor invoice 100,000 + 32,000 + 8,000 + 6,480 = 146,480; supervision 0.05 × 146,480 = 7,324
    assert r["indirect_base"] == pytest.approx(146_480)
    assert r["indirect"] == pytest.approx(7_324)
    # full cost 146,480 + materials 10,000 + depreciation 2,000 + 7,324 = 165,804
    assert r["full_cost"] == pytest.approx(165_804)


def test_contracted_by_hand(worked):
    r = worked.loc[("甲楼", "cleaning")]
    assert r["kind"] == "contracted"
    # price 100,000 + 10,000 + 8,800 + 7,128 = 125,928; administration 0.03 × 125,928 = 3,777.84
    assert r["indirect_base"] == pytest.approx(125_928)
    assert r["indirect"] == pytest.approx(3_777.84)
    assert r["full_cost"] == pytest.approx(129_705.84)


def test_paid_at_actual_as_recorded(worked):
    r = worked.loc[("丙楼", "energy")]
    assert r["kind"] == "actual"
    # 40 CNY/m² × 6,000 m² = 240,000, nothing added
    assert r["full_cost"] == r["recorded"] == pytest.approx(240_000)
    assert r["indirect"] == 0 and r["depreciation"] == 0


def test_lines_add_up_to_full_cost(demo_portfolio):
    c = costing.arrangement_costs(demo_portfolio)
    assert np.allclose(c[list(costing.COST_LINES)].sum(axis=1), c["full_cost"])
    assert len(c) == len(demo_portfolio.costs)  # one ledger row per arrangement and year
    in_house = c.loc[c["kind"] == "in_house"]
    assert np.allclose(in_house["on_costs"], in_house["labour"] * 0.32)
    outsourced = c.loc[c["kind"] != "in_house"]
    assert (outsourced["on_costs"] == outsourced["booked_on_costs"]).all()


# --- the tiny city's modes, by hand (2025) --------------------------------------------------------
# 甲楼 full:  2 contracted lines × 129,705.84 + energy 400,000           = 659,411.68 over 10,000 m²
# 乙楼 self:  2 in-house lines × (132,000 + 10,000 + 15,840) + 160,000   = 475,680    over  4,000 m²
# 丙楼 mixed: labour-only 100,000 + 10,000 + 5,000 supervision
#             + in-house 157,840 + energy 240,000                        = 512,840    over  6,000 m²
FULL, SELF, MIXED = 659_411.68, 475_680.0, 512_840.0


def test_tiny_city_per_mode_by_hand(tiny):
    m = costing.by_mode(tiny, costing.select(costing.arrangement_costs(tiny), year=2025)).set_index("mode")
    assert m.index.tolist() == ["full", "partial", "mixed", "self"]
    assert m.at["full", "full_cost"] == pytest.approx(FULL)
    assert m.at["self", "full_cost"] == pytest.approx(SELF)
    assert m.at["mixed", "full_cost"] == pytest.approx(MIXED)
    assert m.at["partial", "buildings"] == 0 and m.at["partial", "full_cost"] == 0
    assert m.at["full", "cost_per_m2"] == pytest.approx(65.941168)
    assert m.at["self", "cost_per_m2"] == pytest.approx(118.92)
    assert m.at["mixed", "cost_per_m2"] == pytest.approx(512_840 / 6_000)  # 85.47


def test_rollups_by_building_and_service(tiny):
    year = costing.select(costing.arrangement_costs(tiny), year=2025)
    b = costing.by_building(tiny, year).set_index("building")
    assert b.at["乙楼", "full_cost"] == pytest.approx(SELF) and b.at["乙楼", "mode"] == "self"
    s = costing.by_service(tiny, year).set_index("service")
    # cleaning: contracted 129,705.84 + in-house 157,840 + labour-only 115,000
    assert s.at["cleaning", "full_cost"] == pytest.approx(402_545.84)
    assert s.index.tolist() == ["cleaning", "security", "energy"]  # the services' own order
    assert s["full_cost"].sum() == pytest.approx(FULL + SELF + MIXED)


# --- allocation to departments --------------------------------------------------------------------
def test_allocation_by_area_and_by_staff_by_hand(tiny):
    year = costing.select(costing.arrangement_costs(tiny), year=2025)
    a = costing.department_allocation(tiny, year, basis="area").set_index("department")
    # 甲楼: 甲局 6,000 m², 乙局 2,000 m² → 75 % and 25 % of 659,411.68
    assert a.at["甲局", "allocated"] == 494_558.76 and a.at["乙局", "allocated"] == 164_852.92
    s = costing.department_allocation(tiny, year, basis="staff").set_index("department")
    # by staff 50 : 30 → 5/8 and 3/8 of 65,941,168 fen = 41,213,230 and 24,727,938 fen
    assert s.at["甲局", "allocated_fen"] == 41_213_230 and s.at["乙局", "allocated_fen"] == 24_727_938
    assert a.at["丙局", "allocated"] == pytest.approx(SELF)  # alone in 乙楼


def test_department_table_by_hand(tiny):
    year = costing.select(costing.arrangement_costs(tiny), year=2025)
    d = costing.department_table(tiny, year).set_index("department")
    assert d.at["甲局", "per_staff"] == pytest.approx(494_558.76 / 50)
    assert d.at["甲局", "per_m2"] == pytest.approx(494_558.76 / 6_000)
    assert d.at["甲局", "mode"] == "full" and d.at["丁局", "mode"] == "mixed"
    assert d["allocated"].sum() == pytest.approx(FULL + SELF + MIXED)


@pytest.mark.parametrize("basis", ["area", "staff"])
def test_shares_add_up_to_the_building_exactly(demo_portfolio, basis):
    year = costing.select(costing.arrangement_costs(demo_portfolio), year=2025)
    a = costing.department_allocation(demo_portfolio, year, basis=basis)
    totals = year.groupby("building_id")["full_cost"].sum()
    got = a.groupby("building_id")["allocated_fen"].sum()
    expected = np.rint(totals * 100).astype(np.int64)
    assert (got.reindex(expected.index) == expected).all()  # to the fen, no rounding drift
    assert set(a["building_id"]) == set(totals.index)


def test_awkward_shares_still_add_up():
    rng = np.random.default_rng(3)
    shares = []
    for b in range(200):
        w = rng.integers(1, 1_000, size=int(rng.integers(1, 7))).astype(float)
        shares += [(b, d, x / w.sum()) for d, x in enumerate(w)]
    shares_df = pd.DataFrame(shares, columns=["building_id", "department_id", "share"])
    amounts = pd.Series(rng.uniform(0, 1e7, 200).round(2) + 1 / 3, index=range(200))
    out = costing.allocate(amounts, shares_df)
    got = out.groupby("building_id")["allocated_fen"].sum()
    assert (got == np.rint(amounts * 100).astype(np.int64)).all()
    assert (out["allocated_fen"] >= 0).all()


def test_unoccupied_building_is_charged_to_its_manager(session):
    city = tiny_city()
    city["occupancy"] = city["occupancy"].loc[city["occupancy"]["building"] != "甲楼"]
    p = load_city(session, city)
    year = costing.select(costing.arrangement_costs(p), year=2025)
    a = costing.department_allocation(p, year).set_index("building")
    assert a.at["甲楼", "department"] == "机关事务管理局"  # 甲楼 is managed by the Bureau
    assert a.at["甲楼", "allocated"] == pytest.approx(FULL)


def test_tax_neutral_leaves_out_vat(tiny):
    year = costing.select(costing.arrangement_costs(tiny), year=2025)
    # 甲楼's two contracted lines carry 7,128 of VAT each
    assert costing.total(year, tax_neutral=True).sum() == pytest.approx(FULL + SELF + MIXED - 2 * 7_128)


# --- show the working -----------------------------------------------------------------------------
def test_working_lists_every_line_with_its_factor(tiny):
    year = costing.select(costing.arrangement_costs(tiny), year=2025)
    b = int(tiny.buildings.set_index("name").at["乙楼", "id"])
    w = compare_views.working(tiny, year, b, "en")
    assert w["amount"].sum() == pytest.approx(SELF)
    on = w.loc[(w["service"] == "Cleaning") & (w["line"] == "On-costs")].iloc[0]
    assert on["amount"] == pytest.approx(32_000)
    assert on["value"] == "0.32" and on["unit"] == "share of wages"
    assert on["source"] == tiny.book.factor("on_cost_rate").source_en  # English readers read the English source
    overhead = w.loc[(w["service"] == "Cleaning") & (w["line"].str.startswith("Overhead"))].iloc[0]
    assert overhead["value"] == "0.12" and "prudent choice, informed by international practice" in overhead["source"]
    zh = compare_views.working(tiny, year, b, "zh")
    assert zh.loc[zh["unit"] != "", "unit"].isin(["占工资的比例", "占人员费用的比例"]).all()
    wages = w.loc[(w["service"] == "Cleaning") & (w["line"] == "Wages")].iloc[0]
    assert wages["rule"] == "As recorded" and wages["factor"] == ""
    assert compare_views.working(tiny, year.iloc[0:0], b, "zh").empty


def test_bridge_from_recorded_to_full_cost(tiny):
    year = costing.select(costing.arrangement_costs(tiny), year=2025)
    steps = costing.bridge(year.loc[year["building_id"] == int(tiny.buildings.set_index("name").at["丙楼", "id"])])
    s = steps.set_index("step")["amount"]
    # 丙楼 recorded 110,000 × 2 + 240,000 = 460,000; imputed on-costs 32,000 on the in-house line;
    # overhead 15,840; supervision 5,000
    assert s["recorded"] == pytest.approx(460_000)
    assert s["on_costs"] == pytest.approx(32_000)
    assert s["overhead"] == pytest.approx(15_840) and s["supervision"] == pytest.approx(5_000)
    assert s.iloc[:-1].sum() == pytest.approx(s["full_cost"]) == pytest.approx(MIXED)


def test_exhibits_carry_their_data(tiny):
    year = costing.select(costing.arrangement_costs(tiny), year=2025)
    b = int(tiny.buildings.set_index("name").at["乙楼", "id"])
    ex = compare_views.working_exhibit(tiny, year, b, "zh")
    assert "乙楼" in ex.takeaway and ex.key == "compare-working"
    assert len(ex.data) == len(compare_views.working(tiny, year, b, "zh"))
    d = compare_views.department_exhibit(tiny, year, "en")
    assert "丙局" in d.takeaway  # alone in the dearest building per head: 475,680 / 20 staff
    assert len(d.figure.data) >= 1
