"""Recorded spending (the ledger): what was budgeted and spent, by building, mode and year.

This is "where the money goes today" as the books show it. The full-cost model (hidden on-costs,
overhead, supervision, depreciation) lives in :mod:`core.domain.costing`.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.domain.modes import MODE_ORDER, modes_of_buildings
from core.store.repo import Portfolio


def building_modes(p: Portfolio) -> pd.Series:
    """Each building's derived support mode, indexed by building id."""
    return modes_of_buildings(p.arrangements, p.buildings["id"])


def spend_by_building_year(p: Portfolio) -> pd.DataFrame:
    """Actual and budget per building and year [CNY], with each building's mode and area."""
    g = p.costs.groupby(["building_id", "year"], as_index=False)[["actual", "budget"]].sum()
    b = p.buildings.set_index("id")
    g["building"] = g["building_id"].map(b["name"])
    g["area_m2"] = g["building_id"].map(b["gross_floor_area_m2"])
    g["mode"] = g["building_id"].map(building_modes(p))
    g["deviation"] = (g["actual"] - g["budget"]) / g["budget"].where(g["budget"] > 0)
    return g


def spend_by_mode_year(p: Portfolio) -> pd.DataFrame:
    """Actual and budget per mode and year [CNY], with the floor area of the mode's buildings."""
    g = spend_by_building_year(p)
    return g.groupby(["mode", "year"], as_index=False)[["actual", "budget", "area_m2"]].sum().rename(
        columns={"actual": "spend"})


def budget_deviation_by_year(p: Portfolio) -> pd.DataFrame:
    """City-wide (actual − budget) / budget per year, and the spread across buildings."""
    g = p.costs.groupby("year", as_index=False)[["actual", "budget"]].sum()
    g["deviation"] = (g["actual"] - g["budget"]) / g["budget"]
    per_b = spend_by_building_year(p).groupby("year")["deviation"]
    g["spread"] = g["year"].map(per_b.std())
    g["mean_abs"] = g["year"].map(per_b.apply(lambda s: s.abs().mean()))
    return g


def mode_summary(p: Portfolio, year: int) -> pd.DataFrame:
    """Per mode, in the fixed mode order: buildings, floor area, spending and spending per m²."""
    b = p.buildings.assign(mode=p.buildings["id"].map(building_modes(p)))
    spend = p.costs.loc[p.costs["year"] == year].groupby("building_id")["actual"].sum()
    b["spend"] = b["id"].map(spend).fillna(0.0)
    g = b.groupby("mode").agg(buildings=("id", "size"), area_m2=("gross_floor_area_m2", "sum"), spend=("spend", "sum"))
    g = g.reindex([m.value for m in MODE_ORDER]).fillna(0)
    g["spend_per_m2"] = g["spend"] / g["area_m2"].where(g["area_m2"] > 0)
    return g.reset_index()


def building_table(p: Portfolio, year: int) -> pd.DataFrame:
    """One row per building: mode, area, tier, departments, staff, the year's spending and per m²."""
    b = p.buildings.copy()
    b["mode"] = b["id"].map(building_modes(p))
    names = p.departments.set_index("id")["name"]
    occ = p.occupancy.assign(department=p.occupancy["department_id"].map(names))
    names_of = occ.groupby("building_id")["department"].agg(tuple)
    b["departments"] = [names_of.get(i, ()) for i in b["id"]]
    b["n_departments"] = b["id"].map(occ.groupby("building_id").size()).fillna(0).astype(int)
    staff = p.arrangements.groupby("building_id")[["staff_in_house", "staff_vendor"]].sum()
    b = b.join(staff, on="id")
    y = p.costs.loc[p.costs["year"] == year].groupby("building_id")[["actual", "budget"]].sum()
    b = b.join(y, on="id")
    b["spend_per_m2"] = b["actual"] / b["gross_floor_area_m2"]
    return b[["id", "name", "mode", "gross_floor_area_m2", "tier", "year_built", "managed_by", "n_departments",
              "departments", "staff_in_house", "staff_vendor", "actual", "budget", "spend_per_m2"]]


@dataclass(frozen=True)
class OverviewKpis:
    """The Overview's key figures for one year, with the previous year's for comparison."""

    year: int
    total_spend: float  # [CNY]
    total_spend_prev: float | None
    spend_per_m2: float  # [CNY/m²·yr]
    spend_per_m2_prev: float | None
    staff_in_house: float  # [FTE]
    staff_vendor: float
    budget_deviation: float  # (actual − budget) / budget
    budget_deviation_prev: float | None
    buildings: int
    area_m2: float
    buildings_per_mode: dict[str, int]
    history: pd.DataFrame  # per year up to ``year``: spend, spend_per_m2, budget_deviation


def overview_kpis(p: Portfolio, year: int) -> OverviewKpis:
    """Key figures of the recorded spending in ``year``."""
    by_year = p.costs.groupby("year")[["actual", "budget"]].sum()
    area = float(p.buildings["gross_floor_area_m2"].sum())
    prev = year - 1 if (year - 1) in by_year.index else None

    def dev(y: int) -> float:
        return float((by_year.at[y, "actual"] - by_year.at[y, "budget"]) / by_year.at[y, "budget"])

    modes = building_modes(p)
    history = by_year.loc[by_year.index <= year].assign(
        spend=lambda d: d["actual"], spend_per_m2=lambda d: d["actual"] / area,
        budget_deviation=lambda d: (d["actual"] - d["budget"]) / d["budget"],
    )[["spend", "spend_per_m2", "budget_deviation"]].reset_index()
    return OverviewKpis(
        year=year,
        total_spend=float(by_year.at[year, "actual"]),
        total_spend_prev=float(by_year.at[prev, "actual"]) if prev else None,
        spend_per_m2=float(by_year.at[year, "actual"]) / area,
        spend_per_m2_prev=float(by_year.at[prev, "actual"]) / area if prev else None,
        staff_in_house=float(p.arrangements["staff_in_house"].sum()),
        staff_vendor=float(p.arrangements["staff_vendor"].sum()),
        budget_deviation=dev(year),
        budget_deviation_prev=dev(prev) if prev else None,
        buildings=len(p.buildings),
        area_m2=area,
        buildings_per_mode={m.value: int((modes == m.value).sum()) for m in MODE_ORDER},
        history=history,
    )
