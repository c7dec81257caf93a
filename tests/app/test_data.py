"""The Data page through AppTest: upload (file_uploader), dry run, import, editing, the audit log, downloads."""
from pathlib import Path

from sqlmodel import Session

from core.files import editor
from core.store import db, repo
from tests.app.conftest import ROOT, assert_clean, open_lazy, run_app
from tests.factories import SYSTEM, add_test_accounts, person

GOOD = ROOT / "tests" / "data" / "good"
BAD = ROOT / "tests" / "data" / "bad"


def counts() -> dict[str, int]:
    with Session(db.make_engine()) as s:
        return repo.table_counts(s)


def button(at, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def english(at):
    """Run again in English. (After ``switch_page`` AppTest drops the frame's language widget state on each
    rerun, which a real browser keeps; tests/browser checks that. So the language is set before every run.)"""
    at.session_state["lang"] = "en"
    return at.run()


def test_upload_a_gbk_file_review_the_dry_run_and_import(demo_copy):
    at = run_app("zh", "pages/data.py", role="analyst")
    assert_clean(at)
    assert at.title[0].value == "数据管理"
    assert "actor" not in [w.key for w in at.text_input]  # no name to type: the audit names the signed-in user
    path = GOOD / "入驻情况_gbk.csv"
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv")).run()
    assert_clean(at)
    summary, preview = at.dataframe[0].value, at.dataframe[1].value
    assert summary.iloc[0].tolist() == ["入驻情况", 1, 1, 0, 0]
    assert "使用面积（㎡）: 3514 → 3600" in preview.iloc[1]["变动"]
    before = counts()
    button(at, "确认导入：新增 1 行，修改 1 行").click().run()
    assert_clean(at)
    assert at.success[0].value.startswith("已导入：新增 1 行，修改 1 行")
    assert counts()["occupancy"] == before["occupancy"] + 1
    assert counts()["audit_log"] == before["audit_log"] + 2
    assert not at.file_uploader[0].value  # the uploader is emptied for the next file
    assert [d.key for d in at.dataframe] == ["data_editor_buildings_1"]  # the audit log runs only when open
    log = open_lazy(at, "data_tab", "审计日志").dataframe[-1].value  # newest first
    assert log.iloc[0]["操作人"] == "analyst1 (测试analyst)" and log.iloc[0]["途径"] == "文件导入"


def test_a_bad_file_lists_every_problem_and_writes_nothing(demo_copy):
    at = run_app("en", "pages/data.py")
    before = counts()
    path = BAD / "formula_injection.csv"
    at.selectbox(key="data_import_table").set_value("departments")
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv"))
    english(at)
    assert not at.exception
    assert at.error[0].value.startswith("4 problem(s) found; nothing was written.")
    problems = at.dataframe[0].value
    assert problems["Row"].tolist() == [2, 3, 4, 5]
    assert problems["Column"].tolist() == ["name", "name", "name", "parent"]
    assert not [b for b in at.button if b.label.startswith("Import:")]
    assert counts() == before


def test_edit_a_row_in_the_grid_and_save(demo_copy):
    at = run_app("zh", "pages/data.py")
    editor = at.data_editor[0]
    assert editor.editing_mode == "dynamic" and editor.value.iloc[0]["name"] == "市行政中心"
    at.session_state[editor.key] = {"edited_rows": {0: {"tier": 2}}, "added_rows": [], "deleted_rows": []}
    at.run()
    button(at, "保存修改").click().run()
    assert_clean(at)
    assert at.success[0].value.startswith("已保存：新增 0 行，修改 1 行，删除 0 行")
    with Session(db.make_engine()) as s:
        assert repo.load_portfolio(s).buildings.set_index("name").at["市行政中心", "tier"] == 2


def test_a_concurrent_edit_of_the_same_row_is_refused(demo_copy):
    at = run_app("en", "pages/data.py")
    engine = db.make_engine()
    theirs = editor.load_table(engine, "buildings")
    edit = editor.editor_frame(theirs, "buildings", "en")
    edit.loc[0, "district"] = "someone else's edit"
    assert editor.save_edit(engine, table="buildings", loaded=theirs, edited=edit, actor=person("other"), lang="en").written
    grid = at.data_editor[0]
    at.session_state[grid.key] = {"edited_rows": {0: {"tier": 3}}, "added_rows": [], "deleted_rows": []}
    english(at)
    button(at, "Save changes").click()
    english(at)
    assert not at.exception
    assert at.error[0].value.startswith("Not saved: 1 problem(s) found.")
    problems = next(d.value for d in at.dataframe if "Problem" in d.value.columns)
    assert "someone else changed this row" in problems.iloc[0]["Problem"]
    with Session(engine) as s:
        row = repo.load_portfolio(s).buildings.set_index("name").loc["市行政中心"]
    assert (row["tier"], row["district"]) == (1, "someone else's edit")


def test_audit_log_filters_and_downloads(demo_copy):
    at = run_app("en", "pages/data.py")
    at.session_state["data_tab"] = "Audit log"
    english(at)
    at.multiselect(key="audit_tables").set_value(["buildings"])
    english(at)
    assert_clean(at)
    log = at.dataframe[-1].value
    assert len(log) == 16 and set(log["Table"]) == {"Buildings"} and set(log["Action"]) == {"Insert"}
    at.text_input(key="audit_text").input("市行政中心")
    english(at)
    assert len(at.dataframe[-1].value) == 1
    at.session_state["data_tab"] = "Export and backup"
    english(at)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["XLSX template", "CSV template", "Export XLSX (every table)", "Export CSV (every table, zipped)",
                      "Download a backup of the store"]
    at.session_state["data_tab"] = "Audit log"
    english(at)
    assert at.text_input(key="audit_text").value == "市行政中心"  # the filters outlive a look at another tab
    assert len(at.dataframe[-1].value) == 1


def test_the_page_works_on_an_empty_store(tmp_path: Path, monkeypatch):
    from core.files import admin

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    admin.init_store(db.make_engine(url), actor=SYSTEM)
    add_test_accounts(db.make_engine(url))
    monkeypatch.setenv("DATABASE_URL", url)
    at = run_app("zh", "pages/data.py", role="analyst")
    assert_clean(at)
    assert len(at.file_uploader) == 1  # the place to load the first data
