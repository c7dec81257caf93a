"""整合模拟 Consolidation in AppTest: both languages, every view, links, levers, saving and a stale save."""
import json

import pytest
from sqlmodel import Session

from core.simulation import scenarios
from core.simulation.levers import decode, encode, parse_levers
from core.store import db, scenario_rows
from tests.app.conftest import assert_clean, run_app, shown
from tests.factories import person

PAGE = "pages/consolidation.py"


def charts(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def waterfall_bars(at) -> list[str]:
    return [str(y).replace("<br>", " " if y.isascii() else "") for y in charts(at)[0]["data"][0]["y"]]


def stored(path, name):
    engine = db.make_engine(f"sqlite:///{path}")
    with Session(engine) as s:
        row = scenario_rows.get_scenario(s, name=name)
        out = None if row is None else (row.version, json.loads(row.levers))
    engine.dispose()
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_says_it_in_one_sentence_and_shows_every_view(lang):
    at = run_app(lang, PAGE)
    assert_clean(at)
    assert at.title[0].value == ("整合模拟" if lang == "zh" else "Consolidation")
    headline = shown(at.markdown[0].value)
    assert headline.startswith("##### ") and "2026" in headline and "2030" in headline
    assert ("净现值" in headline) if lang == "zh" else ("present value" in headline)
    assert len(at.metric) == 6  # NPV, chance, first budget year, full effect, people, one-time costs
    assert ("有 80% 的可能在" in headline) if lang == "zh" else ("80% chance" in headline)
    # the tile and the sentence use the same rounded figure
    assert at.metric[0].value in headline
    assert len(charts(at)) == 2  # savings: waterfall and cost paths (with the ledger's history)
    assert waterfall_bars(at)[0] == ("统一管理" if lang == "zh" else "Unified management")  # the default levers
    assert charts(at)[1]["data"][0]["name"] == ("账面历史" if lang == "zh" else "Ledger history")


def test_every_view_runs():
    # (in Chinese: AppTest drops ?lang=en on the reruns that follow a switch_page)
    at = run_app("zh", PAGE)
    for view, n in (("schedule", 2), ("risk", 3), ("details", 0), ("method", 0)):
        at.button_group(key="sim_view").set_value(view).run()
        assert_clean(at)
        assert len(charts(at)) == n, view
    assert at.query_params["view"] == "method"  # the address bar names the view


def test_a_shared_link_restores_the_scenario_and_the_view():
    at = run_app("zh", PAGE, scenario="全面整合", view="risk")
    assert_clean(at)
    assert at.selectbox(key="scen_pick").value == "全面整合"
    assert "“全面整合”方案" in at.markdown[0].value
    assert at.button_group(key="sim_view").value == "risk"
    assert at.toggle(key="sim_pool").value and at.multiselect(key="sim_bundle").value
    assert any(c.value == "第 1 版 · system" for c in at.caption)  # loaded as saved, unchanged


def test_a_link_with_levers_restores_them():
    code = encode(parse_levers({"energy": True, "horizon_years": 4}))
    at = run_app("en", PAGE, levers=code)
    assert_clean(at)
    assert at.toggle(key="sim_energy").value and not at.toggle(key="sim_cap").value
    assert at.slider(key="sim_horizon").value == 4
    assert waterfall_bars(at) == ["Energy management", "Total"]


def test_a_damaged_link_warns_and_the_page_still_works():
    at = run_app("zh", PAGE, levers="damaged!")
    assert not at.exception and len(at.warning) == 1 and "无法读取" in at.warning[0].value
    assert len(charts(at)) == 2
    missing = run_app("zh", PAGE, scenario="没有这个方案")
    assert "不存在" in missing.warning[0].value


def test_moving_a_lever_changes_the_waterfall_and_the_link():
    at = run_app("zh", PAGE)
    before = charts(at)[0]["data"][0]["x"]
    at.toggle(key="sim_pool").set_value(True).run()
    assert_clean(at)
    assert "人员统筹" in waterfall_bars(at)
    assert charts(at)[0]["data"][0]["x"][-1] > before[-1]  # the total grows
    shared = decode(at.query_params["levers"])
    assert shared.staff_pooling and shared.unified_management


def test_save_as_new_then_over_it(demo_copy):
    at = run_app("zh", PAGE)
    at.toggle(key="sim_pool").set_value(True).run()
    at.text_input(key="scen_name").set_value("人员统筹试点")
    at.button(key="scen_save_new").click().run()
    assert_clean(at)
    assert at.success[0].value == "已保存方案“人员统筹试点”（第 1 版）。"
    assert stored(demo_copy, "人员统筹试点")[0] == 1
    assert at.selectbox(key="scen_pick").value == "人员统筹试点"
    at.toggle(key="sim_energy").set_value(False).run()
    assert any("已改动" in c.value for c in at.caption)
    at.button(key="scen_save_over").click().run()
    assert_clean(at)
    version, levers = stored(demo_copy, "人员统筹试点")
    assert version == 2 and "energy" not in levers and levers["staff_pooling"]


def test_a_stale_save_is_refused_on_the_page(demo_copy):
    at = run_app("en", PAGE, scenario="标准先行")
    engine = db.make_engine(f"sqlite:///{demo_copy}")
    with db.session_scope(engine) as s:  # a colleague saves version 2 meanwhile
        mine = scenarios.load(s, name="标准先行")
        scenarios.save(s, name="标准先行", levers={"energy": True}, scenario_id=mine.id, seen_version=1,
                       actor=person("colleague"), source="app")
    engine.dispose()
    at.toggle(key="sim_pool").set_value(True).run()
    at.button(key="scen_save_over").click().run()
    assert not at.exception
    assert len(at.error) == 1 and "someone changed “标准先行” after you loaded version 1" in at.error[0].value
    assert stored(demo_copy, "标准先行") == (2, {"energy": True})  # the colleague's, unchanged


def test_the_schedule_view_stacks_each_lever_by_year_and_counts_people():
    at = run_app("zh", PAGE)
    at.toggle(key="sim_std").set_value(True).run()  # bring in-house teams to the staffing standard
    at.button_group(key="sim_view").set_value("schedule").run()
    assert_clean(at)
    schedule, people = charts(at)
    bars = [tr for tr in schedule["data"] if tr["type"] == "bar"]
    assert [b["name"] for b in bars][:5] == ["统一管理", "收费封顶", "人员配置标准", "节能管理", "考核奖惩"]
    assert list(bars[0]["x"]) == [2026, 2027, 2028, 2029, 2030]
    assert bars[-1]["name"] == "一次性成本"  # below zero
    assert [tr["name"] for tr in people["data"]] == ["编制内", "编外合同", "劳务派遣"]
    assert sum(sum(tr["y"]) for tr in people["data"]) > 0  # the staffing standard releases people
    table = at.dataframe[0].value
    assert table["年度"].tolist() == [2026, 2027, 2028, 2029, 2030] and "人员配置标准（万元）" in table.columns
    assert decode(at.query_params["levers"]).staffing_standard
