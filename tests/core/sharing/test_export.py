"""Chart exports: file names, formula-safe tables, offline HTML, and PNG/SVG from the warm renderer."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image

from core.i18n import t
from core.sharing import export
from core.views import charts

DAY = dt.date(2026, 11, 27)


def chinese_figure():
    fig = charts.base_figure("各保障模式的楼宇、面积与支出", height=300)
    fig.add_bar(x=["完全社会化", "自我保障"], y=[3, 4], name="楼宇")
    return fig


def test_file_names_carry_page_chart_scenario_and_date():
    assert export.file_name("总览", "overview-mode-mix", None, ext="png", on=DAY) == \
        "总览-overview-mode-mix-2026-11-27.png"
    # characters Windows refuses, and spaces, become "_"
    assert export.file_name("整合模拟", "sim-waterfall", "方案 A/B: 试点", ext="svg", on=DAY) == \
        "整合模拟-sim-waterfall-方案_A_B_试点-2026-11-27.svg"
    assert export.file_stem(None, "chart", on=DAY) == "chart-2026-11-27"


def test_sheet_names_are_valid_and_unique():
    assert export.sheet_name("a/b:c", set()) == "a_b_c"
    long = "x" * 40
    assert export.sheet_name(long, set()) == "x" * 31
    assert export.sheet_name(long, {"x" * 31}) == "x" * 29 + "-2"


def test_table_workbook_neutralises_formulas(tmp_path):
    frame = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "甲楼"], "value": [-3.0, 1.5, 2.0],
                          "=bad header": [1, 2, 3]})
    path = tmp_path / "t.xlsx"
    path.write_bytes(export.table_xlsx({"overview-mode-mix": frame}))
    ws = load_workbook(path)["overview-mode-mix"]
    assert [c.value for c in ws[1]] == ["name", "value", "'=bad header"]
    assert ws["A2"].value == "'=HYPERLINK(\"http://x\")" and ws["A3"].value == "'@SUM(A1)"
    assert ws["A4"].value == "甲楼"
    assert ws["B2"].value == -3  # negative numbers stay numbers
    assert ws.freeze_panes == "A2"


def test_chart_html_is_self_contained_and_holds_the_data():
    fig = chinese_figure()
    page = export.chart_html(fig, "标题", takeaway="要点一句话。", data=pd.DataFrame({"楼": ["甲楼"], "值": [3]}))
    assert "要点一句话。" in page and "甲楼" in page
    assert json.dumps("完全社会化") in page  # the trace data, as plotly writes it (JSON, \\u-escaped)
    assert not re.search(r"<script[^>]*\bsrc=", page)  # plotly.js is inlined (3-5 MB): no network needed
    assert len(page) > 1_000_000


def test_missing_browser_is_reported_not_crashed(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    monkeypatch.setattr(export, "has_cjk_fonts", lambda: True)  # only the browser is missing, fonts or not here
    assert export.find_browser() is None
    assert "chromium" in export.missing()
    r = export.Renderer()
    with pytest.raises(export.RendererUnavailable) as info:
        r.image(chinese_figure(), "png")
    assert info.value.missing == ("chromium",) and "apt install chromium fonts-noto-cjk" in str(info.value)
    assert not r.running
    message = t("sharing.missing", "zh", what=t("sharing.missing.chromium", "zh"))
    assert "sudo apt install chromium fonts-noto-cjk" in message and "HTML" in message


def test_without_fonts_the_gap_is_named_too(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    monkeypatch.setattr(export, "has_cjk_fonts", lambda: False)
    assert export.missing() == ("chromium", "fonts")
    with pytest.raises(export.RendererUnavailable) as info:
        export.Renderer().image(chinese_figure(), "png")
    assert info.value.missing == ("chromium", "fonts") and "fonts-noto-cjk" in str(info.value)


def test_png_has_the_requested_size(renderer):
    png = renderer.image(chinese_figure(), "png", width=400, height=300, scale=2)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == (800, 600)  # 400 × 300 layout px at 2×
    img = img.convert("L")
    assert img.getextrema()[0] < 100  # something dark was drawn (bars, text): not a blank image


def test_png_defaults_to_the_export_width_at_2x(renderer):
    img = Image.open(io.BytesIO(renderer.image(chinese_figure(), "png")))
    assert img.size == (export.CHART_WIDTH * 2, 300 * 2)  # the figure's own height


def test_svg_keeps_the_chinese_text(renderer):
    svg = renderer.image(chinese_figure(), "svg", width=500, height=300).decode("utf-8")
    assert svg.startswith("<svg") and 'width="500"' in svg
    assert "各保障模式的楼宇、面积与支出" in svg and "完全社会化" in svg


def test_concurrent_renders_get_their_own_images(renderer):
    fig = chinese_figure()
    with ThreadPoolExecutor(4) as pool:
        pngs = list(pool.map(lambda w: renderer.image(fig, "png", width=w, height=200, scale=1), [300, 340, 380, 420]))
    assert [Image.open(io.BytesIO(p)).size for p in pngs] == [(300, 200), (340, 200), (380, 200), (420, 200)]


def test_a_closed_renderer_starts_again_on_the_next_request(renderer):
    starts = renderer.starts
    renderer.close()
    assert not renderer.running
    assert Image.open(io.BytesIO(renderer.image(chinese_figure(), "png", width=300, height=200, scale=1))).size == \
        (300, 200)
    assert renderer.starts == starts + 1
