"""Downloads in a real browser: a chart's PNG, and the meeting pack's PDF, arrive as files."""
from __future__ import annotations

import re

from PIL import Image

from tests.browser.conftest import assert_no_error_box, goto, settle


def test_a_chart_downloads_as_png(page, app_url, tmp_path):
    goto(page, app_url + "/")
    settle(page)
    page.locator(".st-key-dl-overview-mode-mix button").first.click()  # the chart's "下载" popover
    button = page.locator(".st-key-dl-overview-mode-mix-png button")
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()  # rendered now, on the server's warm Chromium
    download = info.value
    assert re.fullmatch(r"总览-overview-mode-mix-\d{4}-\d{2}-\d{2}\.png", download.suggested_filename)
    path = tmp_path / "chart.png"
    download.save_as(path)
    img = Image.open(path)
    assert img.format == "PNG" and img.size == (1600, 600)  # 800 × 300 layout px at 2×
    assert_no_error_box(page)
    assert page.js_errors == []


def test_the_meeting_pack_downloads_as_pdf(page, app_url, tmp_path):
    goto(page, app_url + "/pack")
    settle(page)
    page.get_by_role("button", name="生成会议材料").click()
    page.get_by_text("已生成").wait_for(timeout=90_000)
    settle(page)
    with page.expect_download(timeout=60_000) as info:
        page.locator(".st-key-pack-dl-0 button").click()
    download = info.value
    assert re.fullmatch(r"会议材料-\d{4}-\d{2}-\d{2}\.pdf", download.suggested_filename)
    path = tmp_path / "pack.pdf"
    download.save_as(path)
    assert path.read_bytes()[:5] == b"%PDF-"
    assert_no_error_box(page)
