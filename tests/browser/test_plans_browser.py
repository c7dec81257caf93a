"""Issue 12's pages in a real browser: the schedule view (savings by year and lever, people by type),
adopting a saved scenario as the plan, and 执行跟踪 Delivery telling the demo plan's story; and the
Recommend page's plan (issue 14)."""
import json

from tests.browser.conftest import assert_no_error_box, goto, settle

CHARTS = "JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot')).map(c => c.layout.title.text))"


def titles(page) -> list[str]:
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    return json.loads(page.evaluate(CHARTS))


def test_the_schedule_view_shows_savings_by_year_and_the_people_affected(page, app_url):
    goto(page, app_url + "/consolidation?scenario=全面整合&view=schedule")
    settle(page)
    page.get_by_text("“全面整合”方案预计", exact=False).first.wait_for(timeout=30_000)
    shown = titles(page)
    assert len(shown) >= 2, shown  # the stacked schedule by lever and the people by type and year
    assert page.get_by_text("达到全部效果", exact=False).count() >= 1  # the headline says when
    assert "view=schedule" in page.url
    assert_no_error_box(page)
    assert page.js_errors == []


def test_an_admin_adopts_the_loaded_scenario_as_the_plan(page, app_url):
    goto(page, app_url + "/consolidation?scenario=标准先行")
    settle(page)
    page.get_by_text("“标准先行”方案预计", exact=False).first.wait_for(timeout=30_000)
    page.get_by_role("button", name="采纳为计划").click()
    dialog = page.locator("[data-testid='stPopoverBody']")
    # the plan is named after the scenario unless renamed; approver and date keep their defaults
    assert dialog.get_by_label("计划名称").input_value() == "标准先行"
    dialog.get_by_role("button", name="确认采纳").click(timeout=60_000)
    page.get_by_text("已采纳为计划“标准先行”（第 1 版）", exact=False).wait_for(timeout=120_000)
    assert_no_error_box(page)
    goto(page, app_url + "/delivery?plan=标准先行")
    settle(page)
    assert page.get_by_text("“标准先行”（第 1 版", exact=False).count() >= 1


def test_delivery_tells_the_demo_plans_story(page, app_url):
    goto(page, app_url + "/delivery?plan=2023年保洁集中采购与收费封顶")  # another test may have adopted a newer one
    settle(page)
    page.get_by_role("heading", name="执行跟踪").wait_for(timeout=30_000)
    assert page.get_by_text("2023年保洁集中采购与收费封顶", exact=False).count() >= 1
    assert len(titles(page)) == 2  # planned against actual by year and lever; by building
    assert page.get_by_text("低于计划的 P10", exact=False).count() >= 1  # the flag the issue asks for
    assert page.locator("[data-testid='stMetric']").count() == 4
    assert_no_error_box(page)
    assert page.js_errors == []


def test_recommend_shows_the_plan_as_a_grid(page, app_url):
    goto(page, app_url + "/recommend")
    settle(page)
    page.get_by_role("heading", name="最优方案").wait_for(timeout=30_000)
    page.get_by_text("推荐方案：", exact=False).first.wait_for(timeout=90_000)
    assert len(titles(page)) >= 1
    assert_no_error_box(page)
    assert page.js_errors == []
