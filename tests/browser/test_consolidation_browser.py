"""整合模拟 Consolidation in a real browser: moving a lever redraws the waterfall; a shared link restores
the scenario and the view, for a saved scenario and for levers never saved (opened straight, as the
person it was sent to does: deep links work on a cold server, see test_deep_links)."""
import json
import time

from tests.browser.conftest import assert_no_error_box, goto, settle

CHARTS = "JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot')).map(c => c.data.map(t => [t.x, t.y])))"


def charts(page) -> list:
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    return json.loads(page.evaluate(CHARTS))


def changed(page, before: list, timeout: float = 30.0) -> list:
    """The first chart's data once it differs from ``before`` (polled every 20 ms)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        now = charts(page)
        if now and now[0] != before:
            return now[0]
        time.sleep(0.02)
    raise TimeoutError("the waterfall did not change")


def open_consolidation(page, app_url: str) -> None:
    goto(page, app_url + "/")
    settle(page)
    page.get_by_role("link", name="整合模拟").first.click()
    page.get_by_role("heading", name="整合模拟").wait_for(timeout=30_000)
    settle(page)


def test_moving_a_lever_redraws_the_waterfall(page, app_url):
    open_consolidation(page, app_url)
    before = charts(page)[0]
    assert "人员统筹" not in json.dumps(before, ensure_ascii=False)
    t0 = time.perf_counter()
    page.locator("[data-testid='stSidebar']").get_by_text("同片区人员统筹").click()
    after = changed(page, before)
    seconds = time.perf_counter() - t0
    print(f"\nwaterfall redrawn {seconds:.2f} s after the lever was moved (target < 1.5 s)")
    settle(page)
    assert "人员" in json.dumps(after[0][1], ensure_ascii=False)  # a staff-pooling bar on the waterfall (y: levers)
    assert after[0][0][-1] > before[0][0][-1]  # and a larger total (x: savings)
    assert "levers=" in page.url  # the address bar is the link to what is shown
    assert_no_error_box(page)
    assert page.js_errors == []


def test_a_shared_link_restores_a_saved_scenario_and_the_view(page, app_url):
    goto(page, app_url + "/consolidation?scenario=全面整合&view=risk")
    settle(page)
    page.get_by_text("“全面整合”方案预计", exact=False).first.wait_for(timeout=30_000)
    page.get_by_text("每年净节约的不确定范围").first.wait_for(timeout=30_000)  # the risk view's fan chart
    assert len(charts(page)) == 3  # fan, NPV distribution, tornado
    assert page.get_by_text("第 1 版 · system").count() == 1  # loaded as saved
    assert "scenario=" in page.url and "view=risk" in page.url
    assert_no_error_box(page)
    assert page.js_errors == []


def test_the_share_link_of_unsaved_levers_opens_the_same_scenario(page, browser, app_url):
    open_consolidation(page, app_url)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("公共机构节能管理").click()  # energy off
    settle(page)
    sidebar.get_by_text("同片区人员统筹").click()  # pooling on
    settle(page)
    page.get_by_role("button", name="分享").click()
    link = page.locator("[data-testid='stCode'] code").first.inner_text().strip()
    assert "levers=" in link
    mine = charts(page)[0]

    other = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})  # someone else
    try:
        theirs = other.new_page()
        goto(theirs, link)
        settle(theirs)
        theirs.get_by_role("heading", name="整合模拟").wait_for(timeout=30_000)
        assert charts(theirs)[0] == mine  # the same waterfall
        assert_no_error_box(theirs)
    finally:
        other.close()
