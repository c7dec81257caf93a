"""Text stays text on screen (issue 15, item 3): stored names and link parameters shown through
Markdown are escaped, and chart labels carry no live HTML.

The hostile names are made here: a building called ``<a href="https://evil.example">…</a>``, a vendor
whose name is a styled span, a scenario named like a Markdown link.
"""
import json
import re

import plotly.graph_objects as go
import pytest
from sqlalchemy import text
from sqlmodel import Session

from core.sharing import pack
from core.store import db, repo
from core.store.text import WORD_JOINER, markdown_literal
from core.views.exhibits import PackOptions, plain_figure

LINK = '<a href="https://evil.example">点我</a>'
SPAN = '<span style="font-size:60px">企业</span>'


def rendered(markdown: str) -> str:
    """What a reader sees of escaped Markdown: escapes undone, word joiners invisible."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


@pytest.mark.parametrize("value", [
    "[点我](https://evil.example)", "see https://evil.example/x or www.evil.example", "a@evil.example",
    LINK, "**粗体** _斜体_ `代码`", ":red[红字] :material/home: $x^2$", "# 标题\n- 列表", "1,234.5 万元（+7.1%）",
])
def test_markdown_literal_shows_the_text_exactly_and_nothing_else(value):
    out = markdown_literal(value)
    assert rendered(out) == value.replace("\n", " ")  # the reader sees the characters, not markup
    assert not re.search(r"(?<!\\)[\[\]()*_`<>#$:]", out.replace(WORD_JOINER, ""))  # every one escaped
    assert "https://" not in out and "www." not in out and "a@" not in out  # no autolink can form


def test_markdown_literal_removes_control_characters_and_breaks_lines_into_spaces():
    assert markdown_literal("甲\x00乙\u202e丙\n丁") == "甲乙丙 丁"


def test_a_figure_keeps_our_tags_and_shows_any_other_as_text():
    fig = go.Figure(go.Bar(x=[LINK, "乙楼<br>东区"], y=[1, 2], name=SPAN, customdata=[[LINK], ["x"]],
                           hovertemplate="%{x}<br>%{customdata[0]}<extra></extra>"))
    fig.update_layout(title="标题<br><sup>说明</sup>", annotations=[{"text": LINK, "x": 0, "y": 1}])
    plain_figure(fig)
    data = fig.to_plotly_json()
    assert data["data"][0]["x"] == ['&lt;a href="https://evil.example">点我&lt;/a>', "乙楼<br>东区"]
    assert data["data"][0]["name"].startswith("&lt;span")
    assert data["data"][0]["customdata"][0] == ['&lt;a href="https://evil.example">点我&lt;/a>']
    assert data["data"][0]["hovertemplate"] == "%{x}<br>%{customdata[0]}<extra></extra>"
    assert data["layout"]["title"]["text"] == "标题<br><sup>说明</sup>"
    assert data["layout"]["annotations"][0]["text"].startswith("&lt;a")
    assert plain_figure(fig).to_plotly_json() == data  # twice is once


@pytest.fixture
def hostile_portfolio(demo):
    """The demo city with a building, a department and a vendor named to carry HTML."""
    with db.session_scope(demo) as s:
        s.execute(text("UPDATE building SET name = :n WHERE name = '市行政中心'"), {"n": LINK})
        s.execute(text("UPDATE department SET name = :n WHERE name = '市委办公室'"), {"n": SPAN})
        s.execute(text("UPDATE vendor SET name = :n WHERE name = '锦城物业服务有限公司'"), {"n": SPAN + "物业"})
    with Session(demo) as s:
        return repo.load_portfolio(s)


def test_no_chart_of_any_page_carries_live_html_from_a_stored_name(hostile_portfolio):
    doc = pack.collect(hostile_portfolio, "zh", PackOptions())
    assert len(doc.exhibits) >= 10
    texts = []
    for _, ex in doc.exhibits:
        page = json.dumps(json.loads(ex.figure.to_json()), ensure_ascii=False)  # plotly's JSON writes "<" as \u003c
        assert not re.search(r"<(a|span)\b", page, re.IGNORECASE), ex.key
        texts.append(page)
    assert "&lt;a href" in " ".join(texts)  # the building is there, shown as the text it is
