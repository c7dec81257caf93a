"""执行跟踪 Delivery on the demo city: the plan adopted in 2023 and what its 2023–2025 ledger delivers."""
import pytest

from core.views import delivery
from core.views.exhibits import PackOptions


@pytest.fixture(scope="module")
def d(demo_portfolio):
    plans = delivery.choices(demo_portfolio)
    assert plans["name"].tolist() == ["2023年保洁集中采购与收费封顶"]
    return delivery.delivery(demo_portfolio, int(plans["id"].iloc[0]))


def test_the_demo_plan_delivers_part_of_what_it_promised(d):
    assert d.years == [2023, 2024, 2025]
    planned, actual = d.rows["planned"].sum(), d.rows["actual"].sum()
    assert 0.6 * planned < actual < planned
    by_lever = delivery.by_year(d).groupby("lever")[["planned", "actual"]].sum()
    # the lots came in cheaper than the old contracts, but by less than the simulator expected
    assert 0.4 * by_lever.at["bundling", "planned"] < by_lever.at["bundling", "actual"] < by_lever.at["bundling", "planned"]
    # the first lot's tender failed (流标): 市行政中心 paid its old price all 2023, below the plan's P10
    cell = d.rows.set_index(["year", "building", "lever"]).loc[(2023, "市行政中心", "fee_cap")]
    assert cell["actual"] == 0 and cell["below_p10"] and cell["planned"] > 0
    # from 2024 the capped fees came through: 市行政中心 is no longer flagged for the cap
    later = d.rows.set_index(["year", "building", "lever"]).loc[(2024, "市行政中心", "fee_cap")]
    assert not later["below_p10"] and later["actual"] > 0.8 * later["planned"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_says_it_in_a_sentence_with_its_charts(d, lang):
    text = delivery.headline(d, lang)
    assert "2023" in text and "2025" in text and "市行政中心" in text
    assert ("低于计划的 P10" in text) if lang == "zh" else ("below the plan's P10" in text)
    years, buildings = delivery.years_exhibit(d, lang), delivery.buildings_exhibit(d, lang)
    assert years.figure.data and buildings.figure.data and len(years.data) == 6  # 3 years × 2 levers
    table = delivery.buildings_table(d, lang)
    assert len(table) == len(d.rows)
    flags = table.iloc[:, -1]
    assert (flags != "").sum() == d.rows["below_p10"].sum()


def test_the_meeting_pack_has_a_delivery_section(demo_portfolio):
    section = delivery.delivery_section(demo_portfolio, "zh", PackOptions())
    assert [e.key for e in section.exhibits] == ["delivery-1-years", "delivery-1-buildings"]
    labels = [label for label, _ in section.key_figures]
    assert labels[0].startswith("2023年保洁集中采购与收费封顶")
