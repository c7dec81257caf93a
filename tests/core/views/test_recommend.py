"""What the Recommend page, the pack and the CLI show: sentences in both languages, the grid, the
frontiers, the tables, and the settings panel's mapping."""
import json

import pytest

from core.files import admin
from core.simulation.constraints import Constraints, Limit, Settings, parse_constraints
from core.simulation.criteria import Weights
from core.simulation.levers import DEFAULT_LEVERS, parse_levers
from core.views import lever_form, recommend, recommend_form
from core.views.exhibits import PackOptions, ScenarioChoice

EXAMPLES = {e["name"]: e["levers"] for e in json.loads(admin.EXAMPLE_SCENARIOS.read_text(encoding="utf-8"))}
SAVED = tuple((n, json.dumps(lv, ensure_ascii=False)) for n, lv in EXAMPLES.items())


@pytest.fixture(scope="module")
def analysis(demo_portfolio):
    return recommend.analyse(demo_portfolio, DEFAULT_LEVERS, Constraints(attrition=False), Settings(draws=60), Weights(),
                             SAVED, draws=2_000)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sentence_read_aloud_has_the_key_figures(analysis, lang):
    text = recommend.headline(analysis, lang)
    p10, _, p90 = analysis.npv
    # rounded as a finance official writes a forecast, the same way as the Consolidation page (约 880 万元)
    assert recommend.fmt_approx(analysis.rec.evaluated.mean, lang) in text
    assert recommend.fmt_approx_range(p10, p90, lang) in text
    assert f"{analysis.rec.noncost:.2f}" in text and str(len(analysis.rec.choice.chosen)) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exhibits_tables_and_reasons(analysis, demo_portfolio, lang):
    grid = recommend.grid_exhibit(analysis, demo_portfolio, lang)
    assert len(grid.data) == len(analysis.rec.options.cells)
    fronts = recommend.frontier_exhibits(analysis, lang)
    assert [e.key for e in fronts] == ["rec-frontier-risk", "rec-frontier-noncost"]
    assert set(EXAMPLES) <= set(fronts[0].data.iloc[:, 0])  # the saved scenarios are marked
    changes = recommend.changes_table(analysis, lang)
    assert len(changes) == len(analysis.rec.choice.chosen)
    reasons = recommend.reasons(analysis, lang)
    assert reasons and all(s.endswith(("。", ".")) for s in reasons)
    assert recommend.binding_sentences(analysis, lang)
    method = recommend.method_text(analysis, lang)
    assert "HiGHS" in method and recommend.fmt_money(analysis.rec.own.mean, lang) in method
    people = recommend.people_table(analysis, lang)
    assert len(people) == len(analysis.rec.options.years)


def test_the_cli_summary(analysis):
    out = recommend.summary(analysis, "x")
    assert out["status"] == "optimal" and 0 <= out["gap"] <= 0.001
    assert out["npv_saving_p10"] <= out["npv_saving_p50"] <= out["npv_saving_p90"]
    assert len(out["cells"]) == len(analysis.rec.options.cells)
    assert {c["to"] for c in out["cells"]} <= {"in_house", "labour_only", "contracted"}
    assert parse_levers(out["levers"]) == analysis.rec.levers
    json.dumps(out)  # plain JSON


def test_the_pack_section(demo_portfolio):
    options = PackOptions(scenarios=(ScenarioChoice("标准先行", EXAMPLES["标准先行"]),))
    section = recommend.recommend_section(demo_portfolio, "zh", options)
    assert [e.key for e in section.exhibits] == ["rec-grid", "rec-frontier-risk", "rec-frontier-noncost"]
    assert section.key_figures[0][0] == "期望净现值节约"


def test_the_panel_maps_widgets_to_settings_and_back(demo_portfolio):
    ctx = lever_form.FormContext.of(demo_portfolio)
    book = recommend_form.book_of(demo_portfolio)
    values = recommend_form.form_values(ctx, book=book)
    levers, c, s, w = recommend_form.from_form(values, ctx, book=book)
    assert levers == DEFAULT_LEVERS and c == Constraints() and s == Settings() and w == Weights()
    key = next(iter(ctx.items))
    b, svc = key.split("|")
    custom = parse_constraints({"people_per_year": {"enabled": True, "value": 7}, "budget_per_year": True,
                                "hurdle": {"enabled": True, "value": 0.05}, "locks": [{"building": b, "service": svc}]})
    values = recommend_form.form_values(ctx, DEFAULT_LEVERS, custom, Settings(objective="cvar", alpha=0.2),
                                        Weights(control=3), book=book)
    assert values[recommend_form.value_key("budget_per_year")] == 100.0  # shown in 万元
    _, c2, s2, w2 = recommend_form.from_form(values, ctx, book=book)
    assert c2 == custom and s2.objective == "cvar" and s2.alpha == 0.2 and w2.control == 3
    assert c2.vendor_quality == Limit(enabled=True)  # the book's score, followed
