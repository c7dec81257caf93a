"""The Data page in a real browser: a file travels through the uploader, the dry run and problems show."""
from pathlib import Path

from tests.browser.conftest import assert_no_error_box, goto, settle

DATA = Path(__file__).resolve().parents[1] / "data"


def open_data_page(page, app_url: str, query: str = "") -> None:
    goto(page, app_url + "/")  # a cold server learns the pages from the frame
    settle(page)
    goto(page, app_url + "/data" + query)
    settle(page)


def test_upload_a_gbk_file_and_see_the_dry_run(page, app_url):
    open_data_page(page, app_url)
    page.get_by_role("heading", name="数据管理").wait_for(timeout=30_000)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(DATA / "good" / "入驻情况_gbk.csv"))
    page.get_by_text("试导入结果（尚未写入）").wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_role("button", name="确认导入：新增 1 行，修改 1 行").count() == 1
    assert_no_error_box(page)
    assert page.js_errors == []


def test_a_bad_file_shows_its_problems_in_english(page, app_url):
    open_data_page(page, app_url, "?lang=en")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(DATA / "bad" / "negative_area.csv"))
    page.get_by_text("1 problem(s) found; nothing was written.").wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_role("heading", name="Data").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0
