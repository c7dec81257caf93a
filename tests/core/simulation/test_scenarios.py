"""The consolidation simulator's deterministic model, lever by lever, on the tiny city.

Figures of the tiny city (tests/factories.py), base year 2025, the book's values: on-costs 32%,
overhead 12%, supervision 5%, contract administration 3%, vendor fee 8%, VAT 6%, new-contract price
factor 1.0, hurdle 10%, wage growth 5%, price inflation 2%, discount rate 8%, fee-cap tolerance 5%.

| item          | delivery    | area   | ledger 2025                                   | full cost 2025                         |
|---------------|-------------|--------|-----------------------------------------------|----------------------------------------|
| 甲楼 cleaning | contracted  | 10,000 | wages 100,000 + materials 10,000 + fee 8,800 + VAT 7,128 = 125,928 | 125,928 × 1.03 = 129,705.84 |
| 甲楼 security  | contracted  | 10,000 | the same                                      | 129,705.84                             |
| 乙楼 cleaning  | in house, 4 | 4,000  | wages 100,000 + materials 10,000              | 100,000 × 1.32 × 1.12 + 10,000 = 157,840 |
| 乙楼 security  | in house, 4 | 4,000  | the same                                      | 157,840                                |
| 丙楼 cleaning  | labour only | 6,000  | wages 100,000 + materials 10,000              | 100,000 × 1.05 + 10,000 = 115,000      |
| 丙楼 security  | in house, 4 | 6,000  | the same                                      | 157,840                                |
| energy        | at actual   |        | 40 CNY/m²: 400,000 + 160,000 + 240,000        | 800,000                                |

Only 甲楼 is shared by two departments. Every worker earns 100,000 / 4 = 25,000 a year.
"""
import json

import numpy as np
import pytest

from core.domain import costing, quality, standards
from core.simulation.levers import LEVERS, LeverError, decode, encode, parse_levers, to_json
from core.simulation.model import Result, evaluate, run, simulate
from core.simulation.plan import MODEL_INPUTS, prepare
from tests.factories import gate_city, load_city, tiny_city

FULL_COST = 2 * 129_705.84 + 3 * 157_840 + 115_000 + 800_000  # = 1,647,931.68


def lever(result: Result, name: str) -> float:
    w = result.waterfall.set_index("lever")["saving"]
    return float(w[name])


def test_baseline_is_the_base_years_full_cost(tiny):
    r = simulate(tiny, {})
    assert r.base_cost == pytest.approx(FULL_COST)
    assert r.base_cost == pytest.approx(costing.select(costing.arrangement_costs(tiny), year=2025)["full_cost"].sum())
    assert r.years == (2026, 2027, 2028, 2029, 2030)  # the year after the base year, the book's 5 years
    # no lever: nothing saved, nothing to pay back
    assert r.waterfall.empty and r.npv == 0 and r.payback_year is None and r.transition_total == 0


def test_baseline_grows_with_wages_and_prices(tiny):
    r = simulate(tiny, {"horizon_years": 3})
    # labour-driven (wages, on-costs, fees, VAT, indirect cost) grows 5% a year, the rest 2%:
    # price-driven = materials 6 × 10,000 + energy 800,000 = 860,000 (the 3% administration on the
    # contracted materials is indirect cost: labour-driven); labour-driven = 1,647,931.68 − 860,000
    labour, price = 787_931.68, 860_000.0
    assert r.baseline[0] == pytest.approx(labour * 1.05 + price * 1.02)
    assert r.baseline[2] == pytest.approx(labour * 1.05**3 + price * 1.02**3)


def test_unified_management_saves_on_the_indirect_cost_of_shared_buildings(tiny):
    r = simulate(tiny, {"unified_management": True})
    # only 甲楼 is shared: contract administration 0.03 × 125,928 × 2 = 7,555.68; 15% of it
    assert lever(r, "unified_management") == pytest.approx(7_555.68 * 0.15)  # 1,133.352


def test_fee_cap_caps_items_above_the_standard_and_agrees_with_the_standards_page(tiny):
    r = simulate(tiny, {"fee_cap": {"enabled": True}})
    # 乙楼 security (tier 3, 4,000 m²): standard 1.98 CNY/m²·month → 1.98 × 4,000 × 12 = 95,040;
    # × 1.05 = 99,792; recorded 110,000 → 10,208 above. Every other item is within its cap.
    assert lever(r, "fee_cap") == pytest.approx(10_208)
    bench = standards.benchmark(tiny, 2025, amber=0.1, red=0.25)
    assert lever(r, "fee_cap") == pytest.approx(standards.capped_fee_release(bench, tolerance=0.05))
    # a tolerance of its own: 20% → 95,040 × 1.2 = 114,048 > 110,000: nothing to cap
    assert lever(simulate(tiny, {"fee_cap": {"enabled": True, "tolerance": 0.2}}), "fee_cap") == 0


def test_fee_cap_on_the_demo_city_is_the_standards_figure(demo_portfolio):
    r = simulate(demo_portfolio, {"fee_cap": {"enabled": True}})
    year = demo_portfolio.latest_year
    bench = standards.benchmark(demo_portfolio, year, amber=0.1, red=0.25)
    assert lever(r, "fee_cap") == pytest.approx(standards.capped_fee_release(bench, tolerance=0.05))


def test_bundled_procurement_prices_a_larger_lot_lower(tiny):
    plan = prepare(tiny, {"bundling": {"cleaning": 1}})
    r = run(plan)
    # one lot: 甲楼 (contracted, 10,000 m² on its contract) and 丙楼 (labour only, 6,000 m²) = 16,000 m².
    # saving of an item = s·(exp(−A_today/c) − exp(−A_lot/c)) × fee, s = 8%, c = 30,000 m²:
    # 甲楼: 0.08 × (e^−0.3333 − e^−0.5333) = 0.08 × (0.716531 − 0.586646) × 125,928 = 1,308.49
    # 丙楼: 0.08 × (e^−0.2000 − e^−0.5333) = 0.08 × (0.818731 − 0.586646) × 100,000 = 1,856.68
    expected = 0.08 * ((np.exp(-1 / 3) - np.exp(-16 / 30)) * 125_928 + (np.exp(-0.2) - np.exp(-16 / 30)) * 100_000)
    assert lever(r, "bundling") == pytest.approx(expected)
    assert expected == pytest.approx(3_165.17, abs=0.01)
    assert plan.lots[["service", "lot", "area"]].values.tolist() == [["cleaning", 1, 16_000.0]]
    assert r.transition == {"severance": 0.0, "tendering": 50_000.0, "handover": 0.0}  # one tender per lot


def test_staff_pooling_releases_staff_above_the_norm_of_a_district(tiny):
    r = simulate(tiny, {"staff_pooling": True})
    # all three buildings are in 城中; contracted items are not pooled.
    # cleaning: 乙楼 4 in house + 丙楼 4 labour-only = 8 workers; norm 4,000/2,941 + 6,000/2,500 = 3.76 → 4:
    #   4 above, half realised → 0.5 × 4/8 × (乙 132,000 + 15,840 overhead + 丙 100,000 + 5,000 supervision)
    #   = 0.25 × 252,840 = 63,210
    # security: 乙楼 4 + 丙楼 4 in house = 8; norm 4,000/4,706 + 6,000/4,000 = 2.35 → 3: 5 above
    #   → 0.5 × 5/8 × (147,840 + 147,840) = 92,400
    assert lever(r, "staff_pooling") == pytest.approx(63_210 + 92_400)


def test_energy_management_saves_a_share_of_the_energy_bill(tiny):
    r = simulate(tiny, {"energy": True, "horizon_years": 3})
    assert lever(r, "energy") == pytest.approx(0.05 * 800_000)  # 40,000 a year at 2025 prices
    # energy is price-driven: 40,000 × 1.02, × 1.02², × 1.02³; discounted at 8% from the end of each year
    flows = [40_000 * 1.02**k for k in (1, 2, 3)]
    assert r.saving.tolist() == pytest.approx(flows)
    # 40,800 / 1.08 + 41,616 / 1.1664 + 42,448.32 / 1.259712 = 37,777.78 + 35,679.01 + 33,696.85
    assert r.npv == pytest.approx(sum(f / 1.08**k for k, f in enumerate(flows, start=1)))
    assert r.npv == pytest.approx(107_153.64, abs=0.01)
    assert r.payback_year == 2026  # nothing to pay back: the first year already saves


def test_quality_gate_applies_the_score_bands_to_fees(session):
    # 甲楼 cleaning scores 70 every quarter of 2025: below pass, −8% of its fee; everything else 90 (good, 0)
    p = load_city(session, gate_city(scores={("甲楼", q): (70.0, 90.0) for q in (1, 2, 3, 4)}))
    r = simulate(p, {"quality_gate": True})
    assert lever(r, "quality_gate") == pytest.approx(0.08 * 125_928)  # 10,074.24
    assert lever(r, "quality_gate") == pytest.approx(-quality.fee_adjustments(p, 2025)["effect"].sum())


def test_a_conversion_counts_with_its_transition_costs(tiny):
    plan = prepare(tiny, {"conversions": [{"building": "乙楼", "service": "cleaning", "to": "contracted"}],
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
    # first year (2026): severance 100,000/12 × 5 years × 1 month = 41,666.67, at 2026 wages × 1.05 = 43,750;
    # hand-over one month of today's cost: 147,840/12 × 1.05 + 10,000/12 × 1.02 = 12,936 + 850; one tender 50,000
    assert r.transition == pytest.approx({"severance": 43_750, "tendering": 50_000, "handover": 13_786})
    # net: 2026 30,172.80 × 1.05 + 10,000 × 1.02 − 107,536 = −65,654.56; 2027 +43,669.51 (still −21,985.05);
    # 2028 +45,540.87 → positive: paid back in 2028
    assert r.net.tolist() == pytest.approx([-65_654.56, 43_669.51, 45_540.87], abs=0.01)
    assert r.payback_year == 2028
    # the hurdle: the differential each year, grown with wages and discounted
    hurdle = sum(13_200 * 1.05**k / 1.08**k for k in (1, 2, 3))
    assert r.hurdle_npv == pytest.approx(hurdle)
    assert r.beats_hurdle == (r.npv > hurdle)


def test_conversions_below_the_hurdle_or_without_saving_do_not_count(tiny):
    plan = prepare(tiny, {"conversions": [
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


def test_a_restricted_item_is_never_converted_even_when_the_levers_ask(session):
    city = tiny_city()
    a = city["arrangements"]
    a.loc[(a["building"] == "乙楼") & (a["service"] == "security"), "restricted"] = "true"
    a.loc[(a["building"] == "甲楼") & (a["service"] == "security"), "restricted"] = "true"
    p = load_city(session, city)
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


def test_levers_act_in_order_so_nothing_is_saved_twice(tiny):
    # the 乙楼 security fee cap (10,208) and pooling both touch 乙楼 security: pooling works on the fee left
    capped = simulate(tiny, {"fee_cap": {"enabled": True}, "staff_pooling": True})
    alone = simulate(tiny, {"staff_pooling": True})
    # 乙楼 security's wages left after the cap: 110,000 − 10,208 = 99,792 of 110,000 (× 0.907200):
    # its personnel in the pool falls from 132,000 to 119,750.40; released share 0.3125 → 3,828 less
    assert lever(capped, "staff_pooling") == pytest.approx(lever(alone, "staff_pooling") - 0.3125 * 132_000 * 10_208 / 110_000)
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


def test_lever_problems_read_in_chinese_with_labels_not_codes(tiny):
    with pytest.raises(LeverError) as caught:
        parse_levers({"fee_cap": {"tolerance": -1}, "conversions": [{"building": "甲楼", "service": "cleaning",
                                                                    "to": "elsewhere"}]})
    zh = caught.value.text("zh")
    assert "“收费封顶 · 容差”的取值不在允许范围内" in zh and "“模式转换 · 转为”" in zh
    assert "fee_cap" not in zh and "tolerance" not in zh and "conversions" not in zh
    with pytest.raises(LeverError) as caught:
        prepare(tiny, {"scope": {"buildings": ["丁楼"]}, "start_year": 2026})
    assert caught.value.text("zh") == "数据中没有名为 '丁楼' 的办公楼/区"
    with pytest.raises(LeverError) as caught:
        prepare(tiny, {"start_year": 2025})
    assert caught.value.text("zh") == "起始年份须晚于基年 2025 年、且不晚于 2035 年"


def test_unknown_buildings_and_bad_years_are_refused(tiny):
    with pytest.raises(LeverError, match="no building named '丁楼'"):
        prepare(tiny, {"scope": {"buildings": ["丁楼"]}})
    with pytest.raises(LeverError, match="start_year"):
        prepare(tiny, {"start_year": 2025})


def test_canonical_json_and_links_round_trip():
    a = parse_levers({"energy": True, "conversions": [
        {"building": "乙楼", "service": "security", "to": "contracted"},
        {"building": "甲楼", "service": "cleaning", "to": "in_house"},
        {"building": "乙楼", "service": "security", "to": "labour_only"}]})
    data = json.loads(to_json(a))
    # sorted, and the later of two conversions of the same item wins
    assert data["conversions"] == [{"building": "乙楼", "service": "security", "to": "labour_only"},
                                   {"building": "甲楼", "service": "cleaning", "to": "in_house"}]
    assert "horizon_years" not in data  # defaults are left out: the scenario follows the book
    assert to_json(decode(encode(a))) == to_json(a)
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


def test_evaluate_is_one_function_of_the_factors(tiny):
    plan = prepare(tiny, {"energy": True, "unified_management": True})
    theta = np.repeat(plan.theta0[:, None], 3, axis=1)
    i = MODEL_INPUTS.index("energy_saving_rate")
    theta[i] = [0.0, 0.05, 0.10]
    d = evaluate(plan, theta)
    assert d.lever_saving[LEVERS.index("energy")].tolist() == pytest.approx([0, 40_000, 80_000])
    assert d.npv[1] == pytest.approx(run(plan).npv)  # the middle column is the book's values
    assert d.npv[2] - d.npv[1] == pytest.approx(d.npv[1] - d.npv[0])  # linear in the rate


def test_portfolio_without_energy_scope(tiny):
    r = simulate(tiny, {"energy": True, "scope": {"services": ["cleaning"]}})
    assert lever(r, "energy") == 0  # energy is not in scope
    assert r.base_cost == pytest.approx(2 * 157_840 / 2 + 129_705.84 + 115_000)  # the three cleaning items

