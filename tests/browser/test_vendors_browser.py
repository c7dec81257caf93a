"""The Vendors & quality page in a real browser: every tab renders, charts included, in both languages."""
from tests.browser.conftest import assert_no_error_box, goto, settle


def open_vendors(page, app_url, query=""):
    # The app's first request runs its entry script; a first request straight at /vendors on a fresh
    # server would be served from the pages/ folder without the frame (a Streamlit behaviour).
    goto(page, app_url + "/")
    settle(page)
    goto(page, app_url + "/vendors" + query)
    settle(page)


def test_vendors_tabs_in_english(page, app_url):
    open_vendors(page, app_url, "?lang=en")
    page.get_by_role("heading", name="Vendors & quality").wait_for(timeout=30_000)
    for tab, charts in (("Contracts and fees", 3), ("Quality", 2), ("Unified-management scorecard", 1)):
        page.get_by_role("tab", name=tab).click()
        settle(page)
        panel = page.locator("[role=tabpanel]:visible")
        panel.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
        assert panel.locator(".js-plotly-plot").count() == charts, tab
    assert page.get_by_text("(dashboard check)").count() >= 1
    assert_no_error_box(page)
    assert page.js_errors == []


def test_vendors_in_chinese(page, app_url):
    open_vendors(page, app_url)
    page.get_by_role("heading", name="企业与质量").wait_for(timeout=30_000)
    assert page.get_by_text("统一管理合规率").count() >= 1
    page.get_by_role("tab", name="统一管理评分").click()
    settle(page)
    assert page.get_by_text("只点明了其中两项", exact=False).count() >= 1
    assert_no_error_box(page)
