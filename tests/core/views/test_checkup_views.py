"""The data check-up as people read it: sentences naming rows by labels, the link to the rows (and
what a hostile link may not do), the completeness line of the Overview and the pack, and the CLI."""
import datetime as dt
import json

import pytest
from sqlmodel import Session

from core.cli import main
from core.store import db
from core.views import checkup, overview
from core.views.exhibits import PackOptions
from tests.factories import load_city, tiny_city

ON = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def tiny():
    engine = db.make_engine("sqlite://")
    db.create_schema(engine)
    with Session(engine) as s:
        return load_city(s, tiny_city())


def test_each_finding_is_a_sentence_naming_its_rows(tiny):
    zh = checkup.checkup_view(tiny, "zh", on=ON).table
    assert zh.columns.tolist() == ["类别", "涉及", "说明", "记录"]
    assert zh.iloc[0, :3].tolist() == ["人员配置异常", "乙楼 · 保洁", "在岗 4 人；按 4,000 ㎡ 和配置标准约需 1.4 人。"]
    assert zh.iloc[3, :2].tolist() == ["企业近期无考核", "甲物业公司"]
    assert "HT-1、HT-2" in zh.iloc[3, 2]
    en = checkup.checkup_view(tiny, "en", on=ON).table
    assert en.iloc[1, :3].tolist() == ["Staffing implausible", "乙楼 · Security and order",
                                       "4 on site; the staffing norm for 4,000 m² is about 1.0."]
    assert "cleaning" not in " ".join(en.iloc[:, 1])  # rows named by labels, never by codes


def test_each_finding_links_to_its_rows(tiny):
    v = checkup.checkup_view(tiny, "en", on=ON)
    first = v.findings.iloc[0]
    assert v.table.iloc[0, 3] == f"data?edit=arrangements&rows={first['ids'][0]}&lang=en"
    assert checkup.parse_link("arrangements", str(first["ids"][0])) == ("arrangements", first["ids"])


@pytest.mark.parametrize(("edit", "rows"), [
    ("arrangements", "1,2,x"), ("no_such_table", "1"), ("arrangements", "1;DROP TABLE building"),
    ("arrangements", ",".join(["1"] * 501)), ("arrangements", "9" * 5_000), (None, "1"), ("arrangements", ""),
])
def test_a_link_that_names_nothing_usable_is_ignored(edit, rows):
    assert checkup.parse_link(edit, rows) is None


def test_the_completeness_line_in_both_languages(tiny):
    zh = checkup.checkup_view(tiny, "zh", on=ON).line
    assert zh == ("数据完整度：2025 年 9 项保障安排中 3 项（33%）未发现问题；数据体检另有 4 处需核对"
                  "（人员配置异常 3、企业近期无考核 1）。")
    assert overview.completeness_line(tiny, "en", ON).startswith("Data completeness: 3 of 9 arrangements (33%)")


def test_the_pack_carries_the_completeness_among_the_overview_figures(tiny):
    figures = dict(overview.overview_section(tiny, "zh", PackOptions(year=2025)).key_figures)
    assert figures["数据完整度（2025 年）"].startswith("33%，4 处需核对")


def test_a_book_without_the_check_ups_factors_says_how_to_add_them(tiny):
    from core.store.book import AssumptionBook

    book = tiny.assumptions.loc[~tiny.assumptions["key"].isin(checkup.MISSING_KEYS)]
    old = type(tiny)(**{**{f: getattr(tiny, f) for f in tiny.__dataclass_fields__}, "assumptions": book})
    assert isinstance(old.book, AssumptionBook)
    assert "init-db --if-empty" in overview.completeness_line(old, "zh", ON)
    assert overview.overview_section(old, "zh", PackOptions(year=2025)).key_figures  # the pack still builds


def test_the_cli_check(demo_copy, capsys):
    assert main(["check", "--json", "--lang", "en", "--on", "2025-06-30"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["year"] == 2025 and out["arrangements"] == 161 and out["by_kind"] == {"staffing": 4}
    assert [i["concerns"] for i in out["items"]] == ["市档案馆 · Security and order", "群团大楼 · Security and order",
                                                     "老干部活动中心 · Security and order", "城管执法基地 · Security and order"]
    assert all(i["link"].startswith("data?edit=arrangements&rows=") for i in out["items"])
    assert main(["check"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("数据完整度：2025 年 161 项保障安排中 157 项（98%）未发现问题") and "→ data?edit=arrangements" in text
