"""The catalogue of bad inputs (tests/data/bad/, see its README): each one gets a clear message that names
file, sheet, row and column, and leaves every table's row count as it was."""
import io as _io
import random
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from bench.bench_data import cost_records_csv
from core.files import io, loader
from tests.conftest import both_backends, counts

pytestmark = both_backends

BAD = Path(__file__).resolve().parents[2] / "data" / "bad"
GOOD = BAD.parent / "good"

# file, import options, then (sheet, row, column, code, words of the English reason) for every problem
CATALOGUE = [
    ("wrong_encoding.csv", {"encoding": "utf-8"},
     [("", 1, "", "encoding", "not valid UTF-8 text near line 1")]),
    ("utf8_declared_gbk.csv", {"encoding": "gbk"},
     [("", 1, "", "encoding", "not valid GBK/GB18030 text")]),
    ("missing_column.csv", {"table": "cost_records"},
     [("", 1, "Year", "missing_column", "required column missing")]),
    ("unknown_column.csv", {},
     [("", 1, "颜色", "unknown_column", "unknown column; the columns of Buildings are: Building name, District")]),
    ("text_in_number.csv", {"table": "occupancy"},
     [("", 2, "使用面积（㎡）", "not_number", "not a number")]),
    ("negative_area.csv", {"table": "occupancy"},
     [("", 2, "使用面积（㎡）", "below", "must be at least 0")]),
    ("unknown_building.csv", {"table": "occupancy"},
     [("", 2, "办公楼（区）", "unknown_ref", "not found in Buildings, neither in the store nor in this import")]),
    ("duplicate_key.csv", {},
     [("", 3, "building/service/year/month", "duplicate_key", "duplicates row 2 (市行政中心/cleaning/2030/0)")]),
    ("empty.csv", {}, [("", None, "", "empty", "the file is empty")]),
    ("header_only.csv", {"table": "cost_records"}, [("", 1, "", "no_rows", "the file has a header but no rows")]),
    ("formula_injection.csv", {"table": "departments"},
     [("", 2, "name", "formula", "starts with '=', which a spreadsheet may run as a formula"),
      ("", 3, "name", "formula", "starts with '@'"), ("", 4, "name", "formula", "starts with '+'"),
      ("", 5, "parent", "formula", "starts with '-'")]),
    ("merged_header.xlsx", {},
     [("buildings", 1, "", "merged_header", "the header row has merged cells (A1:F1); unmerge them")]),
    ("wrong_sheet.xlsx", {"table": "buildings"},
     [("", None, "", "wrong_sheet", "the workbook has no sheet for Buildings (its sheets: 合同)")]),
    ("truncated.xlsx", {}, [("", None, "", "not_xlsx", "not a complete XLSX workbook (damaged or cut short)")]),
    ("unknown_delivery.csv", {"table": "arrangements"},
     [("", 2, "delivery", "not_enum", "not an allowed value; one of: in_house, labour_only, contracted")]),
    ("year_out_of_range.csv", {}, [("", 2, "year", "below", "must be at least 2000")]),
    ("month_13.csv", {}, [("", 2, "month", "above", "must be at most 12")]),
    ("ragged_row.csv", {"table": "occupancy"},
     [("", None, "", "csv_parse", "not a well-formed CSV file: Expected 4 fields in line 3, saw 5")]),
    ("buildings.json", {}, [("", None, "", "file_type", "unsupported file type '.json'; use CSV or XLSX")]),
    ("data.csv", {}, [("", None, "", "unknown_table", "cannot tell which table this is")]),
    ("duplicate_credit_code.csv", {"table": "vendors"},
     [("", 2, "credit_code", "duplicate_unique", "same as 锦城物业服务有限公司; this column must be unique")]),
    ("contract_ends_before_start.csv", {"table": "contracts"},
     [("", 2, "end_date", "end_before_start", "ends before it starts")]),
    ("staff_types_exceed.csv", {},
     [("", 2, "staff_established/staff_contract/staff_dispatched", "staff_types_exceed",
       "established, contract and dispatched staff add up to more than the in-house staff")]),
    ("review_outside_term.csv", {"table": "contracts"},
     [("", 2, "review_date", "review_outside_term", "the price review falls outside the term")]),
]


def check(engine, files: list[tuple[str, bytes]], expected: list[tuple], **options) -> pd.DataFrame:
    """Import for real (not a dry run): the problems must be exactly ``expected`` and nothing written."""
    before = counts(engine)
    plan = loader.import_files(engine, files, lang="en", actor="test", **options)
    assert not plan.written
    got = plan.problems
    assert len(got) == len(expected), got.to_dict("records")
    for (_, p), (sheet, row, column, code, words) in zip(got.iterrows(), expected):
        assert p["file"] == files[0][0]
        assert (p["sheet"], None if pd.isna(p["row"]) else int(p["row"]), p["column"], p["code"]) == \
            (sheet, row, column, code)
        assert words in p["reason"], p["reason"]
        assert "Traceback" not in p["reason"]
    assert counts(engine) == before
    return got


def test_the_catalogue_has_at_least_fifteen_files_and_each_is_tested():
    files = sorted(p.name for p in BAD.iterdir() if p.name != "README.md")
    assert len(files) >= 15
    assert files == sorted(name for name, _, _ in CATALOGUE)


@pytest.mark.parametrize(("name", "options", "expected"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_bad_file(demo, name, options, expected):
    check(demo, [(name, (BAD / name).read_bytes())], expected, **options)


def test_a_100_000_row_file_with_two_bad_cells_names_both_rows(demo):
    """100,000 cost records, all checked: the two bad cells deep inside are found, nothing is written."""
    lines = [line.split(",") for line in cost_records_csv(100_000).decode().splitlines()]
    lines[50_000][1] = "no_such_service"  # file row 50,001 (row 1 is the header)
    lines[100_000][4] = "-1"  # row 100,001: labour
    data = "".join(",".join(cells) + "\n" for cells in lines).encode()
    got = check(demo, [("cost_records.csv", data)], [
        ("", 50_001, "service", "not_enum", "not an allowed value"),
        ("", 100_001, "labour", "below", "must be at least 0"),
    ])
    assert got["value"].tolist() == ["no_such_service", "-1"]


def test_an_absurdly_long_cell(demo):
    name = "楼" * 1_000_000
    data = f"name,district,gross_floor_area_m2,year_built,tier,managed_by\n{name},城中,100,2000,1,市机关事务管理局\n"
    got = check(demo, [("buildings.csv", data.encode())],
                [("", 2, "name", "too_long", "too long (1,000,000 characters; at most 100)")])
    assert len(got["value"].iloc[0]) < 100  # the report shows the start of the cell, not all of it


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(demo):
    data = b"name\n" + b"x" * (io.MAX_FILE_BYTES + 1)
    check(demo, [("buildings.csv", data)], [("", None, "", "too_big", f"the limit is {io.MAX_FILE_MB} MB")])


def test_a_workbook_that_unpacks_to_far_more_than_its_size_is_refused(demo, monkeypatch):
    wb = Workbook()
    wb.active.title = "buildings"
    wb.active.append(["name", "district"])
    buf = _io.BytesIO()
    wb.save(buf)
    monkeypatch.setattr(io, "MAX_UNPACKED_BYTES", 1_000)  # a small workbook, a smaller limit
    check(demo, [("x.xlsx", buf.getvalue())], [("", None, "", "xlsx_too_big", "unpacks to more than")])


def test_problems_are_reported_in_chinese_too(demo):
    plan = loader.import_files(demo, [("negative_area.csv", (BAD / "negative_area.csv").read_bytes())],
                               table="occupancy", lang="zh", dry_run=True)
    assert plan.problems["reason"].tolist() == ["不能小于 0"]


def test_cut_and_damaged_files_never_raise_and_never_write(demo):
    """Good and bad files cut short at many points or with a byte changed: always a Plan, never an exception."""
    rng = random.Random(6)
    sources = [*sorted(GOOD.iterdir()), BAD / "merged_header.xlsx", BAD / "wrong_sheet.xlsx"]
    blobs = []
    for path in sources:
        data = path.read_bytes()
        blobs += [(path.name, data[:cut]) for cut in range(1, len(data), max(1, len(data) // 8))]
        for _ in range(6):
            damaged = bytearray(data)
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            blobs.append((path.name, bytes(damaged)))
    before = counts(demo)
    for name, data in blobs:
        plan = loader.import_files(demo, [(name, data)], lang="zh", dry_run=True)
        assert set(plan.problems.columns) >= {"file", "row", "column", "reason"}
    assert counts(demo) == before
