"""The consolidation simulator's model, lever by lever, on the tiny city, worked by hand.

Figures of the tiny city (tests/factories.py), base year 2025, the book's values: on-costs 32%, overhead
12%, supervision 5%, contract administration 3%, vendor fee 8%, VAT 6%, new-contract price factor 1.0,
hurdle 10%, wage growth 5%, price inflation 2%, discount rate 8%, fee-cap tolerance 5%; contracts HT-1
(甲楼) and HT-2 (丙楼) run to 2026-12-31, so a vendor's price can change from January 2027.

| item          | delivery    | area   | ledger 2025                                   | full cost 2025                         |
|---------------|-------------|--------|-----------------------------------------------|----------------------------------------|
| 甲楼 cleaning | contracted  | 10,000 | wages 100,000 + materials 10,000 + fee 8,800 + VAT 7,128 = 125,928 | 125,928 × 1.03 = 129,705.84 |
| 甲楼 security  | contracted  | 10,000 | the same                                      | 129,705.84                             |
| 乙楼 cleaning  | in house, 4 | 4,000  | wages 100,000 + materials 10,000              | 100,000 × 1.32 × 1.12 + 10,000 = 157,840 |
| 乙楼 security  | in house, 4 | 4,000  | the same                                      | 157,840                                |
| 丙楼 cleaning  | labour only | 6,000  | wages 100,000 + materials 10,000              | 100,000 × 1.05 + 10,000 = 115,000      |
| 丙楼 security  | in house, 4 | 6,000  | the same                                      | 157,840                                |
| energy        | at actual   |        | 40 CNY/m²: 400,000 + 160,000 + 240,000        | 800,000                                |

Only 甲楼 is shared by two departments. Every worker earns 100,000 / 4 = 25,000 a year (2,083.33 a month)
and has served 5 years; an in-house post costs 25,000 × 1.32 × 1.12 = 36,960 a year. The in-house
teams' employment type is not recorded: they count as contract staff, 5% of them protected (art. 42).

Most cases use the book with every lever certain (``certain``: realised in full, no delay, no failed
tender) to check a lever's arithmetic; the phasing cases switch one factor back on.
"""
import json

import numpy as np
import pytest

from core.domain import costing, quality, standards
from core.simulation.levers import LEVERS, LeverError, decode, encode, parse_levers, to_json
from core.simulation.model import Result, evaluate, run, simulate
from core.simulation.plan import MODEL_INPUTS, prepare
from tests.factories import certain, gate_city, load_city, tiny_city, with_book

FULL_COST = 2 * 129_705.84 + 3 * 157_840 + 115_000 + 800_000  # = 1,647,931.68
POST = 25_000 * 1.32 * 1.12  # an in-house post: 36,960 a year
COMPENSATION = 25_000 / 12 * 5  # art. 47 for 5 years' service: 5 months' wage = 10,416.67


def lever(result: Result, name: str) -> float:
    w = result.waterfall.set_index("lever")["saving"]
    return float(w[name])


def row(result: Result, name: str) -> np.ndarray:
    """A lever's saving in each simulated year [CNY]."""
    return result.by_lever[LEVERS.index(name)]


def dearer_cleaning(session):
    """The tiny city with 丙楼's labour-only cleaning invoiced 220,000 in 2025: above its cap."""
    city = tiny_city()
    c = city["cost_records"]
    c.loc[(c["building"] == "丙楼") & (c["service"] == "cleaning") & (c["year"] == 2025), "labour"] = 220_000.0
    return load_city(session, city)


def test_baseline_is_the_base_years_full_cost(tiny):
    r = simulate(tiny, {})
    assert r.base_cost == pytest.approx(FULL_COST)
    assert r.base_cost == pytest.approx(costing.select(costing.arrangement_costs(tiny), year=2025)["full_cost"].sum())
    assert r.years == (2026, 2027, 2028, 2029, 2030)  # the year after the base year, the book's 5 years
    # no lever: nothing saved, nothing to pay back, nobody affected
    assert r.waterfall.empty and r.npv == 0 and r.payback_year is None and r.transition_total == 0
    assert r.people.sum() == 0


def test_baseline_grows_with_wages_and_prices(tiny):
    r = simulate(tiny, {"horizon_years": 3})
    # labour-driven (wages, on-costs, fees, VAT, indirect cost) grows 5% a year, the rest 2%:
    # price-driven = materials 6 × 10,000 + energy 800,000 = 860,000 (the 3% administration on the
    # contracted materials is indirect cost: labour-driven); labour-driven = 1,647,931.68 − 860,000
    labour, price = 787_931.68, 860_000.0
    assert r.baseline[0] == pytest.approx(labour * 1.05 + price * 1.02)
    assert r.baseline[2] == pytest.approx(labour * 1.05**3 + price * 1.02**3)


def test_unified_management_saves_on_the_indirect_cost_of_shared_buildings(tiny):
    r = simulate(certain(tiny), {"unified_management": True})
    # only 甲楼 is shared: contract administration 0.03 × 125,928 × 2 = 7,555.68; 15% of it
    assert lever(r, "unified_management") == pytest.approx(7_555.68 * 0.15)  # 1,133.352
    assert row(r, "unified_management")[0] == pytest.approx(1_133.352 * 1.05)  # in full from 2026
    # the book's realisation share for a shared-service lever is 50%: half of it, at full effect
    half = simulate(certain(tiny, realisation_unified_management=0.5), {"unified_management": True})
    assert lever(half, "unified_management") == pytest.approx(566.676)


def test_unified_management_starts_after_its_set_up_period_on_a_ramp(tiny):
    r = simulate(certain(tiny, delay_unified_management=12, ramp_unified_management=24), {"unified_management": True})
    # set up during 2026, then a ramp over 2027-2028: the share in effect at x years is (x − 1) / 2;
    # 2027: ∫₁² (x − 1)/2 dx = 0.25; 2028: ∫₂³ = 0.75; 2029: 1
    full = 1_133.352 * 1.05 ** np.arange(1, 6)
    assert row(r, "unified_management") == pytest.approx(full * [0, 0.25, 0.75, 1, 1])
    assert r.full_effect_year == 2029


def test_a_fee_cap_never_touches_an_in_house_item(tiny):
    # 乙楼 security (in house, tier 3, 4,000 m²): standard 1.98 × 4,000 × 12 = 95,040; × 1.05 = 99,792;
    # recorded 110,000, 10,208 above. It is an in-house team, not a fee: the cap leaves it alone.
    r = simulate(certain(tiny), {"fee_cap": {"enabled": True}})
    assert lever(r, "fee_cap") == 0 and r.saving.sum() == 0
    assert r.plan.items.set_index(["building", "service"]).at[("乙楼", "security"), "excess"] == 0
    # the staffing standard is what acts on an in-house team (and releases its posts)
    std = simulate(certain(tiny), {"staffing_standard": True})
    assert lever(std, "staffing_standard") > 0


def test_the_fee_cap_acts_on_a_vendor_fee_at_its_contracts_end(session):
    p = dearer_cleaning(session)
    r = simulate(certain(p), {"fee_cap": {"enabled": True}})
    # 丙楼 cleaning, labour only, 6,000 m² at 2.70 a month: cap 2.70 × 6,000 × 12 × 1.05 = 204,120;
    # recorded 220,000 + 10,000 materials = 230,000 → 25,880 above (less than the 220,000 invoice)
    assert lever(r, "fee_cap") == pytest.approx(25_880)
    # HT-2 runs to 2026-12-31: nothing in 2026, the capped price from January 2027, growing with wages
    assert row(r, "fee_cap") == pytest.approx([0, 25_880 * 1.05**2, 25_880 * 1.05**3, 25_880 * 1.05**4,
                                               25_880 * 1.05**5])
    bench = standards.benchmark(p, 2025, amber=0.1, red=0.25)
    assert lever(r, "fee_cap") == pytest.approx(standards.capped_fee_release(bench, tolerance=0.05))
    # a tolerance of its own: 20% → 194,400 × 1.2 = 233,280 > 230,000: nothing to cap
    assert lever(simulate(certain(p), {"fee_cap": {"enabled": True, "tolerance": 0.2}}), "fee_cap") == 0


def test_fee_cap_on_the_demo_city_is_the_standards_figure(demo_portfolio):
    r = simulate(certain(demo_portfolio), {"fee_cap": {"enabled": True}})
    year = demo_portfolio.latest_year
    bench = standards.benchmark(demo_portfolio, year, amber=0.1, red=0.25)
    assert lever(r, "fee_cap") == pytest.approx(standards.capped_fee_release(bench, tolerance=0.05))
    # at the book's realisation share (70%: vendors held to a standard cut scope or bid higher)
    book = simulate(demo_portfolio, {"fee_cap": {"enabled": True}})
    assert lever(book, "fee_cap") == pytest.approx(0.7 * lever(r, "fee_cap"))


def test_the_staffing_standard_releases_in_house_posts_and_pays_their_compensation(tiny):
    r = simulate(certain(tiny), {"staffing_standard": True})
    # the norm in whole workers: 乙楼 cleaning 4,000 / 2,941 → 2 (2 surplus); 乙楼 security 4,000 / 4,706
    # → 1 (3 surplus); 丙楼 security 6,000 / 4,000 → 2 (2 surplus): 7 posts of 36,960 = 258,720 a year.
    # Each team is 3.8 dismissable contract staff (5% protected): the 7 go with compensation.
    assert lever(r, "staffing_standard") == pytest.approx(7 * POST)
    assert row(r, "staffing_standard")[0] == pytest.approx(7 * POST * 1.05)
    # compensation (art. 47): 5 months' wage each, 7 × 10,416.67 = 72,916.67, at 2026 wages
    assert r.transition["severance"] == pytest.approx(7 * COMPENSATION * 1.05)
    assert r.one_time[0] == pytest.approx(7 * COMPENSATION * 1.05)
    established, contract, dispatched = r.people_by_type
    assert contract.tolist() == pytest.approx([7, 0, 0, 0, 0]) and established.sum() == dispatched.sum() == 0


def test_an_established_post_is_released_only_at_the_attrition_rate(session):
    city = tiny_city()
    a = city["arrangements"]
    a.loc[(a["building"] == "乙楼") & (a["service"] == "security"), "staff_established"] = 4  # all four 编制内
    p = certain(load_city(session, city), redeployment_rate=0.0)
    r = simulate(p, {"staffing_standard": True, "scope": {"buildings": ["乙楼"], "services": ["security"]}})
    # 3 surplus posts, none dismissable: they go as the team's 4 established staff retire or leave,
    # 3% of 4 = 0.12 a year: the last in 3 / 0.12 = 25 years. No compensation.
    established, contract, dispatched = r.people_by_type
    assert established == pytest.approx([0.12] * 5) and contract.sum() == dispatched.sum() == 0
    assert r.transition_total == 0
    # the saving builds up as they go: 0.12 × k posts by the end of year k, on average 0.12 × (k + ½)
    # in year k+1 — 2026: 0.06 × 36,960 = 2,217.60 at 2026 wages
    assert row(r, "staffing_standard") == pytest.approx([0.12 * (k + 0.5) * POST * 1.05 ** (k + 1) for k in range(5)])
    # at full effect (after 25 years) all three posts: 110,880 a year
    assert lever(r, "staffing_standard") == pytest.approx(3 * POST)
    # with redeployment of 10% of the surplus a year as well: 0.12 + 0.3 = 0.42 posts a year
    faster = simulate(with_book(p, redeployment_rate=0.1),
                      {"staffing_standard": True, "scope": {"buildings": ["乙楼"], "services": ["security"]}})
    assert faster.people_by_type[0][0] == pytest.approx(0.42)


def test_bundled_procurement_prices_a_larger_lot_lower_from_the_contracts_end(tiny):
    plan = prepare(certain(tiny), {"bundling": {"cleaning": 1}})
    r = run(plan)
    # one lot: 甲楼 (contracted, 10,000 m² on its contract) and 丙楼 (labour only, 6,000 m²) = 16,000 m².
    # saving of an item = s·(exp(−A_today/c) − exp(−A_lot/c)) × fee, s = 8%, c = 30,000 m²:
    # 甲楼: 0.08 × (e^−0.3333 − e^−0.5333) = 0.08 × (0.716531 − 0.586646) × 125,928 = 1,308.49
    # 丙楼: 0.08 × (e^−0.2000 − e^−0.5333) = 0.08 × (0.818731 − 0.586646) × 100,000 = 1,856.68
    expected = 0.08 * ((np.exp(-1 / 3) - np.exp(-16 / 30)) * 125_928 + (np.exp(-0.2) - np.exp(-16 / 30)) * 100_000)
    assert lever(r, "bundling") == pytest.approx(expected)
    assert expected == pytest.approx(3_165.17, abs=0.01)
    assert plan.lots[["service", "lot", "area"]].values.tolist() == [["cleaning", 1, 16_000.0]]
    # both contracts end on 2026-12-31: the lot saves from 2027, and its one tender falls in 2027
    assert row(r, "bundling") == pytest.approx([0, *(expected * 1.05 ** np.arange(2, 6))])
    assert r.transition_by_year[1].tolist() == [0, 50_000, 0, 0, 0]


def test_staff_pooling_shares_staff_among_buildings_of_one_district_with_release_costs(tiny):
    r = simulate(certain(tiny), {"staff_pooling": True})
    # all three buildings are in 城中; contracted items are not pooled.
    # cleaning: 乙楼 4 in house + 丙楼 4 labour-only = 8; norm 4,000/2,941 + 6,000/2,500 = 3.76 → 4: half go.
    #   乙楼 sheds 2 posts (contract staff, compensated) at once: 2 × 36,960 = 73,920;
    #   丙楼's vendor sends 2 fewer from its renewal (2027): 0.5 × 100,000 × (1 + 5% supervision) = 52,500
    # security: 乙楼 4 + 丙楼 4 in house = 8; norm 4,000/4,706 + 6,000/4,000 = 2.35 → 3: 5 of 8 go,
    #   2.5 posts in each: 5 × 36,960 = 184,800
    assert lever(r, "staff_pooling") == pytest.approx(73_920 + 52_500 + 184_800)
    assert row(r, "staff_pooling")[0] == pytest.approx((73_920 + 184_800) * 1.05)
    assert row(r, "staff_pooling")[1] == pytest.approx((73_920 + 184_800 + 52_500) * 1.05**2)
    assert r.transition["severance"] == pytest.approx(7 * COMPENSATION * 1.05)  # 2 + 5 posts compensated
    assert r.people_by_type[1][0] == pytest.approx(7)


def test_a_building_alone_in_its_district_is_not_pooled(session):
    city = tiny_city()
    city["buildings"]["district"] = ["城中", "城东", "城西"]  # each building in a district of its own
    p = load_city(session, city)
    r = simulate(certain(p), {"staff_pooling": True})
    assert lever(r, "staff_pooling") == 0 and r.plan.pools.empty and r.people.sum() == 0


def test_energy_management_saves_a_share_of_the_energy_bill(tiny):
    r = simulate(certain(tiny), {"energy": True, "horizon_years": 3})
    assert lever(r, "energy") == pytest.approx(0.05 * 800_000)  # 40,000 a year at 2025 prices
    # energy is price-driven: 40,000 × 1.02, × 1.02², × 1.02³; discounted at 8% from the end of each year
    flows = [40_000 * 1.02**k for k in (1, 2, 3)]
    assert r.saving.tolist() == pytest.approx(flows)
    # 40,800 / 1.08 + 41,616 / 1.1664 + 42,448.32 / 1.259712 = 37,777.78 + 35,679.01 + 33,696.85
    assert r.npv == pytest.approx(sum(f / 1.08**k for k, f in enumerate(flows, start=1)))
    assert r.npv == pytest.approx(107_153.64, abs=0.01)
    assert r.payback_year == 2026  # nothing to pay back: the first year already saves


def test_energy_management_after_six_months_on_a_two_year_ramp(tiny):
    r = simulate(certain(tiny, delay_energy=6, ramp_energy=24), {"energy": True})
    # in effect at x years: (x − 0.5) / 2 from mid-2026 to mid-2028. 2026: ∫ from 0.5 to 1 = 0.0625;
    # 2027: ∫₁² (x − 0.5)/2 dx = 0.5; 2028: ∫ from 2 to 2.5 (= 0.4375) + 0.5 = 0.9375; then 1
    shares = [0.0625, 0.5, 0.9375, 1, 1]
    assert row(r, "energy") == pytest.approx([40_000 * 1.02**k * s for k, s in enumerate(shares, start=1)])
    assert r.full_effect_year == 2029


def test_quality_gate_applies_the_score_bands_to_fees_from_renewal(session):
    # 甲楼 cleaning scores 70 every quarter of 2025: below pass, −8% of its fee; everything else 90 (good, 0)
    p = load_city(session, gate_city(scores={("甲楼", q): (70.0, 90.0) for q in (1, 2, 3, 4)}))
    r = simulate(certain(p), {"quality_gate": True})
    assert lever(r, "quality_gate") == pytest.approx(0.08 * 125_928)  # 10,074.24
    assert lever(r, "quality_gate") == pytest.approx(-quality.fee_adjustments(p, 2025)["effect"].sum())
    assert row(r, "quality_gate")[0] == 0  # a clause of the new contract: HT-1 runs to the end of 2026


def test_a_conversion_counts_with_its_transition_costs(tiny):
    p = certain(tiny, protected_share=0.0)
    plan = prepare(p, {"conversions": [{"building": "乙楼", "service": "cleaning", "to": "contracted"}],
                       "horizon_years": 3})
    r = run(plan)
    c = plan.conversions.iloc[0]
    # today 157,840 (147,840 labour-driven, 10,000 materials); contracted at the standard:
    # 2.38 × 4,000 × 12 = 114,240 × 1.0 × 1.03 = 117,667.20 → saves 40,172.80 a year;
    # differential 10% × 132,000 in-house personnel = 13,200 < 40,172.80: counted
    assert c["decision"] == "accepted"
    assert c["saving"] == pytest.approx(40_172.80)
    assert c["differential"] == pytest.approx(13_200)
    assert lever(r, "conversion") == pytest.approx(40_172.80)
    # first year (2026), an in-house team goes at once: compensation of its 4 contract staff, 4 × 5 months'
    # wage = 41,666.67, at 2026 wages × 1.05 = 43,750; hand-over one month of today's cost: 147,840/12 × 1.05
    # + 10,000/12 × 1.02 = 12,936 + 850; one tender 50,000
    assert r.transition == pytest.approx({"severance": 43_750, "tendering": 50_000, "handover": 13_786})
    # net: 2026 30,172.80 × 1.05 + 10,000 × 1.02 − 107,536 = −65,654.56; 2027 +43,669.51 (still −21,985.05);
    # 2028 +45,540.87 → positive: paid back in 2028
    assert r.net.tolist() == pytest.approx([-65_654.56, 43_669.51, 45_540.87], abs=0.01)
    assert r.payback_year == 2028
    # the hurdle: the differential each year from the conversion's start, grown with wages and discounted
    hurdle = sum(13_200 * 1.05**k / 1.08**k for k in (1, 2, 3))
    assert r.hurdle_npv == pytest.approx(hurdle)
    assert r.beats_hurdle == (r.npv > hurdle)
    assert r.people_by_type[1].tolist() == pytest.approx([4, 0, 0])


def with_contract_end(session, end: str):
    city = tiny_city()
    city["contracts"].loc[city["contracts"]["code"] == "HT-2", "end_date"] = end
    return load_city(session, city)


CONVERT_BING = {"conversions": [{"building": "丙楼", "service": "cleaning", "to": "contracted"}]}


def test_a_contract_ending_mid_horizon_saves_nothing_before_its_end(session):
    p = certain(with_contract_end(session, "2027-06-30"))
    r = run(prepare(p, CONVERT_BING))
    # 丙楼 cleaning is labour only on HT-2 until 2027-06-30: 105,000 + 10,000 = 115,000 today; contracted
    # at 2.70 × 6,000 × 12 × 1.03 = 200,232 … dearer: make it cheaper with a lower standard price factor
    assert r.plan.conversions["decision"].tolist() == ["no_saving"]
    p = with_book(p, market_price_factor=0.5)
    r = run(prepare(p, CONVERT_BING))
    # new: 194,400 × 0.5 × 1.03 = 100,116; saving 115,000 − 100,116 = 14,884 a year (4,884 labour-driven:
    # 105,000 − 100,116; 10,000 materials the vendor now brings)
    assert r.plan.conversions["decision"].tolist() == ["accepted"]
    assert lever(r, "conversion") == pytest.approx(14_884)
    # from 1 July 2027: nothing in 2026, half of 2027, then every year in full
    labour, price = 4_884.0, 10_000.0
    assert row(r, "conversion") == pytest.approx(
        [0, 0.5 * (labour * 1.05**2 + price * 1.02**2), labour * 1.05**3 + price * 1.02**3,
         labour * 1.05**4 + price * 1.02**4, labour * 1.05**5 + price * 1.02**5])
    # its tender and hand-over fall in 2027, the year of the change
    assert r.one_time[0] == 0 and r.one_time[1] > 0 and r.one_time[2:].sum() == 0


def test_a_failed_re_tender_keeps_the_old_price(session):
    p = with_book(certain(with_contract_end(session, "2027-06-30")), market_price_factor=0.5)
    r = run(prepare(with_book(p, retender_fail_prob=0.5, retender_delay_months=12), CONVERT_BING))
    # each round fails with probability 0.5 and the old contract rolls over at the old price for 12 months:
    # expected slip 12 × 0.5 / (1 − 0.5) = 12 months. The new price starts 1 July 2028: 2027 keeps the old
    # price in full (no saving), 2028 half
    labour, price = 4_884.0, 10_000.0
    assert row(r, "conversion")[:3] == pytest.approx([0, 0, 0.5 * (labour * 1.05**3 + price * 1.02**3)])
    # and the tender is run 1 / (1 − 0.5) = 2 times on average: 100,000, in 2028
    assert r.transition_by_year[1].tolist() == pytest.approx([0, 0, 100_000, 0, 0])


def test_conversions_below_the_hurdle_or_without_saving_do_not_count(tiny):
    plan = prepare(certain(tiny), {"conversions": [
        {"building": "甲楼", "service": "security", "to": "labour_only"},
        {"building": "丙楼", "service": "security", "to": "contracted"},
        {"building": "丙楼", "service": "energy", "to": "contracted"},
        {"building": "乙楼", "service": "cleaning", "to": "in_house"}]})
    got = plan.conversions.set_index(["building", "service"])["decision"].to_dict()
    # 甲楼 security contracted 125,928 × 1.03 = 129,705.84; labour-only: 3 workers (10,000/4,000 → 3) ×
    # 25,000 × 1.32 × 1.08 × 1.06 × 1.05 = 119,001.96 + 10,000 materials = 129,001.96: saves 703.88,
    # less than 10% of the vendor's personnel 100,000 = 10,000
    assert got[("甲楼", "security")] == "below_hurdle"
    # 丙楼 security: 162,000 × 1.03 = 166,860 > 157,840 today
    assert got[("丙楼", "security")] == "no_saving"
    assert got[("丙楼", "energy")] == "paid_at_actual"
    assert got[("乙楼", "cleaning")] == "unchanged"
    r = run(plan)
    assert lever(r, "conversion") == 0 and r.transition_total == 0


def test_the_hurdle_weighs_the_expected_saving(tiny):
    # 乙楼 cleaning to contracted saves 40,172.80 a year at full realisation; the differential is 13,200.
    # At a realisation share of 30% the expected saving, 12,051.84, no longer beats it
    levers = {"conversions": [{"building": "乙楼", "service": "cleaning", "to": "contracted"}]}
    low = prepare(certain(tiny, realisation_conversion=0.3), levers)
    assert low.conversions["decision"].tolist() == ["below_hurdle"]


def test_a_restricted_item_is_never_converted_even_when_the_levers_ask(session):
    city = tiny_city()
    a = city["arrangements"]
    a.loc[(a["building"] == "乙楼") & (a["service"] == "security"), "restricted"] = "true"
    a.loc[(a["building"] == "甲楼") & (a["service"] == "security"), "restricted"] = "true"
    p = certain(load_city(session, city))
    levers = {"convert_rule": {"from": "in_house", "to": "contracted"},  # every in-house item …
              "conversions": [{"building": "乙楼", "service": "security", "to": "labour_only"},  # … and by name
                              {"building": "甲楼", "service": "security", "to": "in_house"}]}
    plan = prepare(p, levers)
    got = plan.conversions.set_index(["building", "service"])["decision"].to_dict()
    assert got[("乙楼", "security")] == "restricted"
    assert got[("乙楼", "cleaning")] == "accepted"  # the rule still converts what it may
    assert got[("甲楼", "security")] != "restricted"  # bringing a restricted item in house is allowed
    items = plan.items.set_index(["building", "service"])
    assert items.at[("乙楼", "security"), "kind1"] == "in_house"
    assert not items.at[("乙楼", "security"), "converted"]
    # nothing of it is in the saving or the one-time costs: the same as converting only 乙楼 cleaning
    alone = simulate(p, {"conversions": [{"building": "乙楼", "service": "cleaning", "to": "contracted"}]})
    assert lever(run(plan), "conversion") == pytest.approx(lever(alone, "conversion"))


def test_conversions_outside_the_scope_are_refused(tiny):
    plan = prepare(tiny, {"scope": {"buildings": ["甲楼"]},
                          "conversions": [{"building": "乙楼", "service": "cleaning", "to": "contracted"}]})
    assert plan.conversions["decision"].tolist() == ["out_of_scope"]
    assert run(plan).base_cost == pytest.approx(2 * 129_705.84 + 400_000)  # 甲楼 only


def test_levers_act_in_order_so_nothing_is_saved_twice(session):
    p = certain(dearer_cleaning(session))
    # the 丙楼 cleaning fee cap (25,880 off a 220,000 invoice) and pooling both touch 丙楼 cleaning:
    # pooling works on the fee the cap leaves
    capped = simulate(p, {"fee_cap": {"enabled": True}, "staff_pooling": True})
    alone = simulate(p, {"staff_pooling": True})
    # cleaning pool: half of 乙楼's and 丙楼's staff go; 丙楼's fee left after the cap is 194,120, so its vendor
    # saves 0.5 × 194,120 instead of 0.5 × 220,000: 12,940 less
    assert lever(capped, "staff_pooling") == pytest.approx(lever(alone, "staff_pooling") - 0.5 * 25_880)
    total = capped.annual_saving
    assert total == pytest.approx(lever(capped, "fee_cap") + lever(capped, "staff_pooling"))


def test_the_levers_document_is_checked():
    with pytest.raises(LeverError, match="unknown key 'fee_caps'"):
        parse_levers({"fee_caps": True})
    with pytest.raises(LeverError, match="horizon_years"):
        parse_levers({"horizon_years": 11})
    with pytest.raises(LeverError, match="bundling"):
        parse_levers({"bundling": {"cleaning": 0}})
    with pytest.raises(LeverError, match="not valid JSON"):
        parse_levers("{nope")
    with pytest.raises(LeverError, match=r"conversions\.0\.to"):
        parse_levers({"conversions": [{"building": "甲楼", "service": "cleaning", "to": "elsewhere"}]})


def test_unknown_buildings_and_bad_years_are_refused(tiny):
    with pytest.raises(LeverError, match="no building named '丁楼'"):
        prepare(tiny, {"scope": {"buildings": ["丁楼"]}})
    with pytest.raises(LeverError, match="start_year"):
        prepare(tiny, {"start_year": 2025})


def test_canonical_json_and_links_round_trip():
    a = parse_levers({"energy": True, "staffing_standard": True, "conversions": [
        {"building": "乙楼", "service": "security", "to": "contracted"},
        {"building": "甲楼", "service": "cleaning", "to": "in_house"},
        {"building": "乙楼", "service": "security", "to": "labour_only"}]})
    data = json.loads(to_json(a))
    # sorted, and the later of two conversions of the same item wins
    assert data["conversions"] == [{"building": "乙楼", "service": "security", "to": "labour_only"},
                                   {"building": "甲楼", "service": "cleaning", "to": "in_house"}]
    assert "horizon_years" not in data  # defaults are left out: the scenario follows the book
    assert to_json(decode(encode(a))) == to_json(a)
    assert hash(a) == hash(parse_levers(to_json(a))) and a == parse_levers(to_json(a))
    with pytest.raises(LeverError, match="damaged"):
        decode("not-a-link!")


def test_the_demo_examples_simulate(demo_portfolio):
    from core.files import admin

    examples = json.loads(admin.EXAMPLE_SCENARIOS.read_text(encoding="utf-8"))
    assert [e["name"] for e in examples] == ["标准先行", "标准+集中采购", "全面整合"]
    savings = [simulate(demo_portfolio, e["levers"]).annual_saving for e in examples]
    assert 0 < savings[0] < savings[1] < savings[2]  # each adds levers to the one before
    full = prepare(demo_portfolio, examples[2]["levers"])
    decisions = full.conversions.set_index(["building", "service"])["decision"]
    assert decisions[("市档案馆", "security")] == "restricted"  # the archives' security stays in house
    assert (decisions == "accepted").sum() >= 5
    r = run(full)
    assert r.people_by_type.sum() > 0  # converting self-run canteens releases their staff


def test_evaluate_is_one_function_of_the_factors(tiny):
    plan = prepare(certain(tiny), {"energy": True, "unified_management": True})
    theta = np.repeat(plan.theta0[:, None], 3, axis=1)
    i = MODEL_INPUTS.index("energy_saving_rate")
    theta[i] = [0.0, 0.05, 0.10]
    d = evaluate(plan, theta)
    assert d.lever_saving[LEVERS.index("energy")].tolist() == pytest.approx([0, 40_000, 80_000])
    assert d.npv[1] == pytest.approx(run(plan).npv)  # the middle column is the book's values
    assert d.npv[2] - d.npv[1] == pytest.approx(d.npv[1] - d.npv[0])  # linear in the rate


def test_portfolio_without_energy_scope(tiny):
    r = simulate(certain(tiny), {"energy": True, "scope": {"services": ["cleaning"]}})
    assert lever(r, "energy") == 0  # energy is not in scope
    assert r.base_cost == pytest.approx(2 * 157_840 / 2 + 129_705.84 + 115_000)  # the three cleaning items


def test_forecast_by_building_adds_up_to_the_scope(demo_portfolio):
    levers = json.loads(
        '{"fee_cap": true, "staffing_standard": true, "bundling": {"cleaning": 2}, "staff_pooling": true,'
        ' "unified_management": true, "energy": true, "quality_gate": true}')
    scope = run(prepare(demo_portfolio, levers))
    by_building = evaluate(prepare(demo_portfolio, levers, by="building"), scope.plan.theta0[:, None])
    assert by_building.by_lever.shape[1] == demo_portfolio.buildings.shape[0]
    assert by_building.by_lever.sum(axis=1)[:, :, 0] == pytest.approx(scope.by_lever, rel=1e-9, abs=1e-6)
    assert by_building.npv[0] == pytest.approx(scope.npv)
