"""Import, editing and export: every row checked before anything is written; all or nothing; audited."""
import json
import zipfile
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import Session, select

from core.files import admin, checks, editor, exports, loader, writers
from core.store import db, layout, repo
from core.store.models import AuditLog
from tests.conftest import both_backends, counts
from tests.factories import SYSTEM, person

pytestmark = both_backends

GOOD = Path(__file__).resolve().parents[2] / "data" / "good"


def stored(engine, table: str) -> pd.DataFrame:
    with Session(engine) as s:
        return checks.canonical(table, repo.natural_frames(s, tables=[table])[table])


def audit_entries(engine, table: str) -> list[AuditLog]:
    with Session(engine) as s:
        return list(s.exec(select(AuditLog).where(AuditLog.table_name == table).order_by(AuditLog.id)))


def test_gbk_and_utf8_bom_files_with_chinese_headers_import(demo):
    """Three files as Chinese Excel saves them: GBK and UTF-8 with BOM, Chinese headers and names.

    The arrangement file names 新办公楼, which only the buildings file (same import) holds.
    """
    files = [(p.name, p.read_bytes()) for p in sorted(GOOD.iterdir())]
    before = counts(demo)
    plan = loader.import_files(demo, files, lang="zh", actor=person("张三"))
    assert plan.ok and plan.written, plan.problems
    # 3 inserts (新办公楼, 市民服务中心/市教育局, 新办公楼/security), 2 updates (市行政中心 occupancy, cleaning)
    assert plan.counts() == {"insert": 3, "update": 2, "delete": 0, "unchanged": 0}
    after = counts(demo)
    assert after["buildings"] == before["buildings"] + 1
    assert after["occupancy"] == before["occupancy"] + 1
    assert after["arrangements"] == before["arrangements"] + 1
    b = stored(demo, "buildings").set_index("name").loc["新办公楼"]
    assert (b["gross_floor_area_m2"], b["year_built"], b["tier"], b["district"]) == (3200.0, 2019.0, 3.0, "城南街道")
    a = stored(demo, "arrangements").set_index(["building", "service"])
    assert a.loc[("新办公楼", "security"), "delivery"] == "in_house"  # 自我保障 → in_house
    assert a.loc[("新办公楼", "security"), "restricted"] is True  # 是 → True
    assert a.loc[("市行政中心", "cleaning"), "staff_vendor"] == 34.0
    occ = stored(demo, "occupancy").set_index(["building", "department"])
    assert occ.loc[("市行政中心", "市委办公室"), "floor_area_m2"] == 3600.0  # was 3,514
    # the audit trail: who, the key, and before → after of what changed
    entry = audit_entries(demo, "occupancy")[-1]
    assert (entry.actor, entry.source, entry.action, entry.row_key) == ("张三", "import", "update", "市行政中心/市委办公室")
    assert json.loads(entry.before) == {"floor_area_m2": 3514.0, "staff": 60}
    assert json.loads(entry.after) == {"floor_area_m2": 3600.0, "staff": 61}


def test_dry_run_shows_inserts_and_updates_and_writes_nothing(demo):
    data = "名称,建筑面积（㎡）,建成年份,服务等级,管理单位\n新楼,100,2008,1,市机关事务管理局\n市行政中心,59000,2008,1,市机关事务管理局\n"
    before = counts(demo)
    plan = loader.import_files(demo, [("办公楼（区）.csv", data.encode("gbk"))], lang="en", dry_run=True, actor=SYSTEM)
    assert plan.ok and not plan.written
    assert plan.counts() == {"insert": 1, "update": 1, "delete": 0, "unchanged": 0}
    preview = plan.preview("en")
    assert preview.values.tolist() == [
        ["Buildings", "新楼", "Insert", ""],
        ["Buildings", "市行政中心", "Update", "Floor area (m²): 58000 → 59000"],
    ]
    assert counts(demo) == before
    # the district column is absent from the file: the update keeps the stored value
    assert loader.import_files(demo, [("办公楼（区）.csv", data.encode("gbk"))], actor=person("t")).written
    assert stored(demo, "buildings").set_index("name").at["市行政中心", "district"] == "城中街道"


def test_one_bad_row_writes_nothing(demo):
    rows = "building,department,floor_area_m2,staff\n市行政中心,市委办公室,100,6\n市行政中心,市政府办公室,-1,6\n"
    before = counts(demo)
    plan = loader.import_files(demo, [("occupancy.csv", rows.encode())], actor=person("t"))
    assert not plan.written and plan.problems["row"].tolist() == [3]
    assert counts(demo) == before


def test_every_problem_is_reported_not_just_the_first(demo):
    rows = ("building,service,year,month,labour,on_costs,materials,management_fee,tax,energy,repairs,budget\n"
            "市行政中心,cleaning,2030,0,x,1,1,1,1,1,1,1\n"     # row 2: labour not a number
            "市行政中心,保洁,2031,0,1,-1,1,1,1,1,1,1\n"         # row 3: negative on-costs (保洁 is cleaning)
            "无此楼,cleaning,2030,0,1,1,1,1,1,1,1,1\n"          # row 4: unknown building
            "市行政中心,cleaning,1999,14,1,1,1,1,1,1,1,1\n")    # row 5: year and month out of range
    plan = loader.import_files(demo, [("cost_records.csv", rows.encode())], dry_run=True, actor=SYSTEM)
    got = sorted(zip(plan.problems["row"], plan.problems["column"], plan.problems["code"]))
    assert got == [(2, "labour", "not_number"), (3, "on_costs", "below"), (4, "building/service", "unknown_ref"),
                   (5, "month", "above"), (5, "year", "below")]


def test_enum_values_and_headers_in_either_language(demo):
    zh = "办公楼（区）,服务项目,提供方式\n市行政中心,保洁,派人不配物\n"
    en = "Building,Service,Delivery\n市行政中心,Cleaning,Labour only\n"
    for text in (zh, en):
        plan = loader.import_files(demo, [("arrangements.csv", text.encode())], dry_run=True, actor=SYSTEM)
        assert plan.ok, plan.problems
        assert plan.tables["arrangements"].updates["delivery"].tolist() == ["labour_only"]


def test_an_unchanged_file_is_all_unchanged_and_audits_nothing(demo):
    with Session(demo) as s:
        frames = exports.export_frames(s, "zh")
    n_audit = counts(demo)["audit_log"]
    plan = loader.import_files(demo, [("all.xlsx", writers.to_xlsx(frames))], actor=person("t"))
    assert plan.ok and plan.counts()["insert"] == plan.counts()["update"] == 0
    # the audit log and the saved scenarios are exported, never imported
    assert plan.counts()["unchanged"] == sum(len(f) for n, f in frames.items() if n not in ("审计日志", "方案"))
    assert counts(demo)["audit_log"] == n_audit
    assert any("审计日志" in note or "audit log" in note for note in plan.notes)


@pytest.mark.parametrize(("lang", "fmt"), [("zh", "xlsx"), ("en", "xlsx"), ("zh", "csv"), ("en", "csv")])
def test_round_trip_export_into_an_empty_store(demo, stores, lang, fmt):
    """Export every table, import the files into an empty store: every table holds the same rows."""
    data = exports.export_file(demo, lang, fmt)
    files = [("export.xlsx", data)] if fmt == "xlsx" else io_unzip(data)
    empty = stores.engine(schema=False)
    db.create_schema(empty)
    plan = loader.import_files(empty, files, lang=lang, actor=person("t"))
    assert plan.written, plan.problems
    for table in layout.SPECS:
        a, b = stored(demo, table).drop(columns="id"), stored(empty, table).drop(columns="id")
        key = list(layout.SPECS[table].key)
        a, b = (x.sort_values(key).reset_index(drop=True) for x in (a, b))
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=table)
    empty.dispose()


def io_unzip(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(BytesIO(data)) as zf:
        return [(n, zf.read(n)) for n in zf.namelist()]


def test_export_neutralises_formula_text_and_keeps_negative_numbers(demo):
    """A formula-like name that got into the store (not through our checks) leaves it neutralised."""
    with db.session_scope(demo) as s:
        repo.update_rows(s, table="buildings", rows=[{"id": 1, "district": "=HYPERLINK(\"x\")"}])
    with Session(demo) as s:
        frames = exports.export_frames(s, "en")
    csv = writers.to_csv(frames["buildings"]).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv
    wb = load_workbook(BytesIO(writers.to_xlsx(frames)))
    cells = [c.value for row in wb["buildings"].iter_rows() for c in row]
    assert "'=HYPERLINK(\"x\")" in cells and not any(isinstance(v, str) and v.startswith("=") for v in cells)
    values = [c.value for row in wb["assumptions"].iter_rows() for c in row]
    assert -0.03 in values  # negative numbers stay numbers


def test_every_column_has_a_chinese_header_that_names_only_it():
    for table in layout.SPECS:
        aliases = layout.header_aliases(table)
        for col in layout.SPECS[table].columns:
            zh = layout.column_label(table, col, "zh")
            assert zh != col and any("\u4e00" <= ch <= "\u9fff" for ch in zh), (table, col)
            assert aliases[layout.normalise_name(zh)] == col


def test_init_db_goes_through_the_importer_and_audits(stores):
    eng = stores.engine(schema=False)
    admin.init_store(eng, demo=True, actor=SYSTEM)
    with Session(eng) as s:
        c = repo.table_counts(s)
        n_rows = sum(v for k, v in c.items() if k in layout.SPECS or k in ("scenarios", "plans"))  # examples, plan too
        assert c["audit_log"] == n_rows  # one insert entry per row loaded
        entry = s.exec(select(AuditLog).where(AuditLog.table_name == "buildings")).first()
        assert (entry.source, entry.action, entry.row_key) == ("init-db", "insert", "市行政中心")
    eng.dispose()


def test_load_frames_refuses_bad_rows_with_the_problems(session):
    frames = {"departments": pd.DataFrame({"name": ["甲"], "kind": ["nonsense"], "staff_headcount": ["x"]})}
    with pytest.raises(ValueError, match=r"kind.*not an allowed value.*staff_headcount.*not a number"):
        loader.load_frames(session, frames=frames, actor=SYSTEM)


def test_department_parents_may_be_rows_of_the_same_file(demo):
    rows = "部门名称,部门类别,编制人数,上级部门\n新局下属中心,下属单位,5,新局\n新局,机关部门,20,\n"
    plan = loader.import_files(demo, [("部门.csv", rows.encode())], actor=person("t"))
    assert plan.written, plan.problems
    d = stored(demo, "departments").set_index("name")
    assert d.at["新局下属中心", "parent"] == "新局" and d.at["新局", "parent"] is None


# --- the editor ---------------------------------------------------------------------------------------
def test_editor_saves_updates_inserts_and_deletes_with_audit(demo):
    loaded = editor.load_table(demo, "occupancy")
    edited = editor.editor_frame(loaded, "occupancy", "zh")
    first = edited.index[0]
    edited.loc[first, "staff"] = 99
    gone = int(edited.iloc[-1]["id"])
    edited = edited.drop(edited.index[-1])
    edited = pd.concat([edited, pd.DataFrame([{"id": None, "building": "群团大楼", "department": "市教育局",
                                               "floor_area_m2": 10.0, "staff": 1}])], ignore_index=True)
    before = counts(demo)["occupancy"]
    plan = editor.save_edit(demo, table="occupancy", loaded=loaded, edited=edited, actor=person("李四"), lang="zh",
                            confirmed=True)  # staff → 99 is a large change (tests/core/files/test_changes.py)
    assert plan.written, plan.problems
    assert plan.counts() == {"insert": 1, "update": 1, "delete": 1, "unchanged": 0}
    assert counts(demo)["occupancy"] == before
    log = audit_entries(demo, "occupancy")[-3:]
    assert [(e.action, e.actor, e.source) for e in log] == [("insert", "李四", "editor"), ("update", "李四", "editor"),
                                                            ("delete", "李四", "editor")]
    assert json.loads(log[1].after) == {"staff": 99}
    assert gone not in set(stored(demo, "occupancy")["id"])


def test_editor_refuses_a_row_someone_else_changed_meanwhile(demo):
    mine = editor.load_table(demo, "buildings")
    theirs = editor.load_table(demo, "buildings")
    their_edit = editor.editor_frame(theirs, "buildings", "en")
    their_edit.loc[0, "tier"] = 3
    assert editor.save_edit(demo, table="buildings", loaded=theirs, edited=their_edit, actor=person("A"), lang="en").written
    my_edit = editor.editor_frame(mine, "buildings", "en")
    my_edit.loc[0, "district"] = "新街道"
    my_edit.loc[1, "tier"] = 2  # a row nobody else touched
    plan = editor.save_edit(demo, table="buildings", loaded=mine, edited=my_edit, actor=person("B"), lang="en")
    assert not plan.written
    assert plan.problems[["row", "value", "code"]].values.tolist() == [[1, "市行政中心", "conflict"]]
    now = stored(demo, "buildings").set_index("name")
    assert (now.at["市行政中心", "tier"], now.at["市行政中心", "district"]) == (3.0, "城中街道")  # theirs kept
    assert now.at["市民服务中心", "tier"] == 1.0  # and nothing of mine written


def test_editor_checks_like_an_import_and_refuses_deleting_referenced_rows(demo):
    loaded = editor.load_table(demo, "buildings")
    edited = editor.editor_frame(loaded, "buildings", "en")
    edited.loc[1, "name"] = "市行政中心"  # another building's name
    edited.loc[2, "gross_floor_area_m2"] = -5
    edited = edited.drop(edited.index[-1])  # 文体商务楼 has arrangements, occupants, assessments
    plan = editor.save_edit(demo, table="buildings", loaded=loaded, edited=edited, actor=person("t"), lang="en")
    assert sorted(plan.problems["code"]) == ["duplicate_store", "not_above", "referenced", "referenced", "referenced"]
    assert counts(demo)["buildings"] == 16


def test_xlsx_rows_are_numbered_as_the_spreadsheet_shows_them(demo):
    """Blank rows and cells in a workbook do not shift the row and column a problem names."""
    wb = Workbook()
    ws = wb.active
    ws.title = "入驻情况"
    ws.append(["办公楼（区）", "部门", "使用面积（㎡）", "在楼人数"])
    ws.append(["市行政中心", "市委办公室", 100, 1])
    ws["A5"], ws["B5"], ws["D5"] = "市行政中心", "新部门", -3  # rows 3-4 and cell C5 left empty
    buf = BytesIO()
    wb.save(buf)
    plan = loader.import_files(demo, [("o.xlsx", buf.getvalue())], lang="zh", dry_run=True, actor=SYSTEM)
    assert sorted(plan.problems[["sheet", "row", "column", "code"]].values.tolist()) == [
        ["入驻情况", 5, "使用面积（㎡）", "required"], ["入驻情况", 5, "在楼人数", "below"],
        ["入驻情况", 5, "部门", "unknown_ref"]]
