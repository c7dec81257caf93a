"""The meeting pack: the section registry, and the PDF, PowerPoint, Excel and HTML built from it.

The full pack is built once (demo city, Chinese, one scenario) and every format is opened with the
tool a reader would use: poppler for the PDF, python-pptx, openpyxl, and the HTML as text.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from core.cli import main
from core.domain import spending
from core.i18n import fmt_money
from core.sharing import document, export, pack
from core.store.models import Scenario
from core.store.scenario_rows import list_scenarios
from core.views import charts, overview
from core.views.exhibits import Exhibit, PackOptions, ScenarioChoice, SectionContent

DAY = dt.date(2026, 11, 27)
SCENARIO = ScenarioChoice(name="方案甲", levers={"fee_cap": True, "quality_gate": True}, version=2)


def squash(text: str) -> str:
    """Text without whitespace (pdftotext breaks lines where the page does)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def doc(demo_portfolio) -> document.PackDoc:
    # the Overview alone: the figures below count its three charts (other sections are tested with their pages)
    return pack.collect(demo_portfolio, "zh", PackOptions(scenarios=(SCENARIO,)), ["overview"], demo=True, today=DAY)


@pytest.fixture(scope="module")
def built(doc, renderer) -> pack.Pack:
    steps: list[tuple[float, str]] = []
    result = pack.build(doc, renderer=renderer, progress=lambda f, m: steps.append((f, m)))
    assert steps[-1] == (1.0, "完成") and [f for f, _ in steps] == sorted(f for f, _ in steps)
    return result


# --- the registry and the document -------------------------------------------------------------------
def test_the_overview_is_registered_as_a_section(demo_portfolio):
    section = pack.SECTIONS["overview"]
    assert section.title_key == "page.overview"
    content = section.build(demo_portfolio, "zh", PackOptions())
    assert [ex.key for ex in content.exhibits] == ["overview-mode-mix", "overview-trend", "overview-services",
                                                   "overview-budget"]
    assert all(2 <= len(ex.key_figures) <= 3 for ex in content.exhibits)
    # the cheapest delivery per service is measured on the full cost: the full-cost factors are listed
    assert content.assumptions == ("on_cost_rate", "overhead_rate", "supervision_rate", "contract_admin_rate")


def test_section_figures_of_the_tiny_city(tiny):
    content = overview.overview_section(tiny, "zh", PackOptions(year=2025))
    figures = dict(content.key_figures)
    # 1,491,856 CNY in 2025 (tests/factories.py) = 149.2 万元, over 20,000 m² = 75 CNY/m²
    assert figures["2025 年后勤支出"] == "149.2 万元"
    assert figures["每平方米年支出"] == "75 元/㎡·年"
    assert figures["办公楼/区及面积"] == "3 栋 · 20,000 ㎡"
    assert figures["2025 年预算偏差"] == "+5.3%"  # budget 5% under actual: 1 / 0.95 − 1


def test_a_new_section_joins_the_pack_with_one_entry(tiny, monkeypatch):
    """What a later page does: one Section in pack.SECTIONS; its assumptions are listed with sources."""
    fig = charts.base_figure("测试图")
    fig.add_bar(x=["甲"], y=[1])
    ex = Exhibit("compare-test", fig, "甲比乙省 10%。", pd.DataFrame({"名称": ["=cmd|' /C calc'!A0"], "值": [1.5]}),
                 (("节约", "10%"), ("楼宇", "3 栋")))

    def build(p, lang, options):
        return SectionContent(exhibits=(ex,), key_figures=(("年节约", "12 万元"),), assumptions=("overhead_rate",))

    monkeypatch.setitem(pack.SECTIONS, "compare", pack.Section("compare", "page.pack", build))
    doc = pack.collect(tiny, "zh", PackOptions(), ["overview", "compare"], today=DAY)
    assert [ex.key for _, ex in doc.exhibits][-1] == "compare-test"
    # the Overview lists the full-cost factors first (its cheapest delivery per service), each once
    overhead = doc.assumptions.set_index(doc.assumptions.columns[0]).loc["自我保障间接费用率"]
    assert doc.assumptions.iloc[:, 0].is_unique
    assert overhead.tolist()[:3] == ["12%", "占人员费用的比例", "假设"]
    assert "本局审慎取值，参照国际通行做法" in overhead.iloc[3] and "OMB A-76" in overhead.iloc[3]
    wb = load_workbook(io.BytesIO(pack.workbook(doc)))
    sheet = next(n for n in wb.sheetnames if n.endswith("测试图"))  # sheets are named after the charts
    assert wb[sheet]["A2"].value == "'=cmd|' /C calc'!A0"  # formula injection neutralised
    assert [c.value for c in wb["参数"]["A"][1:5]] == doc.assumptions.iloc[:, 0].tolist()[:4]
    assert "自我保障间接费用率" in [c.value for c in wb["参数"]["A"]]
    html = pack.document_html(doc, pack.interactive_charts(doc), interactive=True)
    assert "OMB A-76" in html and "甲比乙省 10%。" in html


def test_unknown_sections_and_scenarios_are_refused(tiny):
    with pytest.raises(ValueError, match="no pack section named nope"):
        pack.collect(tiny, "zh", PackOptions(), ["nope"])
    with pytest.raises(KeyError, match="no saved scenario is named '方案乙'"):
        pack.scenario_choices(pd.DataFrame(columns=["name", "levers", "version"]), ["方案乙"])
    assert pack.scenario_choices(pd.DataFrame(columns=["name", "levers", "version"]), []) == ()


def test_saved_scenarios_are_listed_and_chosen(session, tiny):
    now = dt.datetime.now(dt.UTC)
    session.add(Scenario(name="方案乙", levers='{"energy": 0.05}', version=3, created_at=now, updated_at=now))
    session.add(Scenario(name="坏方案", levers="{not json", created_at=now, updated_at=now))
    session.commit()
    saved = list_scenarios(session)
    assert sorted(saved["name"]) == ["坏方案", "方案乙"] and saved.loc[saved["name"] == "方案乙", "version"].item() == 3
    (choice,) = pack.scenario_choices(saved, ["方案乙"])
    assert (choice.name, choice.levers, choice.version, choice.status) == ("方案乙", {"energy": 0.05}, 3, "draft")
    with pytest.raises(ValueError, match="not valid JSON"):
        pack.scenario_choices(saved, ["坏方案"])


def test_file_names_carry_the_scenarios_and_the_date(doc):
    assert doc.file_name("pdf") == "会议材料-方案甲-2026-11-27.pdf"
    two = document.PackDoc(lang="en", today=DAY, year=2025, demo=False, parts=(), assumptions=pd.DataFrame(),
                       scenarios=(SCENARIO, ScenarioChoice("Plan B")))
    assert two.file_name("xlsx") == "meeting-pack-方案甲+Plan_B-2026-11-27.xlsx"


# --- the four files -------------------------------------------------------------------------------------
def test_every_format_is_built_and_named(built):
    assert list(built.files) == ["pdf", "pptx", "xlsx", "html"] and built.skipped == ()
    assert [f.name for f in built.files.values()] == [f"会议材料-方案甲-2026-11-27.{e}" for e in pack.FORMATS]
    with zipfile.ZipFile(io.BytesIO(built.zip.data)) as z:
        assert sorted(z.namelist()) == sorted(f.name for f in built.files.values())


def pdf_file(built, tmp_path: Path) -> Path:
    path = tmp_path / "pack.pdf"
    path.write_bytes(built.files["pdf"].data)
    return path


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [squash(page) for page in text.split("\f") if page.strip()]


def test_pdf_opens_with_the_briefing_then_the_cover_then_each_chart_once(built, doc, tmp_path, demo_portfolio):
    path = pdf_file(built, tmp_path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595.0 x 842.0 pts (A4)" in info or "594.96 x 841.92 pts (A4)" in info
    pages = pdf_pages(path)
    first = pages[0]
    assert "汇报提纲" in first and "内部资料" in first and "一、基本情况" in first and "编制日期：2026-11-27" in first
    briefing = "".join(pages[:3])
    assert all(h in briefing for h in ("二、存在问题", "三、测算结果", "四、下一步建议", "五、请示事项"))
    cover_at = next(i for i, p in enumerate(pages) if "关键数字" in p and "目录" in p)
    cover = pages[cover_at]
    assert "示例数据" in cover and "方案：方案甲" in cover
    assert squash(fmt_money(spending.overview_kpis(demo_portfolio, 2025).total_spend)) in cover
    assert all(squash(f.explanation[:20]) in cover for f in doc.cover) and len(doc.cover) <= 6
    body = pages[cover_at + 1:]
    for _, ex in doc.exhibits:  # each chart's takeaway is real, searchable text, on one page only
        assert sum(squash(ex.takeaway) in p for p in body) == 1
    assert all("内部资料" in p for p in pages)  # marked on every page, with its number
    assert all(f"{n}/{len(pages)}" in p for n, p in enumerate(pages, start=1))
    last = pages[-1]
    assert "所用参数及来源" in "".join(pages[-2:]) and "方案“方案甲”的参数（第2版）" in "".join(pages[-2:])
    assert "收费封顶" in "".join(pages[-2:]) and "{" not in last  # settings in words, never JSON


def test_pdf_pages_render_and_none_is_blank(built, tmp_path):
    path = pdf_file(built, tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    inked = [float((np.asarray(Image.open(png).convert("L")) < 200).mean()) for png in pages]
    assert all(share > 0.003 for share in inked), inked  # every page carries text or a chart


def test_pptx_opens_with_the_briefing_and_has_one_message_per_slide(built, doc):
    prs = Presentation(io.BytesIO(built.files["pptx"].data))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[1].startswith("汇报提纲")
    cover = titles.index("关键数字")
    charts = list(prs.slides)[cover + 1:cover + 1 + len(doc.exhibits)]
    for slide, (_, ex) in zip(charts, doc.exhibits):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1 and pictures[0].left + pictures[0].width <= prs.slide_width
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert all(v in text for _, v in ex.key_figures)
        assert ex.takeaway in slide.notes_slide.notes_text_frame.text
    title_slide = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "示例数据" in title_slide and "方案甲" in title_slide and "内部资料" in title_slide


def test_xlsx_holds_every_chart_table_with_core_figures(built, doc, demo_portfolio):
    data = io.BytesIO(built.files["xlsx"].data)
    wb = load_workbook(data)
    assert wb.sheetnames[:3] == ["汇报提纲", "目录", "关键数字"] and wb.sheetnames[-1] == "参数"
    charts = wb.sheetnames[3:-1]
    assert len(charts) == len(doc.exhibits)
    for name, (_, ex) in zip(charts, doc.exhibits):
        assert ex.title[:10] in name  # named in Chinese after the chart, not by an internal key
        sheet = pd.read_excel(data, sheet_name=name)
        assert sheet.columns.tolist() == ex.data.columns.tolist()
    contents = pd.read_excel(data, sheet_name="目录", header=7)
    assert contents["要点"].tolist() == [ex.takeaway for _, ex in doc.exhibits]
    assert wb["目录"]["A1"].value == "机关后勤服务保障会议材料" and "内部资料" in wb["目录"]["A2"].value
    values = [c.value for row in wb["关键数字"].iter_rows(min_row=2) for c in row]
    assert not any(isinstance(v, str) and v.startswith("'") for v in values)  # figures are numbers, not '-1.6%
    assert 4209.9 in [v for v in values if isinstance(v, float)] or any(
        isinstance(v, str) and "4,209.9" in v for v in values)
    formats = {c.number_format for row in wb[charts[0]].iter_rows(min_row=2) for c in row if isinstance(c.value, float)}
    assert formats and "General" not in formats  # numbers carry a format
    assert "收费封顶" in pd.read_excel(data, sheet_name="参数")["参数"].tolist()


def test_html_is_self_contained_with_every_chart_and_its_data(built, doc):
    html = built.files["html"].data.decode("utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", html)  # nothing to fetch: opens offline
    assert html.count("Plotly.newPlot(") == len(doc.exhibits)
    assert len(html) < 2 * len(built.files["html"].data)  # sanity: one copy of plotly.js, not one per chart
    for _, ex in doc.exhibits:
        assert f'id="chart-{ex.key}"' in html and ex.takeaway in html
        for trace in json.loads(ex.figure.to_json())["data"]:  # the chart's own data, as plotly.js reads it
            for axis in ("x", "y"):
                values = trace.get(axis)
                if isinstance(values, dict):
                    assert values["bdata"].replace("/", "\\u002f") in html  # plotly escapes "/" inside <script>
                elif values:
                    assert json.dumps(values[0]) in html
    budget = next(ex for _, ex in doc.exhibits if ex.key == "overview-budget").data
    assert html.count('class="page exhibit"') == len(doc.exhibits) == len({ex.key for _, ex in doc.exhibits})
    assert all(name in html for name in budget["办公楼/区"].unique())  # the table behind the chart


def test_plotly_js_is_inlined_once(built):
    html = built.files["html"].data.decode("utf-8")
    assert html.count("plotly.js v") <= 2 and 3_000_000 < len(html) < 7_000_000


# --- without Chromium -------------------------------------------------------------------------------------
def test_without_chromium_the_html_and_excel_are_still_built(doc, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    monkeypatch.setattr(export, "has_cjk_fonts", lambda: True)  # only the browser is missing, fonts or not here
    result = pack.build(doc, renderer=export.Renderer())
    assert result.skipped == ("pdf", "pptx") and result.missing == ("chromium",)
    assert list(result.files) == ["xlsx", "html"]
    assert "Plotly.newPlot(" in result.files["html"].data.decode("utf-8")
    assert pack.build(doc, formats=["html"], renderer=None).skipped == ()  # nothing asked of the browser


def test_cli_builds_the_pack_into_a_folder(demo_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["pack", "--out", str(out), "--lang", "en", "--formats", "xlsx", "html"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"meeting-pack-{dt.date.today().isoformat()}.html", f"meeting-pack-{dt.date.today().isoformat()}.xlsx"]
    assert capsys.readouterr().out.count(str(out)) == 2


def test_cli_without_chromium_says_what_to_install(demo_copy, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    assert main(["pack", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: pdf, pptx not built") and "sudo apt install chromium fonts-noto-cjk" in err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".html", ".xlsx"]


def test_cli_refuses_an_unknown_scenario(demo_copy, tmp_path, capsys):
    assert main(["pack", "--out", str(tmp_path), "--scenario", "没有这个方案", "--formats", "html"]) == 2
    assert capsys.readouterr().err.strip() == ("error: no saved scenario is named '没有这个方案' "
                                               "(saved: 全面整合, 标准+集中采购, 标准先行)")  # the demo's examples


def test_a_name_with_a_control_character_builds_a_safe_workbook_not_a_traceback(demo_copy, tmp_path, capsys):
    """A scenario saved before the text gate existed (or restored from such a store), named with a
    control character in front of a formula: the pack's Excel is built, the name is text, not a formula."""
    from sqlalchemy import text

    from core.store import db

    name = '\x01=HYPERLINK("https://evil.example","方案")'
    now = dt.datetime.now(dt.UTC)
    engine = db.make_engine(f"sqlite:///{demo_copy}")
    with db.session_scope(engine) as s:  # straight into the table: the gate would refuse it today
        s.execute(text("INSERT INTO scenario (name, owner, description, levers, version, created_at, updated_at) "
                       "VALUES (:n, 'x', '', '{\"energy\": true}', 1, :t, :t)"), {"n": name, "t": now})
    engine.dispose()
    out = tmp_path / "out"
    assert main(["pack", "--out", str(out), "--scenario", name, "--formats", "xlsx", "--sections", "overview"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    book = next(out.glob("*.xlsx"))
    cells = [c.value for ws in load_workbook(book) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert '方案：=HYPERLINK("https://evil.example","方案")' in cells  # cleaned; not at the start: no formula
    assert '\'=HYPERLINK("https://evil.example","方案")' in cells  # the levers' source column: neutralised
    assert not any(v.startswith("=") or "\x01" in v for v in cells)
