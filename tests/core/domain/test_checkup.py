"""The data check-up (数据体检) on the tiny city, each check given the careless data it is for.

The tiny city (tests/factories.py), 2025, book thresholds: ledger ±10 %, year-on-year ±50 %, staffing
×2 either way (norm never below one worker). As it stands it has three findings, by hand:

- 乙楼 (4,000 m², tier 3) cleaning: 4 in-house against 4,000 / 2,941 = 1.36 → 4 > 2 × 1.36 = 2.72;
- 乙楼 security: 4 against 4,000 / 4,706 = 0.85, taken as one worker → 4 > 2;
- 丙楼 (6,000 m², tier 2) security: 4 against 6,000 / 4,000 = 1.5 → 4 > 3;

and, with no assessments at all, 甲物业公司 (HT-1, HT-2 in use) has none for its buildings.
"""
import datetime as dt

import pandas as pd
import pytest
from sqlmodel import Session

from core.domain import checkup
from core.store import db
from tests.factories import gate_city, load_city, tiny_city

ON = dt.date(2025, 6, 30)


def portfolio(city):
    engine = db.make_engine("sqlite://")
    db.create_schema(engine)
    with Session(engine) as s:
        return load_city(s, city)


def found(city, kind=None) -> pd.DataFrame:
    p = portfolio(city)
    out = checkup.findings(p, checkup.CheckupSettings.from_book(p, on=ON))
    return out if kind is None else out.loc[out["kind"] == kind].reset_index(drop=True)


def ids_of(p, building, service):
    a = p.arrangements
    bid = int(p.buildings.set_index("name").at[building, "id"])
    return int(a.loc[(a["building_id"] == bid) & (a["service"] == service), "id"].iloc[0])


def test_the_tiny_city_as_it_stands():
    p = portfolio(tiny_city())
    f = checkup.findings(p, checkup.CheckupSettings.from_book(p, on=ON))
    assert f[["kind", "building", "service"]].values.tolist() == [
        ["staffing", "乙楼", "cleaning"], ["staffing", "乙楼", "security"], ["staffing", "丙楼", "security"],
        ["no_assessment", "甲楼;丙楼", None]]
    assert f["reference"].round(2).tolist()[:3] == [1.36, 1.0, 1.5]
    assert f.at[3, "vendor"] == "甲物业公司" and f.at[3, "table"] == "vendors"
    c = checkup.completeness(p, f, 2025)
    # 9 arrangements; named: 乙楼 cleaning and security, 丙楼 security, and 甲物业公司's three (甲楼 ×2, 丙楼 cleaning)
    assert (c.arrangements, c.clean, c.findings) == (9, 3, 4) and round(c.rate, 4) == 0.3333
    assert c.by_kind == (("staffing", 3), ("no_assessment", 1))


def test_assessed_buildings_clear_their_vendor():
    assert found(gate_city(), "no_assessment").empty  # 甲楼 and 丙楼 assessed in the four quarters of 2025


def test_a_ledger_off_its_contract_price():
    """HT-2 (丙楼 cleaning, labour only) billed 100,000 (wages; no fee or tax) against a price cut to
    50,000: +100 %. HT-1 billed 2 × (100,000 + 8,800 + 7,128) = 231,856 against 251,856: −7.9 %, within."""
    city = tiny_city()
    city["contracts"].loc[city["contracts"]["code"] == "HT-2", "annual_price"] = 50_000.0
    f = found(city, "ledger_vs_price")
    assert f[["contract", "actual", "reference"]].values.tolist() == [["HT-2", 100_000.0, 50_000.0]]
    assert f.at[0, "detail"] == pytest.approx(1.0) and f.at[0, "table"] == "cost_records"
    assert len(f.at[0, "ids"]) == 1  # the one 2025 record of 丙楼 cleaning


def test_missing_months_and_a_year_recorded_twice():
    """乙楼 cleaning gets months 1, 2 and 4 of 2025 beside its whole-year record: month 3 is missing
    (the year is on record to month 4), and the whole year plus months count twice."""
    city = tiny_city()
    months = pd.DataFrame([("乙楼", "cleaning", 2025, m, 9_000.0, 0.0, 900.0, 0.0, 0.0, 0.0, 0.0, 10_000.0)
                           for m in (1, 2, 4)], columns=city["cost_records"].columns)
    city["cost_records"] = pd.concat([city["cost_records"], months], ignore_index=True)
    f = found(city)
    gap = f.loc[f["kind"] == "missing_months"].iloc[0]
    assert (gap["building"], gap["service"], gap["detail"], gap["reference"]) == ("乙楼", "cleaning", (3,), 4.0)
    twice = f.loc[f["kind"] == "month_and_year"]
    assert twice[["building", "service"]].values.tolist() == [["乙楼", "cleaning"]] and len(twice.iloc[0]["ids"]) == 4


def test_an_arrangement_without_cost_and_cost_without_arrangement():
    city = tiny_city()
    arr = city["arrangements"]
    new = pd.DataFrame([("乙楼", "reception", "in_house", 1, 0, 1.0, 0.0, None, None)], columns=arr.columns)
    arr.loc[(arr["building"] == "丙楼") & (arr["service"] == "security"), "staff_in_house"] = 0  # nobody, yet paid
    city["arrangements"] = pd.concat([arr, new], ignore_index=True)
    p = portfolio(city)
    f = checkup.findings(p, checkup.CheckupSettings.from_book(p, on=ON))
    none = f.loc[f["kind"] == "no_cost"]
    assert none[["building", "service", "table"]].values.tolist() == [["乙楼", "reception", "arrangements"]]
    assert none.iloc[0]["ids"] == (ids_of(p, "乙楼", "reception"),)
    nobody = f.loc[f["kind"] == "cost_without_arrangement"]
    assert nobody[["building", "service", "detail", "actual"]].values.tolist() == [["丙楼", "security", "no_staff", 110_000.0]]


def test_staffing_far_from_the_norm_both_ways():
    """甲楼 (10,000 m², tier 2) security: norm 10,000 / 4,000 = 2.5; 6 > 5 is too many. 甲楼 cleaning:
    norm 10,000 / 2,500 = 4; 1 < 4 / 2 = 2 is too few. 4 and 4 were within."""
    city = tiny_city()
    arr = city["arrangements"]
    arr.loc[(arr["building"] == "甲楼") & (arr["service"] == "security"), "staff_vendor"] = 6
    arr.loc[(arr["building"] == "甲楼") & (arr["service"] == "cleaning"), "staff_vendor"] = 1
    f = found(city, "staffing")
    jia = f.loc[f["building"] == "甲楼"]
    assert jia[["service", "actual", "reference"]].values.tolist() == [["cleaning", 1.0, 4.0], ["security", 6.0, 2.5]]


def test_a_year_on_year_jump():
    """甲楼 energy: 400,000 in 2024 (40 CNY/m²), 2025 entered as 1,000,000: +150 % > 50 %."""
    city = tiny_city()
    c = city["cost_records"]
    c.loc[(c["building"] == "甲楼") & (c["service"] == "energy") & (c["year"] == 2025), "energy"] = 1_000_000.0
    f = found(city, "yoy_jump")
    assert f[["building", "service", "actual", "reference"]].values.tolist() == [["甲楼", "energy", 1_000_000.0, 400_000.0]]
    assert f.at[0, "detail"] == pytest.approx(1.5) and len(f.at[0, "ids"]) == 2  # both years' records


def test_repairs_may_come_in_lumps():
    city = tiny_city()
    arr = city["arrangements"]
    city["arrangements"] = pd.concat([arr, pd.DataFrame([("甲楼", "repairs", None, 0, 0, 0.0, 0.0, None, None)],
                                                         columns=arr.columns)], ignore_index=True)
    lumps = pd.DataFrame([("甲楼", "repairs", y, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, r, r) for y, r in
                          ((2024, 10_000.0), (2025, 90_000.0))], columns=city["cost_records"].columns)
    city["cost_records"] = pd.concat([city["cost_records"], lumps], ignore_index=True)
    assert found(city, "yoy_jump").empty
