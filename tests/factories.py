"""Small hand-made cities for tests, in the natural-key layout the loader takes.

``tiny_city()`` is three buildings whose every figure can be checked by hand:

| building | area m² | tier | built | departments (staff)        | arrangements                          |
|----------|---------|------|-------|----------------------------|---------------------------------------|
| 甲楼     | 10,000  | 2    | 2000  | 甲局 (50), 乙局 (30)       | cleaning contracted, security contracted, energy |
| 乙楼     | 4,000   | 3    | 1990  | 丙局 (20)                  | cleaning in-house, security in-house, energy     |
| 丙楼     | 6,000   | 2    | 2010  | 丁局 (40)                  | cleaning labour-only, security in-house, energy  |

so 甲楼 is ``full``, 乙楼 ``self`` and 丙楼 ``mixed``. Ledger, 2024 and 2025 (CNY):
each non-energy line has labour 100,000 + materials 10,000 (contracted lines add management fee
8,800 and tax 7,128); energy is 40 CNY/m². Budgets are 5% over actual in 2024, 5% under in 2025.
"""
from __future__ import annotations

import pandas as pd

from core.files import admin, loader
from core.files.io import read_folder
from core.store import repo
from core.store.layout import REFERENCE_TABLES

BUILDINGS = [
    ("甲楼", 10_000.0, 2, 2000, "机关事务管理局"),
    ("乙楼", 4_000.0, 3, 1990, "丙局"),
    ("丙楼", 6_000.0, 2, 2010, "丁局"),
]
DELIVERY = {
    ("甲楼", "cleaning"): "contracted", ("甲楼", "security"): "contracted",
    ("乙楼", "cleaning"): "in_house", ("乙楼", "security"): "in_house",
    ("丙楼", "cleaning"): "labour_only", ("丙楼", "security"): "in_house",
}


def tiny_city() -> dict[str, pd.DataFrame]:
    """The three-building city described in the module docstring, without reference tables."""
    departments = pd.DataFrame(
        [("机关事务管理局", "bureau", 10, ""), ("甲局", "agency", 50, ""), ("乙局", "agency", 30, ""),
         ("丙局", "agency", 20, ""), ("丁局", "agency", 40, "")],
        columns=["name", "kind", "staff_headcount", "parent"],
    )
    buildings = pd.DataFrame(
        [(n, "城中", a, y, t, m) for n, a, t, y, m in BUILDINGS],
        columns=["name", "district", "gross_floor_area_m2", "year_built", "tier", "managed_by"],
    )
    occupancy = pd.DataFrame(
        [("甲楼", "甲局", 6_000, 50), ("甲楼", "乙局", 2_000, 30), ("乙楼", "丙局", 3_000, 20),
         ("丙楼", "丁局", 4_000, 40)],
        columns=["building", "department", "floor_area_m2", "staff"],
    )
    vendors = pd.DataFrame(
        [("甲物业公司", "91320999000000000A", 1, "cleaning;security", 500, 2005, "admitted", "", "2020-01-01", "false")],
        columns=["name", "credit_code", "qualification_level", "service_lines", "registered_capital_wan",
                 "founded_year", "status", "status_reason", "status_date", "confidential_cleared"],
    )
    contracts = pd.DataFrame(
        [("HT-1", "甲楼保洁秩序维护", "甲物业公司", "public_tender", "2024-01-01", "2024-01-01", "2026-12-31", 251_856.0),
         ("HT-2", "丙楼保洁", "甲物业公司", "competitive_consultation", "2024-01-01", "2024-01-01", "2026-12-31", 100_000.0)],
        columns=["code", "title", "vendor", "channel", "signed_on", "start_date", "end_date", "annual_price"],
    )
    arrangements, costs = [], []
    for (b, s), d in DELIVERY.items():
        contract = "HT-1" if b == "甲楼" else ("HT-2" if d == "labour_only" else "")
        arrangements.append((b, s, d, 4 if d == "in_house" else 0, 0 if d == "in_house" else 4,
                             5.0 if d == "in_house" else 0.0, 0.0, "", contract))
        for year, budget_factor in ((2024, 1.05), (2025, 0.95)):
            mgmt, tax = (8_800.0, 7_128.0) if d == "contracted" else (0.0, 0.0)
            actual = 110_000 + mgmt + tax
            costs.append((b, s, year, 0, 100_000.0, 0.0, 10_000.0, mgmt, tax, 0.0, 0.0, actual * budget_factor))
    for b, area, *_ in BUILDINGS:
        arrangements.append((b, "energy", "", 0, 0, 0.0, 0.0, "", ""))
        for year, budget_factor in ((2024, 1.05), (2025, 0.95)):
            costs.append((b, "energy", year, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 40 * area, 0.0, 40 * area * budget_factor))
    return {
        "departments": departments,
        "buildings": buildings,
        "occupancy": occupancy,
        "vendors": vendors,
        "contracts": contracts,
        "arrangements": pd.DataFrame(arrangements, columns=[
            "building", "service", "delivery", "staff_in_house", "staff_vendor", "tenure_years",
            "depreciation", "restricted", "contract"]).replace("", None),
        "cost_records": pd.DataFrame(costs, columns=[
            "building", "service", "year", "month", "labour", "on_costs", "materials", "management_fee",
            "tax", "energy", "repairs", "budget"]),
    }


def load_city(session, city: dict[str, pd.DataFrame]) -> repo.Portfolio:  # type: ignore[no-untyped-def]
    """Load the reference tables and ``city`` into ``session``; return the portfolio."""
    loader.load_frames(session, frames={**read_folder(admin.REFERENCE_DIR, REFERENCE_TABLES), **city})
    session.commit()
    return repo.load_portfolio(session)


def gate_city(*, scores: dict[tuple[str, int], tuple[float | None, float | None]] | None = None
              ) -> dict[str, pd.DataFrame]:
    """``tiny_city()`` plus what the three gates need, every figure checkable by hand:

    - a second vendor 乙保洁公司 (level 2, admitted, not cleared for restricted items) and two
      applicants: 丙公司 (level 3) and 丁公司 (level 1, blacklisted before);
    - the admission decisions behind those statuses (丁公司: admitted 2020, blacklisted 2022,
      then applied again in 2025);
    - assessments of 甲楼 and 丙楼 for the four quarters of 2025, scoring only cleaning and public
      order (``scores`` maps (building, quarter) → (cleaning, public_order); default 90 each).

    Contracts are as in ``tiny_city`` (HT-1 甲楼 cleaning and security 251,856 CNY/yr, public
    tender; HT-2 丙楼 cleaning 100,000 CNY/yr, competitive consultation; both 2024-01-01 to
    2026-12-31, both 甲物业公司).
    """
    city = tiny_city()
    city["vendors"] = pd.concat([city["vendors"], pd.DataFrame(
        [("乙保洁公司", "91320999000000000B", 2, "cleaning", 200, 2010, "admitted", "", "2021-01-01", "false"),
         ("丙公司", "91320999000000000C", 3, "cleaning", 50, 2020, "applied", "", "2025-01-01", "false"),
         ("丁公司", "91320999000000000D", 1, "security", 800, 2001, "applied", "", "2025-01-01", "false")],
        columns=city["vendors"].columns)], ignore_index=True)
    city["vendor_decisions"] = pd.DataFrame(
        [("甲物业公司", "2019-12-01", "", "applied", "申请", "", "科"),
         ("甲物业公司", "2020-01-01", "applied", "admitted", "审核通过", "", "局"),
         ("乙保洁公司", "2021-01-01", "", "admitted", "审核通过", "", "局"),
         ("丙公司", "2025-01-01", "", "applied", "申请", "", "科"),
         ("丁公司", "2020-01-01", "", "admitted", "审核通过", "", "局"),
         ("丁公司", "2022-01-01", "admitted", "blacklisted", "违约", "", "局"),
         ("丁公司", "2025-01-01", "blacklisted", "applied", "再次申请", "", "科")],
        columns=["vendor", "decided_on", "from_status", "to_status", "reason", "criteria", "decided_by"])
    scores = scores or {}
    rows = []
    for b in ("甲楼", "丙楼"):
        for q in (1, 2, 3, 4):
            cleaning, order = scores.get((b, q), (90.0, 90.0))
            rows.append((b, 2025, q, None, None, None, order, cleaning, None, None, 90.0, "考核组"))
    city["quality_assessments"] = pd.DataFrame(rows, columns=[
        "building", "year", "quarter", "customer_service", "building_mgmt", "facilities", "public_order",
        "cleaning", "greening", "conference", "satisfaction", "assessor"])
    return city


# The book's phasing and realisation set to certainty: every lever realised in full, at once, no tender
# ever fails. Hand-checked cases of a lever's arithmetic use it, then switch one factor back on.
CERTAIN: dict[str, float] = {
    **{f"realisation_{lever}": 1.0 for lever in (
        "conversion", "unified_management", "fee_cap", "staffing_standard", "bundling", "energy", "quality_gate")},
    "staff_pooling_realisation": 1.0,
    **{f"delay_{lever}": 0.0 for lever in (
        "conversion", "unified_management", "fee_cap", "staffing_standard", "bundling", "staff_pooling", "energy",
        "quality_gate")},
    "ramp_unified_management": 0.0, "ramp_energy": 0.0, "retender_fail_prob": 0.0,
}


def with_book(p: repo.Portfolio, **values: float) -> repo.Portfolio:
    """The portfolio with the book's current value of each named factor replaced (and its range collapsed
    onto it, so it is no longer uncertain)."""
    import dataclasses

    a = p.assumptions.copy()
    latest = a.groupby("key")["effective_date"].transform("max") == a["effective_date"]
    for key, value in values.items():
        row = latest & (a["key"] == key)
        assert row.any(), key
        a.loc[row, "value"] = float(value)
        a.loc[row & a["low"].notna(), ["low", "high"]] = float(value)
    return dataclasses.replace(p, assumptions=a)


def certain(p: repo.Portfolio, **values: float) -> repo.Portfolio:
    """:func:`with_book` with :data:`CERTAIN` first."""
    return with_book(p, **{**CERTAIN, **values})
