"""The PowerPoint deck: title, briefing, cover, a slide per exhibit with notes, titles that fit, and
tables paginated to stay on the slide."""
import datetime as dt
import io

import pandas as pd
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from core.sharing.document import PackDoc
from core.sharing.slides import TABLE_BOTTOM, TITLE_WIDTH, deck, split_title, width_of
from core.views import charts
from core.views.briefing import Briefing, CoverFigure
from core.views.exhibits import Exhibit, ScenarioChoice, SectionContent


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 420), "white").save(buf, format="PNG")
    return buf.getvalue()


def _doc(ex: Exhibit, assumptions: pd.DataFrame, briefing: Briefing | None = None) -> PackDoc:
    return PackDoc(lang="zh", today=dt.date(2026, 12, 5), year=2025, demo=True,
                   scenarios=(ScenarioChoice("方案甲", {"fee_cap": True}, 2),),
                   parts=(("总览", SectionContent((ex,), key_figures=(("总支出", "4,257.4 万元"),),
                                                 caveats=("样本只有 16 栋楼。",))),),
                   assumptions=assumptions, briefing=briefing)


def test_deck_has_a_slide_per_exhibit_notes_and_tables_that_stay_on_the_slide():
    ex = Exhibit("overview-mode-mix", charts.base_figure("图"), "完全社会化楼宇最多。", pd.DataFrame({"a": [1]}))
    rows = 30  # long sources: the table must run over several slides, each within the slide
    assumptions = pd.DataFrame({"参数": [f"参数{i}" for i in range(rows)], "数值": range(rows),
                                "来源": ["《建设项目经济评价方法与参数》（第三版）：社会折现率 8%，" * 3] * rows,
                                "生效日期": [dt.date(2025, 1, 1)] * rows})
    prs = Presentation(io.BytesIO(deck(_doc(ex, assumptions), [_png()])))
    titles = [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in prs.slides]
    assert titles[1] == "完全社会化楼宇最多。"
    pages = [t for t in titles if t.startswith("所用参数及来源")]
    assert len(pages) >= 3 and pages[0].endswith(f"（1/{len(pages)}）")
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                assert shape.top + sum(r.height for r in shape.table.rows) <= TABLE_BOTTOM + Emu(1)
    texts = [shape.text_frame.text for shape in prs.slides[1].shapes if shape.has_text_frame]
    assert not any("4,257.4 万元" in t for t in texts)  # a section's tile never rides on another chart's slide
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert "完全社会化楼宇最多。" in notes and "样本只有 16 栋楼。" in notes  # headline and caveats
    assert any("内部资料" in shape.text_frame.text for shape in prs.slides[1].shapes if shape.has_text_frame)


def test_briefing_and_cover_open_the_deck():
    ex = Exhibit("x", charts.base_figure("图"), "一句话。", pd.DataFrame({"a": [1]}))
    b = Briefing(paragraphs=(("basic", "一、基本情况", "共 16 栋楼。"), ("requests", "五、请示事项", "同意。")),
                 cover=(CoverFigure("支出", "4,273.4 万元", "账面支出合计。"),))
    prs = Presentation(io.BytesIO(deck(_doc(ex, pd.DataFrame()), [_png()])))
    assert "汇报提纲" not in prs.slides[1].shapes.title.text_frame.text  # no briefing: the exhibit comes next
    prs = Presentation(io.BytesIO(deck(_doc(ex, pd.DataFrame(), b), [_png()])))
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles[1].startswith("汇报提纲") and titles[2] == "关键数字" and titles[3] == "一句话。"


def test_a_long_takeaway_becomes_a_headline_and_a_subtitle():
    text = ("“全面整合”方案在 2026—2030 年预计节约净现值 2,066.2 万元（十次中有八次在 1,927.8 万元 至 2,205.1 万元 之间），"
            "实现节约的把握为 100%；一次性转换成本 180.9 万元，2026 年即可收回。")
    head, rest = split_title(text)
    assert width_of(head) <= 2 * TITLE_WIDTH and rest
    assert head == "“全面整合”方案在 2026—2030 年预计节约净现值 2,066.2 万元" and rest.startswith("（十次中有八次")
    assert split_title("短标题") == ("短标题", "")
