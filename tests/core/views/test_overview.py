"""The Overview's spending by service item: rounded once, the same figures in chart, table and pack."""
import pytest

from core.views import overview
from core.views.exhibits import PackOptions


def test_service_rows_of_the_tiny_city(tiny):
    rows = overview.service_rows(tiny, 2025, "zh")
    # energy 800,000 = 80.0 万元 (53.6% of 1,491,856); cleaning and security 345,928 = 34.6 万元 (23.2%) each;
    # services with no spending are left out
    assert rows["service"].tolist() == ["能耗", "保洁", "秩序维护"]
    assert rows["spend"].tolist() == [80.0, 34.6, 34.6]
    assert rows["share"].tolist() == [53.6, 23.2, 23.2]
    # cleaning: in-house 39.46 → 39.5, labour-only 19.17 → 19.2, contracted 12.97 → 13.0 元/㎡·年
    cleaning = rows.set_index("code").loc["cleaning"]
    assert (cleaning["in_house_per_m2"], cleaning["labour_only_per_m2"], cleaning["contracted_per_m2"]) == (39.5, 19.2, 13.0)
    assert cleaning["cheapest_text"] == "整体外包" and cleaning["cheapest_per_m2"] == 13.0
    assert rows.set_index("code").at["energy", "cheapest_text"] == "按实支付"


def test_the_chart_shows_the_table_figures(tiny):
    v = overview.overview_view(tiny, 2025, "zh")
    ex = v.exhibits[2]
    assert ex.key == "overview-services"
    labels = [text for trace in ex.figure.data for text in trace.text]
    table = v.services
    shown = [f"{s:,.1f} · {p:.1f}%" for s, p in zip(table["支出（万元）"], table["占比（%）"])]
    assert sorted(labels) == sorted(shown)  # the same rounded figures, no second rounding
    # the takeaway adds the three shares shown: 53.6 + 23.2 + 23.2 = 100.0
    assert "能耗（53.6%）、保洁（23.2%）和秩序维护（23.2%），合计占 100.0%" in ex.takeaway
    assert "按每平方米全成本最省的是整体外包 2 项" in ex.takeaway


def test_in_english_and_with_a_delivery_alone(tiny):
    rows = overview.service_rows(tiny, 2025, "en").set_index("code")
    # security is in-house in 乙楼 and 丙楼 and contracted in 甲楼: two ways, contracted is cheaper
    assert rows.at["security", "cheapest_text"] == "Contracted"
    ex = overview.overview_view(tiny, 2025, "en").exhibits[2]
    assert ex.takeaway.startswith("In 2025 the most went to Energy (53.6%), Cleaning (23.2%) and Security and order (23.2%)")
    assert "contracted for 2" in ex.takeaway


def test_the_pack_carries_the_same_service_figures(demo_portfolio):
    content = overview.overview_section(demo_portfolio, "zh", PackOptions())
    keys = [ex.key for ex in content.exhibits]
    assert keys == ["overview-mode-mix", "overview-trend", "overview-services", "overview-budget"]
    page = overview.overview_view(demo_portfolio, demo_portfolio.latest_year, "zh")
    pack_data = content.exhibits[2].data.set_index("服务项目")
    table = page.services.set_index("服务项目")
    assert pack_data["支出（万元）"].equals(table["支出（万元）"])
    assert pack_data["占比（%）"].equals(table["占比（%）"])
    assert content.assumptions and content.caveats
    # one item is delivered one way only (机要保密服务, in-house): said in words, not a blank
    assert "仅自我保障" in table["最省方式"].tolist()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_service_string_in_both_languages(demo_portfolio, lang):
    rows = overview.service_rows(demo_portfolio, demo_portfolio.latest_year, lang)
    assert rows["cheapest_text"].map(bool).all()
