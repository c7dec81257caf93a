"""What the Consolidation and Scenarios pages and the meeting pack show of a scenario."""
import json

import pandas as pd
import pytest

from core.files import admin
from core.sharing import pack
from core.simulation.levers import LEVERS, Levers, parse_levers, to_json
from core.views import lever_form, scenario_compare, simulator
from core.views.exhibits import PackOptions, ScenarioChoice

EXAMPLES = {e["name"]: e["levers"] for e in json.loads(admin.EXAMPLE_SCENARIOS.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def full(demo_portfolio):
    return simulator.analyse(demo_portfolio, EXAMPLES["全面整合"], draws=2_000)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sentence_read_aloud_has_every_key_figure(full, lang):
    text = simulator.headline(full, lang, "全面整合")
    p10, p50, p90 = (simulator.fmt_money(x, lang) for x in full.npv)
    assert p50 in text and p10 in text and p90 in text
    assert simulator.fmt_pct(full.mc.prob_positive, 0) in text
    assert simulator.fmt_money(full.result.transition_total, lang) in text
    assert str(full.result.payback_year) in text and "全面整合" in text
    assert text[0].isupper() or lang == "zh"


def test_a_scenario_without_levers_says_so(demo_portfolio):
    a = simulator.analyse(demo_portfolio, {}, draws=200)
    assert simulator.headline(a, "zh") == "当前方案尚未启用任何措施：请在左侧打开至少一项。"
    assert simulator.waterfall_exhibit(a, "en").takeaway == "No lever is on, so nothing is saved."


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_five_exhibits_with_their_data(full, lang):
    exhibits = simulator.exhibits(full, lang, "全面整合")
    assert [e.key for e in exhibits] == ["sim-waterfall", "sim-paths", "sim-fan", "sim-npv", "sim-tornado"]
    for e in exhibits:
        assert e.takeaway and len(e.data) and e.figure.data, e.key
        assert "全面整合" in e.takeaway, e.key  # the scenario is named in every sentence
    waterfall = exhibits[0]
    # the waterfall's bars are the levers used, in the model's order, then the total
    joiner = "" if lang == "zh" else " "
    bars = [str(x).replace("<br>", joiner) for x in waterfall.figure.data[0].y]
    assert bars == [simulator.lever_name(k, lang) for k in LEVERS] + [simulator.t("sim.waterfall.total", lang)]
    assert waterfall.figure.data[0].x[-1] == pytest.approx(full.result.annual_saving / 1e4)
    npv = exhibits[3]
    assert int(npv.data.iloc[:, 2].sum()) == full.mc.draws  # the histogram counts every draw


def test_the_conversions_table_says_why(full):
    table = simulator.conversions_table(full.result, "zh")
    archives = table.loc[(table["办公楼/区"] == "市档案馆")]
    assert archives["结论"].tolist() == ["不予转换：核心、关键、保密事项不得交给外部企业"]
    assert (table["结论"] == "计入").sum() >= 5


def test_form_values_and_levers_round_trip(demo_portfolio):
    ctx = lever_form.FormContext.of(demo_portfolio)
    for levers in (*EXAMPLES.values(), {}, {"horizon_years": 8, "fee_cap": {"enabled": True, "tolerance": 0.1},
                                            "scope": {"buildings": ["群团大楼"], "services": ["cleaning"]}}):
        lv = parse_levers(levers)
        back = lever_form.levers_from_form(lever_form.form_values(lv, ctx), ctx)
        assert back == lv and hash(back) == hash(lv) and to_json(back) == to_json(lv)
    # the book's own values are not written into a scenario (it follows the book)
    values = lever_form.form_values(Levers(), ctx)
    assert values[lever_form.HORIZON] == 5 and values[lever_form.TOL] == 5.0
    assert values[lever_form.START] == ctx.base_year + 1
    assert to_json(lever_form.levers_from_form(values, ctx)) == "{}"
    assert ctx.item_label("市档案馆|security", "zh") == "市档案馆 · 秩序维护（自我保障）（涉密）"


def test_saved_scenarios_side_by_side(demo_portfolio, full):
    standards_only = simulator.analyse(demo_portfolio, EXAMPLES["标准先行"], draws=2_000)
    named = [("全面整合", full), ("标准先行", standards_only)]
    table = scenario_compare.comparison_table(named, "zh")
    assert list(table.columns) == ["指标", "全面整合", "标准先行"]
    assert table.iloc[0, 1] == simulator.fmt_money(full.npv[1], "zh")
    exhibits = scenario_compare.comparison_exhibits(named, "en")
    assert [e.key for e in exhibits] == ["scenarios-figures", "scenarios-npv", "scenarios-levers", "scenarios-paths"]
    assert "全面整合" in exhibits[0].takeaway  # the larger saving is the full consolidation's
    assert all(len(e.data) for e in exhibits)


def test_pack_sections_give_each_scenario_its_own_exhibits(demo_portfolio):
    options = PackOptions(scenarios=(ScenarioChoice("全面整合", EXAMPLES["全面整合"]),
                                     ScenarioChoice("标准先行", EXAMPLES["标准先行"])))
    consolidation = simulator.consolidation_section(demo_portfolio, "zh", options)
    keys = [e.key for e in consolidation.exhibits]
    assert len(keys) == 10 and len(set(keys)) == 10
    assert keys[0] == "1-全面整合-waterfall" and keys[5] == "2-标准先行-waterfall"
    for e in consolidation.exhibits:
        name = "全面整合" if e.key.startswith("1-") else "标准先行"
        assert name in e.takeaway
    assert "wage_growth" in consolidation.assumptions and len(consolidation.key_figures) == 4
    comparison = scenario_compare.scenarios_section(demo_portfolio, "zh", options)
    assert comparison.exhibits[0].key == "scenarios-figures"
    nothing = PackOptions()
    assert simulator.consolidation_section(demo_portfolio, "zh", nothing).exhibits == ()
    assert scenario_compare.scenarios_section(demo_portfolio, "zh", nothing).exhibits == ()
    one = PackOptions(scenarios=options.scenarios[:1])
    assert scenario_compare.scenarios_section(demo_portfolio, "zh", one).exhibits == ()  # nothing to compare


def test_the_pack_workbook_holds_every_scenario_sheet(demo_portfolio):
    from io import BytesIO

    options = PackOptions(scenarios=(ScenarioChoice("全面整合", EXAMPLES["全面整合"]),
                                     ScenarioChoice("标准+集中采购", EXAMPLES["标准+集中采购"])))
    doc = pack.collect(demo_portfolio, "en", options, ["consolidation", "scenarios"])
    sheets = pd.ExcelFile(BytesIO(pack.workbook(doc))).sheet_names
    # briefing, contents, figures, assumptions; 5 per scenario; 4 side by side (each sheet named after its chart)
    assert len(sheets) == 4 + 10 + 4
    assert sheets[:3] == ["Briefing", "Contents", "Key figures"] and sheets[-1] == "Assumptions"


def test_a_scenario_with_bad_levers_names_itself_in_the_pack(demo_portfolio):
    options = PackOptions(scenarios=(ScenarioChoice("旧方案", {"bundling_lots": 3}),))
    with pytest.raises(ValueError, match="scenario '旧方案': levers: unknown key 'bundling_lots'"):
        simulator.consolidation_section(demo_portfolio, "zh", options)
