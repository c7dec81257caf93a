"""方案比较 Scenarios in AppTest: saved scenarios side by side; rename, duplicate, delete; stale refusals."""
import pytest
from sqlmodel import Session

from core.simulation import scenarios
from core.store import db, scenario_rows
from tests.app.conftest import assert_clean, open_lazy, run_app, shown
from tests.factories import person

PAGE = "pages/scenarios.py"


def names(path):
    engine = db.make_engine(f"sqlite:///{path}")
    with Session(engine) as s:
        out = scenario_rows.list_scenarios(s)["name"].tolist()
    engine.dispose()
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_saved_scenarios_side_by_side(lang):
    at = run_app(lang, PAGE)
    assert_clean(at)
    assert at.title[0].value == ("方案比较" if lang == "zh" else "Scenarios")
    assert at.multiselect(key="compare").value == ["全面整合", "标准+集中采购", "标准先行"]
    # one chart at a time in each tab bar: the comparison (distribution, by lever, by year), a waterfall each
    assert [c.key for c in at.get("plotly_chart")] == ["chart-scenarios-npv", "chart-scenario1-waterfall"]
    figures = at.dataframe[0].value
    assert list(figures.columns)[1:] == ["全面整合", "标准+集中采购", "标准先行"]
    assert [shown(t.label) for t in at.tabs][3:] == ["全面整合", "标准+集中采购", "标准先行"]
    assert len(at.get("page_link")) == 1  # open it in Consolidation
    open_lazy(at, "scen_waterfall", "标准先行")
    open_lazy(at, "scen_chart", at.tabs[1].label)
    assert_clean(at)
    assert [c.key for c in at.get("plotly_chart")] == ["chart-scenarios-levers", "chart-scenario3-waterfall"]


def test_one_scenario_is_not_a_comparison():
    at = run_app("zh", PAGE)
    at.multiselect(key="compare").set_value(["标准先行"]).run()
    assert_clean(at)
    assert any("至少选择两个" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0


def test_the_link_remembers_the_choice():
    at = run_app("zh", PAGE, compare="标准先行")
    assert at.multiselect(key="compare").value == ["标准先行"]


def test_rename_duplicate_and_delete(demo_copy):
    at = open_lazy(run_app("zh", PAGE), "scen_manage_panel")
    at.selectbox(key="scen_manage").set_value("标准先行")
    at.text_input(key="scen_new_name").set_value("标准先行（修订）").run()
    at.button(key="scen_rename").click().run()
    assert_clean(at)
    assert "标准先行（修订）" in names(demo_copy) and "标准先行" not in names(demo_copy)
    at.selectbox(key="scen_manage").set_value("全面整合")
    at.text_input(key="scen_new_name").set_value("全面整合-副本").run()
    at.button(key="scen_duplicate").click().run()
    assert "全面整合-副本" in names(demo_copy)
    at.selectbox(key="scen_manage").set_value("全面整合-副本")
    at.checkbox(key="scen_delete_sure").check().run()
    at.button(key="scen_delete").click().run()
    assert_clean(at)
    assert "全面整合-副本" not in names(demo_copy)


def test_a_stale_rename_is_refused(demo_copy):
    at = open_lazy(run_app("zh", PAGE), "scen_manage_panel")
    at.selectbox(key="scen_manage").set_value("标准先行")
    at.text_input(key="scen_new_name").set_value("新名字").run()
    engine = db.make_engine(f"sqlite:///{demo_copy}")
    with db.session_scope(engine) as s:  # someone else saves 标准先行 after the page was drawn
        mine = scenarios.load(s, name="标准先行")
        scenarios.save(s, name="标准先行", levers={"energy": True}, scenario_id=mine.id, seen_version=1,
                       actor=person("colleague"), source="app")
    engine.dispose()
    at.button(key="scen_rename").click().run()
    assert not at.exception and "已被他人修改" in at.error[0].value
    assert "新名字" not in names(demo_copy)
