"""The Overview shows what core computes."""
from core.domain.spending import overview_kpis
from core.i18n import fmt_money, fmt_pct
from tests.app.conftest import assert_clean, open_lazy, run_app


def metrics(at):
    return {m.label: m.value for m in at.metric}


def test_kpis_equal_core(demo_portfolio):
    k = overview_kpis(demo_portfolio, demo_portfolio.latest_year)
    at = run_app("zh")
    assert_clean(at)
    m = metrics(at)
    assert m["后勤服务总支出"] == fmt_money(k.total_spend, "zh")
    assert m["每平方米年支出（元）"] == f"{k.spend_per_m2:,.0f}"
    assert m["服务人员（自有 / 企业）"] == f"{k.staff_in_house:,.0f} / {k.staff_vendor:,.0f}"
    assert m["预算执行偏差"] == fmt_pct(k.budget_deviation, signed=True)
    assert m["完全社会化"] == "3 栋" and m["自我保障"] == "4 栋"


def test_year_selector_changes_the_figures(demo_portfolio):
    at = run_app("en")
    at.selectbox(key="overview_year").set_value(2020).run()
    assert_clean(at)
    k = overview_kpis(demo_portfolio, 2020)
    assert metrics(at)["Total spending"] == fmt_money(k.total_spend, "en")
    charts = [e for e in at.main if getattr(e, "type", "") == "plotly_chart"]
    assert len(charts) == 4  # mode mix, trend, spending by service, budget deviation


def test_where_the_money_goes_by_service(demo_portfolio):
    from core.views.overview import service_rows

    at = run_app("zh")
    assert_clean(at)
    rows = service_rows(demo_portfolio, demo_portfolio.latest_year, "zh")
    table = next(df.value for df in at.dataframe if "最省方式" in df.value.columns)
    assert table["服务项目"].tolist() == rows["service"].tolist()
    assert table["支出（万元）"].tolist() == rows["spend"].tolist()
    assert any(md.value.startswith(f"**{demo_portfolio.latest_year} 年支出最多的是") for md in at.markdown)


def test_the_glossary_is_drawn_when_opened():
    from core.i18n import GLOSSARY

    at = run_app("zh")
    assert not at.table  # closed: nothing of it is sent with each page switch
    open_lazy(at, "overview_glossary")
    assert_clean(at)
    glossary = at.table[0].value
    assert len(glossary) == len(GLOSSARY) and glossary.iloc[0, 0] == GLOSSARY[0][0]  # the term, in Chinese
