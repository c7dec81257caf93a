"""执行跟踪 Delivery in AppTest, and adopting a saved scenario as the plan on the Consolidation page."""
import json

import pytest
from sqlmodel import Session

from core.store import db, plan_rows
from tests.app.conftest import assert_clean, run_app

PAGE = "pages/delivery.py"


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_delivery_page_tells_the_demo_plans_story(lang):
    at = run_app(lang, PAGE)
    assert_clean(at)
    assert at.title[0].value == ("执行跟踪" if lang == "zh" else "Delivery")
    headline = at.markdown[0].value
    assert "2023年保洁集中采购与收费封顶" in headline and "市行政中心" in headline
    assert len(at.metric) == 4 and len(charts(at)) == 2
    table = at.dataframe[0].value
    assert set(table.iloc[:, 0]) == {2023, 2024, 2025}
    assert at.query_params["plan"] == "2023年保洁集中采购与收费封顶"


def test_adopting_a_saved_scenario_makes_a_plan_the_delivery_page_shows(demo_copy):
    at = run_app("zh", "pages/consolidation.py", scenario="标准先行")
    assert_clean(at)
    at.text_input(key="adopt_name").set_value("2026年标准先行计划")
    at.text_input(key="adopt_by").set_value("领导小组第三次会议")
    at.button(key="adopt_go").click().run()
    assert_clean(at)
    assert at.success[0].value == "已采纳为计划“2026年标准先行计划”（第 1 版）。"
    engine = db.make_engine(f"sqlite:///{demo_copy}")
    with Session(engine) as s:
        plan = plan_rows.get_plan(s, name="2026年标准先行计划")
        assert plan is not None and plan.approved_by == "领导小组第三次会议" and plan.scenario_name == "标准先行"
        assert plan.first_year == 2026 and len(plan_rows.forecast(s, plan_id=plan.id)) > 0
    engine.dispose()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert "2026年标准先行计划" in at.selectbox(key="delivery_plan").format_func(at.selectbox(key="delivery_plan").value)
    assert "账面尚无该年的记录" in at.markdown[0].value  # it starts in 2026: nothing to track yet


def test_a_changed_scenario_cannot_be_adopted_until_saved():
    at = run_app("zh", "pages/consolidation.py", scenario="标准先行")
    at.toggle(key="sim_pool").set_value(True).run()
    assert any("请先保存方案" in i.value for i in at.info)
    assert "adopt_go" not in [b.key for b in at.button]
