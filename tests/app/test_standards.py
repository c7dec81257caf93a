"""The Standards page shows what core computes, in both languages, with thresholds the user sets."""
import pytest

from core.domain import standards
from core.i18n import fmt_money
from tests.app.conftest import assert_clean, run_app

PAGE = "pages/standards.py"


def metrics(at):
    return [m.value for m in at.metric]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_kpis_equal_core(lang, demo_portfolio):
    at = run_app(lang, PAGE)
    assert_clean(at)
    assert at.title[0].value == ("统一标准" if lang == "zh" else "Standards")
    b = standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.25)  # the book's defaults
    c = standards.status_counts(b)
    release = standards.capped_fee_release(b, tolerance=0.05)
    assert metrics(at) == [str(c["red"]), str(c["amber"]), str(c["green"]), fmt_money(release, lang)]
    assert len(at.get("plotly_chart")) == 3
    assert len(at.dataframe[0].value) == c["red"] + c["amber"]  # the outlier list


def test_thresholds_and_year_change_the_ratings(demo_portfolio):
    at = run_app("en", PAGE)
    at.selectbox(key="standards_year").set_value(2022)
    at.number_input(key="standards_amber").set_value(5)
    at.number_input(key="standards_red").set_value(50)
    at.number_input(key="standards_tolerance").set_value(0).run()
    assert_clean(at)
    b = standards.benchmark(demo_portfolio, 2022, amber=0.05, red=0.50)
    c = standards.status_counts(b)
    assert metrics(at)[:3] == [str(c["red"]), str(c["amber"]), str(c["green"])]
    assert metrics(at)[3] == fmt_money(standards.capped_fee_release(b, tolerance=0), "en")


def test_red_below_amber_is_explained_not_an_error(demo_portfolio):
    at = run_app("zh", PAGE)
    at.number_input(key="standards_red").set_value(5).run()
    assert_clean(at)
    assert len(at.warning) == 1
    c = standards.status_counts(standards.benchmark(demo_portfolio, 2025, amber=0.10, red=0.10))
    assert metrics(at)[0] == str(c["red"]) and metrics(at)[1] == "0"
