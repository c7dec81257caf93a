"""数据体检 on the Data page and the Overview (issue 15, item 7): findings that name their rows and
open them in the editor, a link that opens nothing else, and the line on data completeness."""
from sqlmodel import Session

from core.store import db, repo
from tests.app.conftest import assert_clean, open_lazy, run_app


def button(at, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def arrangement_id(building: str, service: str) -> int:
    with Session(db.make_engine()) as s:
        p = repo.load_portfolio(s)
    bid = int(p.buildings.set_index("name").at[building, "id"])
    a = p.arrangements
    return int(a.loc[(a["building_id"] == bid) & (a["service"] == service), "id"].iloc[0])


def test_the_check_up_lists_findings_with_links_to_their_rows():
    at = open_lazy(run_app("zh", "pages/data.py"), "data_tab", "数据体检")
    assert_clean(at)
    findings = next(d.value for d in at.dataframe if "类别" in d.value.columns)
    assert findings["类别"].tolist() == ["人员配置异常"] * 4
    assert findings["涉及"].tolist()[0] == "市档案馆 · 秩序维护"
    wanted = arrangement_id("市档案馆", "security")
    assert findings["记录"].tolist()[0] == f"data?edit=arrangements&rows={wanted}"
    assert any("数据完整度：2025 年 161 项保障安排中 157 项" in m.value.replace("\\", "") for m in at.markdown)


def test_a_findings_link_opens_the_editor_on_its_rows_alone_and_saving_touches_only_them():
    wanted = arrangement_id("市档案馆", "security")
    at = run_app("zh", "pages/data.py", edit="arrangements", rows=str(wanted))
    assert_clean(at)
    grid = at.data_editor[0]
    assert len(grid.value) == 1 and grid.value.iloc[0]["building"] == "市档案馆"
    assert any("编辑表只显示数据体检指出的 1 行“保障安排”" in i.value for i in at.info)
    with Session(db.make_engine()) as s:
        before = repo.table_counts(s)
    # its in-house staff 3 → 6 (contract staff 1 → 4, the dispatched 2 kept): large changes, confirmed
    at.session_state[grid.key] = {"edited_rows": {0: {"staff_in_house": 6, "staff_contract": 4}}, "added_rows": [],
                                  "deleted_rows": []}
    at.run()
    next(c for c in at.checkbox if c.label == "我已核对以上变动").check().run()
    button(at, "保存修改").click().run()
    assert_clean(at)
    assert at.success[0].value.startswith("已保存：新增 0 行，修改 1 行，删除 0 行")  # the other 160 rows stay
    with Session(db.make_engine()) as s:
        assert repo.table_counts(s)["arrangements"] == before["arrangements"]
        a = repo.load_portfolio(s).arrangements.set_index("id")
        assert a.at[wanted, "staff_in_house"] == 6 and a.at[wanted, "staff_contract"] == 4


def test_a_link_naming_nothing_usable_leaves_the_editor_as_it_is():
    at = run_app("zh", "pages/data.py", edit="buildings", rows="1,DROP TABLE building")
    assert_clean(at)
    assert len(at.data_editor[0].value) == 16 and not any("只显示" in i.value for i in at.info)


def test_the_overview_says_how_complete_the_data_is():
    at = run_app("zh")
    assert_clean(at)
    assert any(c.value.startswith("数据完整度：2025 年 161 项保障安排中 157 项（98%）未发现问题") for c in at.caption)
