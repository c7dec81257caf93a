"""What the page and the meeting pack show of the gates: labels that say where each check comes
from, exhibits in both languages, and a city with no contracts or assessments yet."""
import dataclasses
import datetime as dt

import pytest

from core.domain import gates, scorecard
from core.i18n import t
from core.views import gates as gates_views
from tests.factories import load_city, tiny_city

ON = dt.date(2026, 1, 1)


def test_only_the_two_named_unifications_are_labelled_as_the_source():
    for lang in ("zh", "en"):
        labels = {c: gates_views.check_label(c, lang) for c in gates.SCORECARD}
        sourced = t("gates.check.sourced", lang)
        assert {c for c, lab in labels.items() if sourced in lab} == {"unified_management", "unified_standard"}
        assert all(t("gates.check.own", lang) in lab for c, lab in labels.items() if c not in gates.SOURCED_CHECKS)
    assert gates_views.check_label("unified_management", "zh") == "统一管理（原文）"
    # none of the dashboard's own checks is named as one of the "five unifications" (统一…)
    assert not any(t(f"gates.check.{c}", "zh").startswith("统一") for c in gates.SCORECARD
                   if c not in gates.SOURCED_CHECKS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_demo_exhibits(demo_portfolio, lang):
    s = gates.GateSettings.from_book(demo_portfolio, dt.date(2026, 11, 27))
    page = gates_views.gates_page(demo_portfolio, s, lang)
    assert list(page.exhibits) == ["gates-vendor-scores", "gates-score-trend", "gates-channel-spend",
                                   "gates-concentration", "gates-price-standard", "gates-scorecard"]
    for ex in page.exhibits.values():
        assert ex.takeaway and len(ex.data) and ex.figure.data
    assert "净源环境服务有限公司" in page.exhibits["gates-vendor-scores"].takeaway
    assert page.kpis.replace == 1 and page.kpis.noncompetitive == 2 and page.kpis.applied == 2
    # the bonus/penalty summary adds up the per-arrangement effects the simulator will use
    assert page.kpis.bonus.net == pytest.approx(page.kpis.bonus.bonus + page.kpis.bonus.penalty)
    assert page.kpis.bonus.penalty < 0 < page.kpis.bonus.bonus
    assert len(page.departments) == len(demo_portfolio.departments)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_city_without_contracts_or_assessments(session, lang):
    city = tiny_city()  # no assessments at all
    city["contracts"] = city["contracts"].iloc[0:0]
    arr = city["arrangements"]  # without contracts nothing is outsourced: every team in-house
    outsourced = arr["delivery"].isin(["contracted", "labour_only"])
    arr.loc[outsourced, "staff_in_house"] = arr.loc[outsourced, "staff_vendor"]
    arr.loc[outsourced, ["delivery", "staff_vendor"]] = ["in_house", 0]
    arr["contract"] = None
    p = load_city(session, city)
    s = gates.GateSettings.from_book(p, ON)
    page = gates_views.gates_page(p, s, lang)
    assert page.exhibits["gates-channel-spend"].takeaway == t("gates.takeaway.no_contracts", lang)
    assert page.exhibits["gates-vendor-scores"].takeaway == t("gates.takeaway.no_scores", lang)
    assert page.kpis.spend == 0 and page.kpis.replace == 0
    for vendor_id in page.vendor_names:
        assert gates_views.vendor_detail(p, s, vendor_id, lang)["contracts"].empty


def test_the_scorecard_takeaway_when_everything_holds(session):
    p = load_city(session, tiny_city())
    s = gates.GateSettings.from_book(p, ON)
    card = scorecard.scorecard(p, s)
    fake = card.assign(quality_passed=True, met=card["applicable"], compliant=True)
    c = scorecard.compliance(fake)
    assert (c.rate, c.weakest) == (1.0, "")
    assert dataclasses.asdict(c)["compliant"] == 3
