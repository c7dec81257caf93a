"""Clerk friendliness (issue 15, item 6): templates with an example that is never imported, notes that
list the Bureau's words and the conventions, drop-down lists; the Bureau's words, full-width digits,
and messages and previews in the chosen language, on the page and in the CLI.
"""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.cli import main
from core.files import loader, templates
from core.store import layout
from tests.conftest import both_backends, counts
from tests.factories import SYSTEM, person

pytestmark = both_backends


def filled(blob: bytes, rows: list[list[object]]) -> bytes:
    """The template with ``rows`` typed into its table sheet, the example and notes left in place."""
    wb = load_workbook(BytesIO(blob))
    for row in rows:
        wb.worksheets[0].append(row)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_template_has_its_sheet_an_example_notes_and_lists(lang):
    for table in layout.SPECS:
        wb = load_workbook(BytesIO(templates.template(table, lang, "xlsx")))
        assert [layout.template_sheet(n) for n in wb.sheetnames] == [None, "example", "notes", "lists"], table
        sheet = wb.worksheets[0]
        headers = [c.value for c in sheet[1]]
        assert headers == [layout.column_label(table, c, lang) if lang == "zh" else c for c in layout.SPECS[table].columns]
        assert sheet.max_row == 1  # nothing to delete before filling it in
        # a drop-down on every enumerated and yes/no column, and on no other
        validated = {str(rng).split(":")[0].rstrip("0123456789") for dv in sheet.data_validations.dataValidation
                     for rng in dv.sqref.ranges}
        wanted = {sheet.cell(row=1, column=i + 1).column_letter for i, c in enumerate(layout.SPECS[table].columns)
                  if layout.enum_group(layout.column_kind(table, c)) or layout.column_kind(table, c) is bool}
        assert validated == wanted, table
        assert wb.worksheets[3].sheet_state == "hidden"


def test_the_notes_list_the_bureaus_words_and_the_conventions():
    wb = load_workbook(BytesIO(templates.template("arrangements", "zh", "xlsx")))
    notes = " ".join(str(c.value) for row in wb["填写说明"].iter_rows() for c in row if c.value)
    for word, means in (("社会化外包", "派人不配物"), ("劳务外包", "派人不配物"), ("完全社会化", "整体外包"), ("自管", "自我保障")):
        assert word in notes and means in notes
    assert "（清空）" in notes and "留空的单元格保留数据库中的原值" in notes
    cost = load_workbook(BytesIO(templates.template("cost_records", "zh", "xlsx")))
    assert "填 0 表示全年合计" in " ".join(str(c.value) for row in cost["填写说明"].iter_rows() for c in row if c.value)


def test_a_template_left_with_its_example_imports_only_what_was_typed(demo):
    blob = templates.template("buildings", "zh", "xlsx")
    before = counts(demo)
    untouched = loader.import_files(demo, [("办公楼（区）.xlsx", blob)], lang="zh", actor=person("test"))
    assert not untouched.written and untouched.problems["code"].tolist() == ["no_rows"]
    assert counts(demo) == before  # the example row (a real building's) was never imported
    typed = filled(blob, [["新建示范楼", "城北街道", 1200, 2020, 2, "市机关事务管理局"]])
    plan = loader.import_files(demo, [("办公楼（区）.xlsx", typed)], lang="zh", actor=person("test"))
    assert plan.written and plan.counts() == {"insert": 1, "update": 0, "delete": 0, "unchanged": 0}
    assert any("示例（不导入）" in n for n in plan.notes) and any("填写说明" in n for n in plan.notes)


def test_the_example_rows_pass_the_checks_when_typed_into_the_sheet(demo):
    """What the example shows is what the import takes: copied into the table sheet, it checks clean."""
    for table in layout.SPECS:
        for lang in ("zh", "en"):
            wb = load_workbook(BytesIO(templates.template(table, lang, "xlsx")))
            example = [list(r) for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)]
            plan = loader.import_files(demo, [(f"{table}.xlsx", filled(templates.template(table, lang, "xlsx"),
                                                                        example))], lang=lang, dry_run=True, actor=SYSTEM)
            assert plan.ok, (table, lang, plan.problems.to_dict("records"))


def test_the_bureaus_words_and_full_width_digits_are_read(demo):
    data = ("办公楼（区）,服务项目,提供方式,自有人员（人）,企业人员（人）,合同编号\n"
            "财税大楼,食堂,自管,２,０,（清空）\n"  # 食堂 = 餐饮, 自管 = 自我保障, full-width digits
            "财税大楼,卫生保洁,劳务外包,0,６,JGSW-2023-001\n"  # already so: unchanged
            "财税大楼,绿化养护,完全社会化,0,1,JGSW-2025-020\n").encode("gbk")
    plan = loader.import_files(demo, [("保障安排.csv", data)], lang="zh", dry_run=True, actor=SYSTEM)
    assert plan.ok, plan.problems.to_dict("records")
    assert plan.counts() == {"insert": 0, "update": 1, "delete": 0, "unchanged": 2}
    update = plan.tables["arrangements"].updates.iloc[0]
    assert (update["delivery"], update["staff_in_house"], update["contract"]) == ("in_house", 2.0, None)
    money = "building,service,year,month,labour\n财税大楼,cleaning,２０２５,０,１，２３４．５\n"
    plan = loader.import_files(demo, [("cost_records.csv", money.encode())], lang="zh", dry_run=True, actor=SYSTEM)
    assert plan.ok and plan.tables["cost_records"].updates["labour"].tolist() == [1234.5]


def test_previews_name_rows_by_labels_in_the_chosen_language(demo):
    data = b"building,service,year,month,labour\n" + "市行政中心,cleaning,2025,0,12\n".encode()
    plan = loader.import_files(demo, [("cost_records.csv", data)], lang="zh", dry_run=True, actor=SYSTEM)
    zh = plan.preview("zh").values.tolist()
    assert zh == [["费用记录", "市行政中心 · 保洁 · 2025 年全年", "修改", "人工工资（元）: 975321.8 → 12"]]
    en = plan.preview("en").values.tolist()
    assert en[0][1] == "市行政中心 · Cleaning · 2025, whole year"


def test_the_cli_dry_run_speaks_chinese_under_lang_zh(demo_copy, tmp_path, capsys):
    path = tmp_path / "费用记录.csv"
    path.write_text("building,service,year,month,labour\n市行政中心,cleaning,2025,0,12\n", encoding="utf-8")
    assert main(["import", str(path), "--dry-run", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "试导入：未写入任何数据" in out and "修改 费用记录 市行政中心 · 保洁 · 2025 年全年：人工工资（元）: 975321.8 → 12" in out
    assert "cleaning/2025/0" not in out and "dry run" not in out
    bad = tmp_path / "bad.csv"
    bad.write_text("building,service,year,month,labour\n市行政中心,cleaning,2025,0,-5\n", encoding="utf-8")
    assert main(["import", str(bad), "--table", "cost_records", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "不能小于 0" in err and "错误：发现 1 个问题；未写入任何数据" in err
