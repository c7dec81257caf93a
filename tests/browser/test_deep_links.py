"""A shared link works on a freshly started server: the page opens inside the frame, in its language."""
import shutil

from tests.browser.conftest import assert_no_error_box, goto, settle, start_app


def test_deep_link_on_a_cold_server(browser, demo_db, tmp_path):
    db_path = tmp_path / "store.db"
    shutil.copy(demo_db, db_path)
    proc, url = start_app(db_path, tmp_path / "streamlit.log")  # nobody has opened "/" on this server
    try:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
        page = context.new_page()
        goto(page, f"{url}/standards?lang=en")
        settle(page)
        page.get_by_role("heading", name="Standards").wait_for(timeout=30_000)
        nav = page.locator("[data-testid='stSidebarNavLink']").all_inner_texts()
        assert any("Overview" in n for n in nav), nav  # app.py's navigation, not file names
        assert not any(n.strip() == "app" for n in nav), nav
        assert page.get_by_text("English", exact=True).count() == 1  # the language switch is there
        assert_no_error_box(page)
        context.close()
    finally:
        proc.terminate()
        proc.wait(10)
