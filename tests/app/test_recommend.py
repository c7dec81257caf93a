"""最优方案 Recommend in AppTest: both languages, every view, saving the plan as a scenario, and an
infeasible set of constraints told in one line naming them."""
import json

import pytest
from sqlmodel import Session

from core.simulation.levers import parse_levers
from core.store import db, scenario_rows
from core.views import recommend_form as form
from tests.app.conftest import assert_clean, open_lazy, run_app

PAGE = "pages/recommend.py"


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plan_in_one_sentence_with_its_grid(lang):
    at = run_app(lang, PAGE)
    assert_clean(at)
    assert at.title[0].value == ("最优方案" if lang == "zh" else "Recommend")
    headline = at.markdown[0].value
    assert headline.startswith("##### ") and ("推荐方案" in headline if lang == "zh" else "Recommended" in headline)
    assert len(at.metric) == 5
    grid = charts(at)[0]
    assert grid["data"][0]["type"] == "heatmap"
    assert len(at.dataframe) == 2  # the changes and the people by year


def test_every_view_runs():
    at = run_app("zh", PAGE)
    for view, n in (("frontier", 2), ("reasons", 0), ("method", 0)):
        at.button_group(key="rec_view").set_value(view).run()
        assert_clean(at)
        assert len(charts(at)) == n, view
    assert "HiGHS" in at.markdown[-1].value or any("HiGHS" in m.value for m in at.markdown)


def test_save_the_plan_as_a_scenario(demo_copy):
    at = run_app("zh", PAGE)
    at.text_input(key="rec_save_name").set_value("最优方案一").run()
    at.button(key="rec_save_new").click().run()
    assert_clean(at)
    assert any("最优方案一" in s.value for s in at.success)
    engine = db.make_engine(f"sqlite:///{demo_copy}")
    with Session(engine) as s:
        row = scenario_rows.get_scenario(s, name="最优方案一")
    engine.dispose()
    assert row is not None and parse_levers(row.levers).conversions  # a plan that changes deliveries


def test_conflicting_constraints_are_named_in_one_line():
    at = open_lazy(run_app("zh", PAGE), "rec_group_constraints")  # (AppTest drops ?lang=en on later reruns)
    at.toggle(key=form.on_key("people_per_year")).set_value(True).run()
    at.number_input(key=form.value_key("people_per_year")).set_value(0).run()
    at.multiselect(key=form.force_key("contracted")).set_value(["农业农村大楼|canteen"]).run()
    assert not at.exception
    assert len(at.error) == 1
    text = at.error[0].value
    assert "无法同时满足" in text and "每年最多影响 0 人" in text and "指定 农业农村大楼 · 餐饮 改为整体外包" in text
    open_lazy(at, "rec_group_constraints", False)  # the group closed: its settings are kept, and still apply
    assert not at.exception
    assert form.on_key("people_per_year") not in [w.key for w in at.toggle]  # not drawn
    assert len(at.error) == 1 and "无法同时满足" in at.error[0].value
