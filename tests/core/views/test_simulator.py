"""What the Consolidation and Scenarios pages and the meeting pack show of a scenario."""
import json

import pandas as pd
import pytest

from core.files import admin
from core.i18n import fmt_approx, fmt_approx_range, fmt_chance, t
from core.sharing import pack
from core.simulation.levers import LEVERS, Levers, parse_levers, to_json
from core.views import lever_form, scenario_compare, sim_figures, simulator
from core.views.exhibits import PackOptions, ScenarioChoice

EXAMPLES = {e["name"]: e["levers"] for e in json.loads(admin.EXAMPLE_SCENARIOS.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def full(demo_portfolio):
    return simulator.analyse(demo_portfolio, EXAMPLES["全面整合"], draws=2_000)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sentence_read_aloud_has_every_key_figure(full, lang):
    text = simulator.headline(full, lang, "全面整合")
    f = full.figures
    p10, p50, p90 = f.npv
    # rounded as a finance official writes a forecast: two significant figures, an 80% range
    assert fmt_approx(p50, lang) in text and fmt_approx_range(p10, p90, lang) in text
    assert ("有 80% 的可能在" in text) if lang == "zh" else ("80% chance of lying in the range" in text)
    assert fmt_chance(f.chance, lang) in text
    assert fmt_approx(abs(f.budget_cut[1]), lang) in text and str(f.budget_year) in text  # the next budget
    assert fmt_approx(f.one_time, lang) in text and fmt_approx(f.annual, lang) in text
    assert sim_figures.people_text(f, lang) in text and sim_figures.payback_text(f, lang) in text
    assert "全面整合" in text
    assert text[0].isupper() or lang == "zh"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_headline_the_tiles_and_the_pack_agree(demo_portfolio, full, lang):
    f = full.figures
    tiles = {label: (value, help_text) for label, value, help_text in sim_figures.tiles(f, lang)}
    text = simulator.headline(full, lang, "全面整合")
    budget_key = "plans.tile.budget" if f.budget_cut[1] >= 0 else "plans.tile.budget_rise"  # a cut, or a rise
    npv_label, budget_label = t("plans.tile.npv", lang), t(budget_key, lang, year=f.budget_year)
    assert tiles[npv_label][0] in text  # "1,900" in "约 1,900 万元"
    assert tiles[budget_label][0] in text
    assert sim_figures.payback_text(f, lang) == tiles[t("plans.tile.one_time", lang)][1]  # never 无需回收 beside 2026
    # the pack runs the scenario at the page's default draws and seed: the same figures as the page
    page = simulator.analyse(demo_portfolio, EXAMPLES["全面整合"]).figures
    pack_figures = dict(simulator.consolidation_section(
        demo_portfolio, lang, PackOptions(scenarios=(ScenarioChoice("全面整合", EXAMPLES["全面整合"]),))).key_figures)
    page_tiles = {label: value for label, value, _ in sim_figures.tiles(page, lang)}
    assert pack_figures[t("sim.kf.pack_prob", lang, name="全面整合")] == page_tiles[t("plans.tile.chance", lang)]
    npv_figure = pack_figures[t("sim.kf.pack_npv", lang, name="全面整合")]
    assert fmt_approx(page.npv[1], lang) in npv_figure and fmt_approx_range(page.npv[0], page.npv[2], lang) in npv_figure
    assert pack_figures[t("plans.kf.pack_people", lang, name="全面整合")] == sim_figures.people_text(page, lang)


def test_a_finance_official_rounds_a_forecast():
    assert fmt_approx(18_743_210, "zh") == "约 1,900 万元"
    assert fmt_approx(3_874_000, "zh") == "约 390 万元" and fmt_approx(123_400, "zh") == "约 12 万元"
    assert fmt_approx(34_400, "zh") == "约 3.4 万元" and fmt_approx(5_640, "zh") == "约 5,600 元"
    assert fmt_approx(187_000_000, "zh") == "约 1.9 亿元"
    assert fmt_approx(18_743_210, "en") == "about CNY 19 million"
    assert fmt_approx_range(12_345_000, 24_400_000, "zh") == "1,200 万至 2,400 万元"
    assert fmt_chance(1.0, "zh") == "99% 以上" and fmt_chance(0.973, "en") == "97%"


def test_a_scenario_without_levers_says_so(demo_portfolio):
    a = simulator.analyse(demo_portfolio, {}, draws=200)
    assert simulator.headline(a, "zh") == "当前方案尚未启用任何措施：请在左侧打开至少一项。"
    assert simulator.waterfall_exhibit(a, "en").takeaway == "No lever is on, so nothing is saved."


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seven_exhibits_with_their_data(full, lang):
    exhibits = simulator.exhibits(full, lang, "全面整合")
    assert [e.key for e in exhibits] == ["sim-waterfall", "sim-schedule", "sim-people", "sim-paths", "sim-fan",
                                         "sim-npv", "sim-tornado"]
    for e in exhibits:
        assert e.takeaway and len(e.data) and e.figure.data, e.key
        assert "全面整合" in e.takeaway, e.key  # the scenario is named in every sentence
    waterfall = exhibits[0]
    # the waterfall's bars are the levers used, in the model's order, then the total
    joiner = "" if lang == "zh" else " "
    bars = [str(x).replace("<br>", joiner) for x in waterfall.figure.data[0].y]
    used = [k for k in LEVERS if k != "staffing_standard"]  # 全面整合 leaves the staffing standard off
    assert bars == [simulator.lever_name(k, lang) for k in used] + [simulator.t("sim.waterfall.total", lang)]
    assert waterfall.figure.data[0].x[-1] == pytest.approx(full.result.annual_saving / 1e4)
    npv = exhibits[5]
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
    assert table.iloc[0, 1] == fmt_approx(full.npv[1], "zh")
    exhibits = scenario_compare.comparison_exhibits(named, "en")
    assert [e.key for e in exhibits] == ["scenarios-figures", "scenarios-npv", "scenarios-levers", "scenarios-paths"]
    assert "全面整合" in exhibits[0].takeaway  # the larger saving is the full consolidation's
    assert all(len(e.data) for e in exhibits)


def test_pack_sections_give_each_scenario_its_own_exhibits(demo_portfolio):
    options = PackOptions(scenarios=(ScenarioChoice("全面整合", EXAMPLES["全面整合"]),
                                     ScenarioChoice("标准先行", EXAMPLES["标准先行"])))
    consolidation = simulator.consolidation_section(demo_portfolio, "zh", options)
    keys = [e.key for e in consolidation.exhibits]
    assert len(keys) == 14 and len(set(keys)) == 14
    assert keys[0] == "1-全面整合-waterfall" and keys[7] == "2-标准先行-waterfall"
    for e in consolidation.exhibits:
        name = "全面整合" if e.key.startswith("1-") else "标准先行"
        assert name in e.takeaway
    assert "wage_growth" in consolidation.assumptions and "realisation_fee_cap" in consolidation.assumptions
    assert len(consolidation.key_figures) == 10  # five per scenario
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
    # briefing, contents, figures, assumptions; 7 per scenario; 4 side by side (each sheet named after its chart)
    assert len(sheets) == 4 + 14 + 4
    assert sheets[:3] == ["Briefing", "Contents", "Key figures"] and sheets[-1] == "Assumptions"


def test_a_scenario_with_bad_levers_names_itself_in_the_pack(demo_portfolio):
    options = PackOptions(scenarios=(ScenarioChoice("旧方案", {"bundling_lots": 3}),))
    with pytest.raises(ValueError, match="scenario '旧方案': levers: unknown key 'bundling_lots'"):
        simulator.consolidation_section(demo_portfolio, "zh", options)


def test_the_schedule_by_year_and_lever(full):
    table = simulator.schedule_table(full, "zh")
    r = full.result
    assert table["年度"].tolist() == list(r.years)
    levers = [c for c in table.columns if c.endswith("（万元）") and not c.startswith(("合计", "一次性", "净节约"))]
    # the levers add up to the total at the book's values, year by year [万元, one decimal]
    assert table[levers].sum(axis=1).tolist() == pytest.approx(table["合计（按参数，万元）"].tolist(), abs=0.1 * len(levers))
    assert (table["合计 P10（万元）"] <= table["合计 P90（万元）"]).all()
    ex = simulator.schedule_exhibit(full, "en", "全面整合")
    assert [tr.type for tr in ex.figure.data].count("bar") == len(full.levers.enabled()) + 1  # + one-time costs
    assert "2026" in ex.takeaway


def test_the_do_nothing_path_is_shown_beside_the_ledger(full):
    h = full.history
    assert h["year"].tolist() == list(range(2019, 2026))
    assert h["cost"].iloc[-1] == pytest.approx(full.result.base_cost)  # the base year is the last recorded
    text = simulator.history_text(full, "zh")
    assert "2019—2025" in text and "工资年增 5.0%" in text
    ex = simulator.paths_exhibit(full, "zh", "全面整合")
    assert ex.figure.data[0].name == "账面历史" and list(ex.figure.data[0].x) == list(range(2019, 2026))
