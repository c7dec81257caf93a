"""No boolean, None, NaN or −0 reaches a table people read or the meeting pack; every assumption shown in
Chinese has a Chinese unit, basis and source."""
import datetime as dt
import io
import re

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation

from core.sharing import pack
from core.sharing.slides import deck
from core.views.book import book_table
from core.views.cells import cell_text, for_display, no_negative_zero
from core.views.exhibits import PackOptions, ScenarioChoice

TOY = re.compile(r"(?<![A-Za-z])(True|False|None|nan|NaN|NaT)(?![A-Za-z])|(?<![\d.])[-−]0(\.0+)?(?![\d.])")
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_cells_read_as_people_write_them():
    assert [cell_text(v, "zh") for v in (True, False, None, float("nan"), -0.0, -0.004, pd.NaT)] == \
        ["是", "否", "—", "—", "0", "0.00", "—"]
    assert [cell_text(v, "en") for v in (True, np.bool_(False))] == ["Yes", "No"]
    assert no_negative_zero("-0.0%") == "0.0%" and no_negative_zero("-1.6%") == "-1.6%" and no_negative_zero("−0") == "0"
    frame = for_display(pd.DataFrame({"受限": [True, False], "名称": ["甲", None], "值": [-0.0, 1.5]}), "zh")
    assert frame["受限"].tolist() == ["是", "否"] and frame["名称"].tolist() == ["甲", "—"]
    assert np.signbit(frame["值"].to_numpy()).sum() == 0  # −0.0 became 0.0


@pytest.fixture(scope="module")
def doc(demo_portfolio):
    options = PackOptions(scenarios=(ScenarioChoice("全面整合", {"fee_cap": True, "quality_gate": True,
                                                                "energy": True}, 1, status="approved"),))
    return pack.collect(demo_portfolio, "zh", options, demo=True, today=dt.date(2026, 12, 5))


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 420), "white").save(buf, format="PNG")
    return buf.getvalue()


def test_no_toy_sign_reaches_the_pack(doc):
    html = pack.document_html(doc, ["" for _ in doc.exhibits], interactive=False)
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html)
    assert cells and not [c for c in cells if TOY.search(c)]
    text = re.sub(r"<[^>]+>", " ", html)
    assert not TOY.search(re.sub(r"\s+", " ", text)), TOY.search(text)
    wb = load_workbook(io.BytesIO(pack.workbook(doc)))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert not isinstance(c.value, bool), (ws.title, c.coordinate)
                assert not (isinstance(c.value, float) and (np.isnan(c.value) or (np.signbit(c.value) and c.value == 0)))
                assert not (isinstance(c.value, str) and TOY.fullmatch(c.value.strip())), (ws.title, c.coordinate, c.value)
    prs = Presentation(io.BytesIO(deck(doc, [_png() for _ in doc.exhibits])))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        assert not TOY.search(cell.text), cell.text


def test_the_briefing_comes_first_and_no_section_twice(doc):
    html = pack.document_html(doc, ["" for _ in doc.exhibits], interactive=False)
    first = html.index('<section class="page')
    assert html[first:].startswith('<section class="page briefing"')
    assert html.index('class="page briefing"') < html.index('class="page cover"') < html.index('class="page exhibit"')
    ids = re.findall(r'<section class="page exhibit" id="([^"]+)"', html)
    assert ids and len(ids) == len(set(ids))
    takeaways = re.findall(r'<h2 class="takeaway">(.*?)</h2>', html)
    assert len(takeaways) == len(set(takeaways))
    assert len(doc.cover) <= 6 and all(f.explanation for f in doc.cover)


def test_a_chart_two_sections_share_is_printed_once(doc):
    from core.sharing.document import PackDoc

    (title, content), *_ = doc.parts
    twice = PackDoc(lang="zh", today=doc.today, year=doc.year, demo=False, scenarios=(), parts=((title, content),
                    ("again", content)), assumptions=doc.assumptions)
    assert len(twice.exhibits) == len(content.exhibits)


def test_every_assumption_shown_in_chinese_has_a_chinese_unit_basis_and_source(demo_portfolio, doc):
    shown = book_table(demo_portfolio.book, "zh")
    for _, row in shown.iterrows():
        assert CJK.search(row["单位"]), row.to_dict()
        assert row["依据类型"] in ("有出处", "行业经验值", "假设"), row.to_dict()
        assert CJK.search(row["来源"]), row.to_dict()
    pack_book = doc.assumptions
    assert len(pack_book) and all(CJK.search(u) for u in pack_book["单位"]) and all(CJK.search(s) for s in pack_book["来源"])
    overhead = shown.set_index("参数").loc["自我保障间接费用率"]
    assert overhead["来源"].startswith("本局审慎取值，参照国际通行做法")
    hurdle = shown.set_index("参数").loc["最低转换差额"]
    assert hurdle["来源"].startswith("本局审慎取值，参照国际通行做法") and hurdle["依据类型"] == "假设"
    discount = shown.set_index("参数").loc["折现率"]
    assert "建设项目经济评价方法与参数" in discount["来源"]
    english = book_table(demo_portfolio.book, "en")
    assert not any(CJK.search(u) for u in english["Unit"])  # and English units for English readers
