"""Signing in, in a real browser: a new session sees only the sign-in page; a viewer sees the viewer's
pages and signs out; a shared scenario link opened by a viewer shows the scenario after sign-in, and
there is nothing to save it with."""
from tests.browser.conftest import assert_no_error_box, goto, settle, sign_in

VIEWER_PAGES = ["总览", "模式对比", "统一标准", "整合模拟", "方案比较", "执行跟踪", "最优方案", "会议材料", "企业与质量", "我的账户"]


def nav(page) -> list[str]:
    return [t.strip().splitlines()[-1] for t in page.locator("[data-testid='stSidebarNavLink']").all_inner_texts()]


def test_sign_in_see_only_the_roles_pages_and_sign_out(page, app_url):
    goto(page, app_url + "/", role=None)
    page.get_by_role("heading", name="登录").wait_for(timeout=30_000)
    assert nav(page) == []  # nobody signed in: no page of the app is offered
    sign_in(page, "viewer")
    page.get_by_role("heading", name="总览").wait_for(timeout=30_000)
    assert nav(page) == VIEWER_PAGES  # no Data, no Accounts
    assert page.get_by_text("viewer1 (测试viewer) · 查看者").count() == 1
    page.get_by_role("button", name="退出登录").click()
    page.get_by_role("heading", name="登录").wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_text("您已退出登录。").count() == 1 and nav(page) == []
    assert_no_error_box(page)
    assert page.js_errors == []


def test_a_viewer_cannot_open_the_data_page_by_its_address(page, app_url):
    goto(page, app_url + "/data", role="viewer")
    settle(page)
    assert page.get_by_role("heading", name="数据管理").count() == 0
    assert page.locator("[data-testid='stFileUploaderDropzoneInput']").count() == 0


def test_a_viewer_opens_a_shared_scenario_link_and_cannot_save_over_it(page, app_url):
    goto(page, app_url + "/consolidation?scenario=全面整合&view=risk", role=None)  # the link as it was sent
    page.get_by_role("heading", name="登录").wait_for(timeout=30_000)
    sign_in(page, "viewer")
    page.get_by_role("heading", name="整合模拟").wait_for(timeout=30_000)
    page.get_by_text("“全面整合”方案预计", exact=False).first.wait_for(timeout=30_000)  # the scenario, loaded
    page.get_by_text("每年净节约的不确定范围").first.wait_for(timeout=30_000)  # and the view the link named
    assert page.get_by_text("第 1 版 · system").count() == 1
    assert "scenario=" in page.url and "view=risk" in page.url
    assert page.get_by_role("button", name="保存").count() == 0  # nothing to save over it with
    assert page.get_by_role("button", name="分享").count() == 1  # sharing stays
    assert_no_error_box(page)
    assert page.js_errors == []
