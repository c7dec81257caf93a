"""The Standards page shows what core computes, in both languages, with thresholds the user sets."""
import pytest

from core.domain import standards
from core.i18n import fmt_money
from tests.app.conftest import assert_clean, run_app

PAGE = "pages/standards.py"


def metrics(at):
    return [m.value for m in at.metric]


def expected(b, lang, tolerance):
    c = standards.status_counts(standards.fees(b))
    unit = "{} 项" if lang == "zh" else "{} items"
    release = fmt_money(standards.capped_fee_release(b, tolerance=tolerance), lang)  # the label says a year
    return [unit.format(c[s]) if lang == "zh" or c[s] != 1 else "1 item" for s in ("red", "amber", "green", "low")] + [
        release]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kpis_equal_core(lang, demo_portfolio):
    at = run_app(lang, PAGE)
    assert_clean(at)
    assert at.title[0].value == ("统一标准" if lang == "zh" else "Standards")
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25, low=0.50)  # the book's defaults
    assert metrics(at) == expected(b, lang, 0.05)  # every count with its unit, money per year
    assert len(at.get("plotly_chart")) == 5  # map, outliers, paid at actual, far below, staffing
    c = standards.status_counts(standards.fees(b))
    assert len(at.dataframe[0].value) == c["red"] + c["amber"]  # the fee outliers only


def test_outliers_rank_by_money_then_by_percentage(demo_portfolio):
    at = run_app("zh", PAGE)
    table = at.dataframe[0].value
    assert table.iloc[0]["办公楼/区"] == "市行政中心" and table.iloc[0]["服务项目"] == "保洁"  # 88.0 万元 above, +77%
    assert table["按金额排名"].tolist()[:3] == [1, 2, 3]
    at.segmented_control(key="standards_rank").set_value("pct").run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert table["按比例排名"].tolist()[:3] == [1, 2, 3]
    assert table.iloc[0]["偏离标准（%）"] == table["偏离标准（%）"].max()


def test_thresholds_and_year_change_the_ratings(demo_portfolio):
    at = run_app("en", PAGE)
    at.selectbox(key="standards_year").set_value(2022)
    at.number_input(key="standards_amber").set_value(5)
    at.number_input(key="standards_red").set_value(50)
    at.number_input(key="standards_low").set_value(30)
    at.number_input(key="standards_tolerance").set_value(0).run()
    assert_clean(at)
    b = standards.benchmark(demo_portfolio, 2022, amber=0.05, red=0.50, low=0.30)
    assert metrics(at) == expected(b, "en", 0)


def test_red_below_amber_is_explained_not_an_error(demo_portfolio):
    at = run_app("zh", PAGE)
    at.number_input(key="standards_red").set_value(5).run()
    assert_clean(at)
    assert len(at.warning) == 1
    c = standards.status_counts(standards.fees(standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.10)))
    assert metrics(at)[0] == f"{c['red']} 项" and metrics(at)[1] == "0 项"
