"""The Compare page shows what core computes, in both languages, and follows its filters."""
import json

import pytest

from core.domain import compare, costing
from core.views import compare as compare_views
from tests.app.conftest import assert_clean, open_lazy, run_app, shown

PAGE = "pages/compare.py"


def charts(at):
    return {json.loads(c.proto.spec)["layout"]["title"]["text"]: json.loads(c.proto.spec)
            for c in at.get("plotly_chart")}


def table(at, index: int = 0):
    return at.dataframe[index].value.reset_index(drop=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_mode_table_equals_core(lang, demo_portfolio):
    at = run_app(lang, PAGE)
    assert_clean(at)
    assert at.title[0].value == ("模式对比" if lang == "zh" else "Compare modes")
    expected = compare_views.mode_display(compare.mode_comparison(compare.building_measures(demo_portfolio, 2025)), lang)
    assert table(at).equals(expected)
    takeaways = [shown(m.value) for m in at.markdown]
    adj = compare.adjusted_comparison(compare.building_measures(demo_portfolio, 2025))
    assert f"**{compare_views.adjusted_sentence(adj, lang)}**" in takeaways
    assert len(at.get("plotly_chart")) == 3  # spread, composition, the open check: only open tabs run
    assert len(at.tabs) == 3 + 2
    open_lazy(at, "compare_checks", "费用与服务质量" if lang == "zh" else "Cost and service quality")
    assert_clean(at)
    assert [c.key for c in at.get("plotly_chart")][-1] == "chart-compare-quality"


def test_filters_change_the_figures(demo_portfolio):
    at = run_app("en", PAGE)
    before = charts(at)
    ids = demo_portfolio.buildings.set_index("name")["id"]
    picked = [int(ids[n]) for n in ("市行政中心", "财税大楼", "市档案馆", "群团大楼", "城建大楼")]
    at.selectbox(key="compare_year").set_value(2021)
    at.multiselect(key="compare_services").set_value(["cleaning", "security"])
    at.multiselect(key="compare_buildings").set_value(picked).run()
    assert_clean(at)
    m = compare.building_measures(demo_portfolio, 2021, services=("cleaning", "security"), buildings=tuple(picked))
    assert table(at).equals(compare_views.mode_display(compare.mode_comparison(m), "en"))
    after = charts(at)
    title = "Normalised measures, one dot per building"
    assert after[title]["data"] != before[title]["data"]
    assert sorted(n for tr in after[title]["data"][:4] for n in tr.get("hovertext", [])) == sorted(m["building"])


def test_tax_neutral_toggle(demo_portfolio):
    at = run_app("zh", PAGE)
    at.toggle(key="compare_tax_neutral").set_value(True).run()
    assert_clean(at)
    m = compare.building_measures(demo_portfolio, 2025, tax_neutral=True)
    assert table(at).equals(compare_views.mode_display(compare.mode_comparison(m), "zh"))


def test_departments_tab_shares_the_whole_cost(demo_portfolio):
    at = open_lazy(run_app("zh", PAGE), "compare_tab", "部门费用与分摊")
    assert_clean(at)
    assert len(at.get("plotly_chart")) == 1  # the departments' chart alone
    year = costing.select(costing.arrangement_costs(demo_portfolio), year=2025)
    departments = table(at, 0)
    expected = compare_views.department_display(costing.department_table(demo_portfolio, year), "zh")
    assert departments.equals(expected)
    assert departments["分摊全成本（万元）"].sum() == pytest.approx(year["full_cost"].sum() / 1e4, abs=0.5)
    at.button_group(key="compare_basis").set_value("staff").run()
    assert_clean(at)
    by_staff = compare_views.department_display(costing.department_table(demo_portfolio, year, basis="staff"), "zh")
    assert table(at, 0).equals(by_staff)


def test_show_the_working_for_any_building(demo_portfolio):
    at = open_lazy(run_app("en", PAGE), "compare_tab", "Show the working")
    ids = demo_portfolio.buildings.set_index("name")["id"]
    at.selectbox(key="compare_working_building").set_value(int(ids["市档案馆"])).run()
    assert_clean(at)
    year = costing.select(costing.arrangement_costs(demo_portfolio), year=2025)
    ex = compare_views.working_exhibit(demo_portfolio, year, int(ids["市档案馆"]), "en")
    assert table(at, 0).equals(ex.data.reset_index(drop=True))
    assert f"**{ex.takeaway}**" in [shown(m.value) for m in at.markdown]
    assert {"Factor used", "Value", "Unit", "Source"} <= set(ex.data.columns)
