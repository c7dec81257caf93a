"""The fair comparison: per-building measures on the tiny city by hand, and the adjusted comparison
recovering mode effects planted in synthetic data."""
import numpy as np
import pandas as pd
import pytest

from core.domain import compare
from core.views import compare as compare_views
from tests.core.domain.test_costing import FULL, MIXED, SELF


def test_measures_of_the_tiny_city_by_hand(tiny):
    m = compare.building_measures(tiny, 2025).set_index("building")
    assert m.at["甲楼", "mode"] == "full" and m.at["甲楼", "full_cost"] == pytest.approx(FULL)
    assert m.at["甲楼", "cost_per_m2"] == pytest.approx(FULL / 10_000)
    # 甲楼 serves 甲局's 50 and 乙局's 30 staff; 8 vendor workers on its two contracts
    assert m.at["甲楼", "served_staff"] == 80
    assert m.at["甲楼", "cost_per_staff"] == pytest.approx(FULL / 80)
    assert m.at["甲楼", "cost_per_worker"] == pytest.approx(FULL / 8)
    assert m.at["乙楼", "age"] == 2025 - 1990 and m.at["乙楼", "tier"] == 3
    assert np.isnan(m.at["乙楼", "quality"])  # the tiny city has no assessments


def test_budget_volatility_by_hand(tiny):
    m = compare.building_measures(tiny, 2025).set_index("building")
    # every building spent 1/1.05 of its budget in 2024 and 1/0.95 in 2025
    r = np.array([1 / 1.05, 1 / 0.95])
    assert m.at["乙楼", "budget_cv"] == pytest.approx(r.std(ddof=1) / r.mean())  # ≈ 0.0707
    assert np.allclose(m["budget_cv"], m.at["乙楼", "budget_cv"])


def test_mode_comparison_of_the_tiny_city(tiny):
    s = compare.mode_comparison(compare.building_measures(tiny, 2025)).set_index("mode")
    assert s.index.tolist() == ["full", "partial", "mixed", "self"]
    assert s.at["self", "annual_cost"] == pytest.approx(SELF)
    assert s.at["self", "cost_per_m2"] == pytest.approx(118.92)
    assert s.at["mixed", "cost_per_m2"] == pytest.approx(MIXED / 6_000)
    assert s.at["partial", "buildings"] == 0 and np.isnan(s.at["partial", "cost_per_m2"])
    assert s.at["self", "staff_in_house"] == 8 and s.at["full", "staff_vendor"] == 8


def test_filters_select_services_and_buildings(tiny):
    ids = tiny.buildings.set_index("name")["id"]
    only = compare.building_measures(tiny, 2025, services=["energy"], buildings=[int(ids["乙楼"])])
    assert only["building"].tolist() == ["乙楼"]
    assert only["full_cost"].iloc[0] == pytest.approx(160_000)  # 40 CNY/m² × 4,000 m²
    assert only["workers"].iloc[0] == 0 and np.isnan(only["cost_per_worker"].iloc[0])
    assert compare.building_measures(tiny, 2019).empty  # no ledger that year


def test_composition_per_m2(tiny):
    c = compare.composition(compare.building_measures(tiny, 2025)).set_index("mode")
    assert "partial" not in c.index
    assert c.at["self", "full_cost"] == pytest.approx(118.92)
    # 乙楼's energy is 40 CNY/m²; its recorded spending 220,000 + 160,000 over 4,000 m² = 95
    assert c.at["self", "energy"] == pytest.approx(40) and c.at["self", "recorded"] == pytest.approx(95)


# --- the adjusted comparison ----------------------------------------------------------------------
PLANTED = {"full": -0.15, "partial": -0.10, "mixed": -0.05, "self": 0.0}  # log differences from self


def planted_city(n: int, seed: int, effects: dict[str, float] = PLANTED, noise: float = 0.10) -> pd.DataFrame:
    """Buildings whose log cost per m² is 180 CNY × the mode effect, with size, age and tier effects."""
    rng = np.random.default_rng(seed)
    modes = np.array(list(effects))[np.arange(n) % 4]
    area = np.exp(rng.normal(np.log(9_000), 0.7, n))
    age = rng.integers(3, 40, n)
    tier = rng.integers(1, 4, n)
    log_cost = (np.log(180) + np.array([effects[m] for m in modes]) - 0.08 * (np.log(area) - 9)
                + 0.004 * age - 0.06 * tier + rng.normal(0, noise, n))
    return pd.DataFrame({"mode": modes, "cost_per_m2": np.exp(log_cost), "area_m2": area, "age": age, "tier": tier})


def test_adjusted_comparison_recovers_a_planted_effect():
    adj = compare.adjusted_comparison(planted_city(400, seed=1))
    assert adj.ok and adj.reference == "self" and adj.n == 400 and adj.df == 400 - 7
    e = adj.effects.set_index("mode")
    for mode, b in PLANTED.items():
        if mode == "self":
            continue
        truth = np.expm1(b)  # the proportional difference, e.g. −13.9 % for full
        assert e.at[mode, "low"] < truth < e.at[mode, "high"], mode
        assert e.at[mode, "significant"]
    assert adj.kruskal_p is not None and adj.kruskal_p < 0.05


def test_intervals_cover_the_truth_about_95_percent_of_the_time():
    covered = []
    for seed in range(300):  # 16 buildings, like the demo city
        e = compare.adjusted_comparison(planted_city(16, seed=seed)).effects.set_index("mode")
        covered.append(e.at["full", "low"] < np.expm1(PLANTED["full"]) < e.at["full", "high"])
    assert 0.91 <= np.mean(covered) <= 0.99


def test_no_effect_is_not_called_significant_with_few_buildings():
    adj = compare.adjusted_comparison(planted_city(16, seed=5, effects=dict.fromkeys(PLANTED, 0.0)))
    assert not adj.effects["significant"].any()
    sentence = compare_views.adjusted_sentence(adj, "en")
    assert "no mode differs significantly" in sentence and "16 buildings" in sentence


def test_sentences_in_both_languages():
    adj = compare.adjusted_comparison(planted_city(400, seed=1))
    zh, en = compare_views.adjusted_sentence(adj, "zh"), compare_views.adjusted_sentence(adj, "en")
    assert "差异显著" in zh and "完全社会化" in zh and "秩和检验" in zh
    assert "differ significantly from Self-provided" in en and "rank test" in en


def test_too_few_buildings_says_so():
    few = planted_city(16, seed=2).iloc[:5]
    adj = compare.adjusted_comparison(few)
    assert not adj.ok
    assert "5" in compare_views.adjusted_sentence(adj, "zh")
    one_mode = planted_city(40, seed=2).assign(mode="full")
    assert not compare.adjusted_comparison(one_mode).ok
    assert compare.adjusted_comparison(one_mode).reference == "full"  # no self-provided building


def test_demo_city_exhibits(demo_portfolio):
    m = compare.building_measures(demo_portfolio, 2025)
    assert len(m) == 16 and m["quality"].notna().all() and m["budget_cv"].notna().all()
    exhibits = compare_views.compare_exhibits(demo_portfolio, m, 2025, "zh")
    assert [e.key for e in exhibits] == ["compare-spread", "compare-composition", "compare-adjusted",
                                         "compare-quality"]
    assert all(e.takeaway and len(e.data) for e in exhibits)
    assert "16 栋楼" in exhibits[2].takeaway  # the honest caveat
    old = compare_views.compare_exhibits(demo_portfolio, compare.building_measures(demo_portfolio, 2020), 2020, "en")
    assert "no quality assessments for 2020" in old[3].takeaway


def test_mode_display_reads_across(tiny):
    d = compare_views.mode_display(compare.mode_comparison(compare.building_measures(tiny, 2025)), "en")
    assert d.columns.tolist() == ["Measure", "Full outsourcing", "Partial outsourcing", "Mixed", "Self-provided"]
    row = d.set_index("Measure").loc["Full cost per m² (CNY/yr)"]
    assert row["Self-provided"] == "119" and row["Partial outsourcing"] == "—"


def test_the_compare_section_of_the_meeting_pack(demo_portfolio):
    from core.sharing import pack
    from core.views.exhibits import PackOptions

    assert pack.SECTIONS["compare"].title_key == "page.compare"
    content = compare_views.compare_section(demo_portfolio, "en", PackOptions(year=2024))
    assert [e.key for e in content.exhibits] == ["compare-spread", "compare-composition", "compare-adjusted",
                                                 "compare-quality", "compare-departments"]
    m = compare.building_measures(demo_portfolio, 2024)
    figures = dict(content.key_figures)
    assert figures["Full cost in 2024"] == f"CNY {m['full_cost'].sum() / 1e6:,.2f} m"
    assert set(content.assumptions) >= {"on_cost_rate", "overhead_rate", "supervision_rate", "contract_admin_rate"}
    assert all(demo_portfolio.book.factor(k) for k in content.assumptions)  # every key is in the book


def test_the_full_pack_carries_every_section_as_html_and_excel(demo_portfolio):
    from core.sharing import pack
    from core.views.exhibits import PackOptions

    doc = pack.collect(demo_portfolio, "zh", PackOptions())
    keys = [ex.key for _, ex in doc.exhibits]
    assert keys[:4] == ["overview-mode-mix", "overview-trend", "overview-services", "overview-budget"]
    assert {"compare-adjusted", "compare-departments", "standards-map", "standards-outliers"} <= set(keys)
    built = pack.build(doc, formats=["html", "xlsx"], renderer=None)
    html = built.files["html"].data.decode("utf-8")
    assert html.count("Plotly.newPlot(") == len(keys)
    assert "间接费用率" in html or "自我保障间接费用率" in html  # the factors used are listed with sources


def test_the_cheapest_mode_is_total_over_area_with_the_median_as_a_check(tiny):
    s = compare.mode_comparison(compare.building_measures(tiny, 2025))
    c = compare.cheapest_mode(s)
    # full 659,411.68 / 10,000 m² = 65.94; mixed 512,840 / 6,000 = 85.47; self 475,680 / 4,000 = 118.92
    assert c is not None and c.mode == "full" and c.cost_per_m2 == pytest.approx(65.9411680)
    # one building per mode: the median names the same mode
    assert c.median_mode == "full" and c.robust and c.buildings == 1
    assert compare.cheapest_mode(s.assign(buildings=0)) is None


def test_spending_by_service_and_the_cheapest_delivery_by_hand(tiny):
    s = compare.service_spending(tiny, 2025).set_index("service")
    # recorded: cleaning 125,928 (甲, contracted) + 110,000 (乙) + 110,000 (丙) = 345,928, security the same;
    # energy 40 CNY/m² × 20,000 m² = 800,000; in all 1,491,856
    assert s.at["cleaning", "recorded"] == pytest.approx(345_928)
    assert s.at["energy", "recorded"] == pytest.approx(800_000)
    assert s.at["cleaning", "share"] == pytest.approx(345_928 / 1_491_856)
    assert s["share"].sum() == pytest.approx(1.0)
    # full cost per m² of each delivery of cleaning: in-house 157,840 / 4,000 = 39.46; labour-only
    # 115,000 / 6,000 = 19.17; contracted 129,705.84 / 10,000 = 12.97 → contracted is the cheapest
    assert s.at["cleaning", "in_house_per_m2"] == pytest.approx(39.46)
    assert s.at["cleaning", "labour_only_per_m2"] == pytest.approx(115_000 / 6_000)
    assert s.at["cleaning", "contracted_per_m2"] == pytest.approx(12.970584)
    assert s.at["cleaning", "cheapest"] == "contracted" and s.at["cleaning", "cheapest_per_m2"] == pytest.approx(12.970584)
    # security: in-house in 乙楼 and 丙楼, (157,840 × 2) / 10,000 = 31.568, over 2 buildings
    assert s.at["security", "in_house_per_m2"] == pytest.approx(31.568) and s.at["security", "in_house_buildings"] == 2
    assert np.isnan(s.at["security", "labour_only_per_m2"]) and s.at["security", "labour_only_buildings"] == 0
    # energy is paid at actual: no delivery, nothing to compare
    assert s.at["energy", "paid_at_actual"] and s.at["energy", "cheapest"] == ""
    assert np.isnan(s.at["energy", "cheapest_per_m2"])
    # a service the city does not have: no spending, no cheapest
    assert s.at["canteen", "recorded"] == 0 and s.at["canteen", "cheapest"] == ""
