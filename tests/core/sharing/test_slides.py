"""The PowerPoint deck: a title slide, a slide per exhibit, and the assumptions and levers paginated."""
import datetime as dt
import io

import pandas as pd
from PIL import Image
from pptx import Presentation

from core.sharing.document import PackDoc
from core.sharing.slides import ASSUMPTION_ROWS_PER_SLIDE, deck
from core.views import charts
from core.views.exhibits import Exhibit, ScenarioChoice, SectionContent


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 420), "white").save(buf, format="PNG")
    return buf.getvalue()


def test_deck_has_a_slide_per_exhibit_and_paginated_tables():
    ex = Exhibit("overview-mode-mix", charts.base_figure("图"), "完全社会化楼宇最多。", pd.DataFrame({"a": [1]}))
    rows = ASSUMPTION_ROWS_PER_SLIDE + 3  # two slides of assumptions
    assumptions = pd.DataFrame({"参数": [f"k{i}" for i in range(rows)], "数值": range(rows),
                                "生效日期": [dt.date(2025, 1, 1)] * rows})
    doc = PackDoc(lang="zh", today=dt.date(2026, 12, 5), year=2025, demo=True,
                  scenarios=(ScenarioChoice("方案甲", {"fee_cap": True}, 2),),
                  parts=(("总览", SectionContent((ex,), key_figures=(("总支出", "4,257.4 万元"),))),),
                  assumptions=assumptions)
    prs = Presentation(io.BytesIO(deck(doc, [_png()])))
    titles = [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in prs.slides]
    # title, one exhibit, two pages of assumptions, one page of the scenario's levers
    assert len(prs.slides) == 5
    assert titles[1] == "完全社会化楼宇最多。"
    assert titles[2] == titles[3] and "方案甲" in titles[4]
    texts = [shape.text_frame.text for shape in prs.slides[1].shapes if shape.has_text_frame]
    assert any("4,257.4 万元" in t for t in texts)  # the section's key figure beside the chart
