"""Tables in and out as files: the natural-key layout of every importable table, and CSV reading.

Files name rows by natural keys (building name, service code, vendor name …), never by database
ids. :data:`SPECS` says, per table, which columns form the key and which refer to other tables;
:func:`core.repo.load_frames` turns such frames into rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlmodel import SQLModel

from core.models import (
    Arrangement,
    Assumption,
    Building,
    Contract,
    CostRecord,
    Department,
    FeeStandard,
    Occupancy,
    QualityAssessment,
    ServiceItem,
    Vendor,
    VendorDecision,
)


@dataclass(frozen=True)
class Ref:
    """Columns of a file that name a row of another table, and the id field they fill."""

    columns: tuple[str, ...]
    table: str
    field: str
    required: bool = True


@dataclass(frozen=True)
class TableSpec:
    """How one table looks in a file."""

    name: str
    model: type[SQLModel]
    key: tuple[str, ...]  # natural key columns, in file terms
    columns: tuple[str, ...]  # every column of the file, in order
    refs: tuple[Ref, ...] = ()

    @property
    def plain_columns(self) -> tuple[str, ...]:
        """Columns stored as they are (not references)."""
        ref_cols = {c for r in self.refs for c in r.columns}
        return tuple(c for c in self.columns if c not in ref_cols)


_SPEC_LIST: tuple[TableSpec, ...] = (
    TableSpec("services", ServiceItem, ("code",),
              ("code", "name_zh", "name_en", "restricted", "paid_at_actual", "sort_order")),
    TableSpec("departments", Department, ("name",), ("name", "kind", "staff_headcount", "parent"),
              (Ref(("parent",), "departments", "parent_id", required=False),)),
    TableSpec("buildings", Building, ("name",),
              ("name", "district", "gross_floor_area_m2", "year_built", "tier", "managed_by"),
              (Ref(("managed_by",), "departments", "managed_by_id"),)),
    TableSpec("occupancy", Occupancy, ("building", "department"),
              ("building", "department", "floor_area_m2", "staff"),
              (Ref(("building",), "buildings", "building_id"), Ref(("department",), "departments", "department_id"))),
    TableSpec("vendors", Vendor, ("name",),
              ("name", "credit_code", "qualification_level", "service_lines", "registered_capital_wan",
               "founded_year", "status", "status_reason", "status_date", "confidential_cleared")),
    TableSpec("vendor_decisions", VendorDecision, ("vendor", "decided_on", "to_status"),
              ("vendor", "decided_on", "from_status", "to_status", "reason", "criteria", "decided_by"),
              (Ref(("vendor",), "vendors", "vendor_id"),)),
    TableSpec("contracts", Contract, ("code",),
              ("code", "title", "vendor", "channel", "signed_on", "start_date", "end_date", "annual_price"),
              (Ref(("vendor",), "vendors", "vendor_id"),)),
    TableSpec("arrangements", Arrangement, ("building", "service"),
              ("building", "service", "delivery", "staff_in_house", "staff_vendor", "tenure_years",
               "depreciation", "restricted", "contract"),
              (Ref(("building",), "buildings", "building_id"), Ref(("service",), "services", "service_id"),
               Ref(("contract",), "contracts", "contract_id", required=False))),
    TableSpec("cost_records", CostRecord, ("building", "service", "year", "month"),
              ("building", "service", "year", "month", "labour", "on_costs", "materials", "management_fee",
               "tax", "energy", "repairs", "budget"),
              (Ref(("building", "service"), "arrangements", "arrangement_id"),)),
    TableSpec("quality_assessments", QualityAssessment, ("building", "year", "quarter"),
              ("building", "year", "quarter", "customer_service", "building_mgmt", "facilities",
               "public_order", "cleaning", "greening", "conference", "satisfaction", "assessor"),
              (Ref(("building",), "buildings", "building_id"),)),
    TableSpec("fee_standards", FeeStandard, ("service", "tier", "area_min_m2"),
              ("service", "tier", "area_min_m2", "area_max_m2", "fee_per_m2_month", "m2_per_worker",
               "basis", "source"),
              (Ref(("service",), "services", "service_id"),)),
    TableSpec("assumptions", Assumption, ("key", "effective_date"),
              ("key", "name_zh", "name_en", "value", "unit", "basis", "source", "effective_date",
               "distribution", "low", "high")),
)

# In dependency order: a table only refers to tables before it (departments also to itself).
SPECS: dict[str, TableSpec] = {s.name: s for s in _SPEC_LIST}
REFERENCE_TABLES: tuple[str, ...] = ("services", "assumptions", "fee_standards")


FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which text cells a spreadsheet would run as a formula start with an apostrophe.

    Cells beginning with ``=``, ``+``, ``-``, ``@`` (or tab / carriage return) are prefixed with
    ``'`` (OWASP CSV injection); numbers, including negative ones, are left as numbers.
    """
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col]):
            continue
        out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v)
    return out


def read_csv_table(path: Path) -> pd.DataFrame:
    """A UTF-8 CSV file as strings, empty cells as missing (types are the loader's business)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")


def read_folder(folder: Path, tables: tuple[str, ...] | None = None) -> dict[str, pd.DataFrame]:
    """Every ``<table>.csv`` present in ``folder`` (optionally only ``tables``), in dependency order."""
    out: dict[str, pd.DataFrame] = {}
    for name in SPECS:
        if tables is not None and name not in tables:
            continue
        path = folder / f"{name}.csv"
        if path.exists():
            out[name] = read_csv_table(path)
    return out
