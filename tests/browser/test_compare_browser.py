"""Compare modes and Standards in a real browser: the year filter redraws the charts; the language
chosen on one page holds on the next.

Each test opens the app at its root and follows the sidebar link, as a reader does. (A direct link
to /compare on a freshly started server is run by Streamlit's old pages-folder mechanism, without
app.py, until someone opens the root once: see the report of issue 3.)
"""
import json
import time

from tests.browser.conftest import assert_no_error_box, goto, settle

FIRST_CHART_DATA = "JSON.stringify(document.querySelectorAll('.js-plotly-plot')[0].data.map(t => [t.x, t.z]))"


def pick_year(page, year: int) -> None:
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name=str(year), exact=True).click()
    settle(page)


def open_page(page, app_url: str, link: str, heading: str, lang: str = "zh") -> None:
    goto(page, app_url + ("/?lang=en" if lang == "en" else "/"))
    settle(page)
    page.get_by_role("link", name=link).first.click()
    page.get_by_role("heading", name=heading).wait_for(timeout=30_000)
    settle(page)


def first_chart(page):
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    return json.loads(page.evaluate(FIRST_CHART_DATA))


def chart_after(page, before, timeout: float = 30.0):
    """The first chart's data once it differs from ``before`` (or as it is after ``timeout`` seconds): the
    caption above it is drawn first, and on a busy machine the chart follows a moment later."""
    deadline = time.monotonic() + timeout
    while True:
        now = first_chart(page)
        if now != before or time.monotonic() > deadline:
            return now
        page.wait_for_timeout(100)


def test_year_filter_redraws_the_compare_chart(page, app_url):
    open_page(page, app_url, "模式对比", "模式对比")
    before = first_chart(page)
    page.get_by_text("2025 年度全成本", exact=False).first.wait_for(timeout=30_000)
    pick_year(page, 2020)
    page.get_by_text("2020 年度全成本", exact=False).first.wait_for(timeout=30_000)
    after = chart_after(page, before)
    assert after != before  # the buildings' costs per m² differ between 2025 and 2020
    assert_no_error_box(page)
    assert page.js_errors == []


def test_year_filter_redraws_the_standards_map(page, app_url):
    open_page(page, app_url, "Standards", "Standards", lang="en")
    before = first_chart(page)
    pick_year(page, 2021)
    page.get_by_text("in 2021 for every building", exact=False).first.wait_for(timeout=30_000)
    assert chart_after(page, before) != before
    assert_no_error_box(page)


def test_english_holds_when_switching_pages(page, app_url):
    goto(page, app_url + "/?lang=en")
    settle(page)
    page.get_by_role("link", name="Compare modes").click()
    page.get_by_role("heading", name="Compare modes").wait_for(timeout=30_000)
    settle(page)
    page.get_by_role("link", name="Standards").first.click()
    page.get_by_role("heading", name="Standards").wait_for(timeout=30_000)
    assert "lang=en" in page.url
    assert_no_error_box(page)
