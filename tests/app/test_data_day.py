"""The analyst's day on the Data page: a file uploaded again replaces the earlier one, large changes are
confirmed before they are written, the changed cells are shown, and a save leaves the page on its tab."""
from sqlmodel import Session

from core.files import editor
from core.store import db, repo
from tests.app.conftest import assert_clean, run_app, shown

EDIT = "在线编辑"


def area(name: str = "市行政中心") -> float:
    engine = db.make_engine()
    try:
        return float(editor.load_table(engine, "buildings").set_index("name").at[name, "gross_floor_area_m2"])
    finally:
        engine.dispose()


def button(at, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def csv(*rows: str) -> bytes:
    return ("name,gross_floor_area_m2\n" + "".join(r + "\n" for r in rows)).encode()


def test_a_corrected_file_uploaded_again_replaces_the_first(demo_copy):
    at = run_app("zh", "pages/data.py", role="analyst")
    wrong = ("buildings.csv", csv("市行政中心,-5"), "text/csv")
    at.file_uploader[0].set_value(wrong).run()
    assert "1 个问题" in at.error[0].value  # the area may not be negative
    corrected = ("buildings.csv", csv("市行政中心,57000"), "text/csv")  # the uploader keeps both
    at.file_uploader[0].set_value([wrong, corrected]).run()
    assert_clean(at)  # no duplicate rows reported: only the last buildings.csv counts
    assert "同名文件只按最后上传的一份处理：buildings.csv" in [shown(c.value) for c in at.caption]
    assert at.dataframe[0].value.iloc[0].tolist() == ["办公楼（区）", 0, 1, 0, 0]
    button(at, "确认导入：新增 0 行，修改 1 行").click().run()
    assert_clean(at)
    assert area() == 57000  # 58,000 → 57,000: −1.7 %, no confirmation asked


def test_the_clear_button_empties_the_uploader(demo_copy):
    at = run_app("zh", "pages/data.py", role="analyst")
    at.file_uploader[0].set_value(("buildings.csv", csv("市行政中心,57000"), "text/csv")).run()
    button(at, "清空已选文件").click().run()
    assert_clean(at)
    assert not at.file_uploader[0].value and not [b for b in at.button if b.label.startswith("确认导入")]


def test_an_import_cutting_a_figure_by_47_percent_waits_for_the_tick(demo_copy):
    at = run_app("zh", "pages/data.py", role="analyst")
    at.file_uploader[0].set_value(("buildings.csv", csv("市行政中心,30740"), "text/csv")).run()
    assert_clean(at)
    assert at.warning[0].value == "以下 1 处变动超过原值的 30%，请逐项核对"
    listed = at.dataframe[2].value  # after the summary and the preview
    assert listed.iloc[0].tolist() == ["办公楼（区）", "市行政中心", "建筑面积（㎡）", "58000", "30740", "-47%"]
    go = button(at, "确认导入")
    assert go.disabled  # nothing can be written before the tick
    at.checkbox[0].check().run()
    assert at.checkbox[0].label == "我已核对以上变动"
    button(at, "确认导入").click().run()
    assert_clean(at)
    assert at.success[0].value.startswith("已导入：新增 0 行，修改 1 行")
    assert area() == 30740


def open_edit_tab(role: str = "analyst"):
    at = run_app("zh", "pages/data.py", role=role)
    at.session_state["data_tab"] = EDIT
    return at.run()


def test_an_edit_shows_its_changed_cells_asks_for_the_large_one_and_stays_on_the_edit_tab(demo_copy):
    at = open_edit_tab()
    grid = at.data_editor[0]
    row = int(grid.value.index[grid.value["name"] == "市行政中心"][0])
    at.session_state[grid.key] = {"edited_rows": {row: {"gross_floor_area_m2": 30740.0, "district": "新街道"}},
                                  "added_rows": [], "deleted_rows": []}
    at.run()
    assert_clean(at)
    cells = changed(at)  # under the grid, before saving: every changed cell
    assert cells[["记录", "列", "原值", "新值", "变动幅度", "超过核对线"]].values.tolist() == [
        ["市行政中心", "所在街道", "城中街道", "新街道", "", ""],
        ["市行政中心", "建筑面积（㎡）", "58000", "30740", "-47%", "✔"]]
    assert at.warning[0].value.startswith("以下 1 处变动超过原值的 30%")
    assert button(at, "保存修改").disabled and area() == 58000
    at.checkbox[0].check().run()
    button(at, "保存修改").click().run()
    assert_clean(at)
    assert at.success[0].value.startswith("已保存：新增 0 行，修改 1 行，删除 0 行")
    assert area() == 30740
    assert at.session_state["data_tab"] == EDIT  # the page stays where the analyst was
    assert tab_container(at).default_tab_index == 2  # and tells the browser so
    assert "刚才保存的修改（2 处单元格）" in [c.value for c in at.caption]
    assert changed(at)["新值"].tolist() == ["新街道", "30740"]  # the cells just saved


def test_a_small_edit_saves_without_a_question(demo_copy):
    at = open_edit_tab()
    grid = at.data_editor[0]
    at.session_state[grid.key] = {"edited_rows": {0: {"gross_floor_area_m2": 57000.0}}, "added_rows": [],
                                  "deleted_rows": []}
    at.run()
    assert not at.warning and not at.checkbox
    button(at, "保存修改").click().run()
    assert_clean(at)
    with Session(db.make_engine()) as s:
        assert repo.load_portfolio(s).buildings.set_index("name").at["市行政中心", "gross_floor_area_m2"] == 57000
    assert at.session_state["data_tab"] == EDIT


def changed(at):
    """The table of changed cells under the grid."""
    return next(d.value for d in at.dataframe if "超过核对线" in getattr(d.value, "columns", []))


def tab_container(at):
    """The proto of the page's tab container (its default_tab_index is the tab the browser opens)."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "HasField") and proto.DESCRIPTOR.name == "Block" \
                and proto.HasField("tab_container"):
            found.append(proto.tab_container)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found[0]
