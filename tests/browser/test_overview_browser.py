"""The Overview in a real browser: Chinese by default, English with ?lang=en, no error box."""
from tests.browser.conftest import assert_no_error_box, goto, settle


def test_overview_in_chinese(page, app_url):
    goto(page, app_url + "/")
    settle(page)
    page.get_by_role("heading", name="总览").wait_for(timeout=30_000)
    assert page.get_by_text("后勤服务总支出").count() >= 1
    assert page.locator(".js-plotly-plot").count() == 4  # modes, trend, services, budget
    assert "示例数据" in page.locator("[data-testid='stAlertContentInfo']").first.inner_text()
    assert_no_error_box(page)
    assert page.js_errors == []


def test_overview_in_english_from_the_url(page, app_url):
    goto(page, app_url + "/?lang=en")
    settle(page)
    page.get_by_role("heading", name="Overview").wait_for(timeout=30_000)
    assert page.get_by_text("Total spending").count() >= 1
    assert "Demo data" in page.locator("[data-testid='stAlertContentInfo']").first.inner_text()
    assert_no_error_box(page)


def test_language_switch_keeps_the_url_in_step(page, app_url):
    goto(page, app_url + "/")
    settle(page)
    page.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Overview").wait_for(timeout=30_000)
    settle(page)
    assert "lang=en" in page.url
