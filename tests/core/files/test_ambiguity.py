"""Imports that refuse ambiguity (issue 15, item 5): mixed encodings, dates that read two ways, rows
whose fields contradict each other, and blank cells that would have wiped stored values.

Each careless file is made here; each refusal names its rows and leaves the store as it was.
"""
import datetime as dt

import pandas as pd
import pytest

from core.files import checks, editor, loader
from core.store import repo
from tests.conftest import both_backends, counts
from tests.factories import SYSTEM, person

pytestmark = both_backends
CONTRACT_HEADER = "code,title,vendor,channel,signed_on,start_date,end_date,annual_price\n"


def refused(engine, files, *, lang="en", **options) -> pd.DataFrame:
    """Import for real: refused, nothing written; the problems found."""
    before = counts(engine)
    plan = loader.import_files(engine, files, lang=lang, actor=person("test"), **options)
    assert not plan.written and not plan.ok
    assert counts(engine) == before
    return plan.problems


def stored(engine, table):
    from sqlmodel import Session

    with Session(engine) as s:
        return checks.canonical(table, repo.natural_frames(s, tables=[table])[table])


# --- encodings -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["auto", "gbk", "utf-8"])
def test_a_file_mixing_utf8_and_gbk_rows_is_refused_naming_both(demo, encoding):
    data = (b"name,district,gross_floor_area_m2,year_built,tier,managed_by\n"
            + "新楼甲,城中街道,100,2000,1,市机关事务管理局\n".encode()
            + "新楼乙,城中街道,100,2000,1,市机关事务管理局\n".encode("gbk")
            + "新楼丙,城中街道,100,2000,1,市机关事务管理局\n".encode("gbk"))
    got = refused(demo, [("buildings.csv", data)], encoding=encoding)
    assert got["code"].tolist() == ["mixed_encoding"]
    assert "line(s) 2 are UTF-8, line(s) 3, 4 another (e.g. GBK)" in got["reason"].iloc[0]
    assert "新楼" not in "".join(stored(demo, "buildings")["name"])  # no garbled new building either


# --- dates ---------------------------------------------------------------------------------------------
def contracts(*rows: tuple[str, str, str]) -> bytes:
    """A contracts file: one row per (signed_on, start_date, end_date)."""
    body = "".join(f"T-{i},试,锦城物业服务有限公司,public_tender,{a},{b},{c},1000\n" for i, (a, b, c) in enumerate(rows))
    return (CONTRACT_HEADER + body).encode()


def test_a_date_that_reads_two_ways_is_refused_with_both_readings(demo):
    got = refused(demo, [("contracts.csv", contracts(("01/02/2024", "2024-02-01", "2026-01-31")))])
    assert got[["row", "column", "code"]].values.tolist() == [[2, "signed_on", "date_ambiguous"]]
    assert got["reason"].iloc[0] == ("01/02/2024 reads as 2024-02-01 (day first) or as 2024-01-02 (month first), "
                                     "and no date in this column settles which; write it as YYYY-MM-DD")


def test_a_date_one_reading_allows_settles_the_column(demo):
    """13/02/2024 can only be day first, so 01/03/2024 in the same column is 1 March."""
    plan = loader.import_files(demo, [("contracts.csv", contracts(("13/02/2024", "2024-03-01", "2026-01-31"),
                                                                  ("01/03/2024", "2024-03-01", "2026-01-31")))],
                               lang="en", dry_run=True, actor=SYSTEM)
    assert plan.ok, plan.problems.to_dict("records")
    assert plan.tables["contracts"].inserts["signed_on"].tolist() == [dt.date(2024, 2, 13), dt.date(2024, 3, 1)]


@pytest.mark.parametrize(("rows", "code", "words"), [
    ((("2024-01-05", "2024-02-01", "2026-01-31"), ("13/02/2024", "2024-02-01", "2026-01-31")), "date_mixed_formats",
     "this column mixes date formats"),
    ((("13/02/2024", "2024-02-01", "2026-01-31"), ("02/13/2024", "2024-02-01", "2026-01-31")), "date_mixed_order",
     "dates with the day first (e.g. row 2) and with the month first (e.g. row 3)"),
    ((("2024", "2024-02-01", "2026-01-31"),), "date_year_only", "a year alone is not a date"),
])
def test_one_date_format_per_column(demo, rows, code, words):
    got = refused(demo, [("contracts.csv", contracts(*rows))])
    assert set(got["code"]) == {code} and set(got["column"]) == {"signed_on"}
    assert words in got["reason"].iloc[0]


# --- rules between fields ------------------------------------------------------------------------------
ARR = "building,service,delivery,staff_in_house,staff_vendor,contract\n"


@pytest.mark.parametrize(("row", "column", "code", "words"), [
    # the cases, each as a clerk would type it
    ("市行政中心,property_mgmt,contracted,3,0,", "contract", "contract_missing",
     "delivered as Contracted: the vendor's contract code is required"),
    ("市行政中心,property_mgmt,contracted,3,0,", "staff_in_house", "staff_outsourced",
     "so no in-house staff (3 given)"),
    ("市行政中心,energy,labour_only,,,", "delivery", "delivery_paid_at_actual",
     "Energy is paid at actual and has no delivery"),
    ("市行政中心,reception,in_house,7,0,JGSW-2024-007", "contract", "contract_in_house",
     "an in-house item has no outsourcing contract; remove the contract code JGSW-2024-007"),
    ("财税大楼,canteen,contracted,0,2,JGSW-2025-013", "contract", "contract_elsewhere",
     "contract JGSW-2025-013 serves 生态应急大楼 · Mail and printing: neither this building nor this service"),
])
def test_contradicting_fields_are_refused_at_import(demo, row, column, code, words):
    got = refused(demo, [("arrangements.csv", (ARR + row + "\n").encode())])
    mine = got.loc[got["code"] == code]
    assert mine["column"].tolist() == [column], got.to_dict("records")
    assert words in mine["reason"].iloc[0]


def test_the_editor_applies_the_same_rules(demo):
    loaded = editor.load_table(demo, "arrangements")
    edited = editor.editor_frame(loaded, "arrangements", "en")
    row = edited.index[(edited["building"] == "市行政中心") & (edited["service"] == "Reception")][0]
    edited.loc[row, "contract"] = "JGSW-2024-007"
    before = counts(demo)
    plan = editor.save_edit(demo, table="arrangements", loaded=loaded, edited=edited, actor=person("test"), lang="en")
    assert not plan.written and plan.problems["code"].tolist() == ["contract_in_house"]
    assert counts(demo) == before


# --- blank keeps, the marker clears --------------------------------------------------------------------
def test_a_blank_cell_in_an_update_keeps_the_stored_contract(demo):
    plan = loader.import_files(demo, [("arrangements.csv", (ARR + "财税大楼,canteen,contracted,0,2,\n").encode())],
                               lang="en", actor=person("test"))
    assert plan.ok and plan.counts() == {"insert": 0, "update": 0, "delete": 0, "unchanged": 1}
    a = stored(demo, "arrangements").set_index(["building", "service"])
    assert a.at[("财税大楼", "canteen"), "contract"] == "JGSW-2024-005"


def test_the_clear_marker_empties_a_stored_value_and_the_rules_still_hold(demo):
    clear_only = ARR + "财税大楼,canteen,contracted,0,2,（清空）\n"  # contracted without its contract: refused
    got = refused(demo, [("arrangements.csv", clear_only.encode())])
    assert got["code"].tolist() == ["contract_missing"]
    taken_in = ARR + "财税大楼,canteen,自管,2,0,(clear)\n"  # taken in-house: the contract goes with it
    plan = loader.import_files(demo, [("arrangements.csv", taken_in.encode())], lang="en", actor=person("test"),
                               confirmed=True)  # staff 0 → 2 and 2 → 0 are large changes, checked here
    assert plan.written, plan.problems.to_dict("records")
    a = stored(demo, "arrangements").set_index(["building", "service"]).loc[("财税大楼", "canteen")]
    assert (a["delivery"], a["contract"], a["staff_in_house"]) == ("in_house", None, 2.0)


def test_a_column_that_needs_a_value_cannot_be_cleared(demo):
    data = "name,tier\n市行政中心,（清空）\n".encode()
    got = refused(demo, [("buildings.csv", data)])
    assert got[["column", "code"]].values.tolist() == [["tier", "cannot_clear"]]
