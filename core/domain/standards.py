"""Unified standards (统一标准): each building × service against the fee standard and staffing norm.

The fee standard applies per service, building tier and building-area band [CNY/(m²·month)]; the
staffing norm is m² per worker. An arrangement's cost per m² per month is its recorded spending in
the year (ledger actual: what the service cost, vendor fee and agency materials together) divided
by the building's gross floor area and twelve months.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.store.repo import Portfolio

STATUS_ORDER: tuple[str, ...] = ("red", "amber", "green", "none")


def standards_for_arrangements(p: Portfolio) -> pd.DataFrame:
    """The fee standard and staffing norm that apply to every arrangement (NaN where none does).

    Returns the arrangements' ``id``, ``building_id``, ``service``, area and tier, plus
    ``standard_per_m2_month`` [CNY/(m²·month)] and ``m2_per_worker`` [m²].
    """
    a = p.arrangements[["id", "building_id", "service", "delivery", "paid_at_actual", "staff_in_house",
                        "staff_vendor"]].merge(
        p.buildings[["id", "gross_floor_area_m2", "tier"]].rename(columns={"id": "building_id"}), on="building_id")
    s = p.standards[["service", "tier", "area_min_m2", "area_max_m2", "fee_per_m2_month", "m2_per_worker"]]
    m = a.merge(s, on=["service", "tier"], how="left")
    # Bands are (min, max]: the Sichuan standard's "3,001-7,000 m²" is above 3,000 and up to 7,000.
    in_band = (m["gross_floor_area_m2"] > m["area_min_m2"]) & (m["gross_floor_area_m2"] <= m["area_max_m2"])
    m = m.loc[in_band | m["area_min_m2"].isna()].drop_duplicates("id")
    out = a.merge(m[["id", "fee_per_m2_month", "m2_per_worker"]], on="id", how="left")
    return out.rename(columns={"fee_per_m2_month": "standard_per_m2_month"})


def benchmark(p: Portfolio, year: int, *, amber: float, red: float) -> pd.DataFrame:
    """Every arrangement's cost per m² per month in ``year`` against its standard.

    ``deviation_pct`` = (cost − standard) / standard × 100; status ``red`` above ``red`` (a
    fraction, e.g. 0.25), ``amber`` above ``amber``, ``green`` otherwise, ``none`` without a standard.
    Staffing: ``norm_staff`` = area / m² per worker, ``staff_deviation_pct`` against actual staff.
    """
    a = standards_for_arrangements(p)
    spend = p.costs.loc[p.costs["year"] == year].groupby("arrangement_id")[["actual", "materials"]].sum()
    a["annual_cost"] = a["id"].map(spend["actual"]).fillna(0.0)
    # what a vendor bills: the whole cost of a contracted item; a labour-only invoice without the
    # agency's own materials; nothing in house
    a["vendor_fee"] = np.select([a["delivery"] == "contracted", a["delivery"] == "labour_only"],
                                [a["annual_cost"], a["annual_cost"] - a["id"].map(spend["materials"]).fillna(0.0)], 0.0)
    a["cost_per_m2_month"] = a["annual_cost"] / a["gross_floor_area_m2"] / 12
    std = a["standard_per_m2_month"]
    a["deviation_pct"] = (a["cost_per_m2_month"] / std.where(std > 0) - 1) * 100
    dev = a["deviation_pct"] / 100
    a["status"] = np.select([dev.isna(), dev > red, dev > amber], ["none", "red", "amber"], default="green")
    a["staff"] = a["staff_in_house"] + a["staff_vendor"]
    a["norm_staff"] = a["gross_floor_area_m2"] / a["m2_per_worker"]
    a["staff_deviation_pct"] = (a["staff"] / a["norm_staff"].where(a["norm_staff"] > 0) - 1) * 100
    names = p.buildings.set_index("id")["name"]
    a["building"] = a["building_id"].map(names)
    a["year"] = year
    return a.rename(columns={"id": "arrangement_id"})


def capped_fee_release(bench: pd.DataFrame, *, tolerance: float) -> float:
    """What capping every vendor fee above its standard (plus ``tolerance``) at that level would release
    [CNY/yr].

    Only vendors' fees count (contracted and labour-only invoices, never more than the vendor bills):
    an in-house team has no fee to cap — it is brought to the staffing standard by releasing posts,
    at a cost — and items paid at actual (energy, medium and major repairs) are budgeted against their
    standard but not capped. A fee within the tolerance is left alone.
    """
    cap = bench["standard_per_m2_month"] * (1 + tolerance) * bench["gross_floor_area_m2"] * 12
    excess = np.minimum((bench["annual_cost"] - cap).clip(lower=0), bench["vendor_fee"])
    fees = bench["standard_per_m2_month"].notna() & ~bench["paid_at_actual"].astype(bool) & (bench["vendor_fee"] > 0)
    return float(excess[fees].sum())


def outliers(bench: pd.DataFrame) -> pd.DataFrame:
    """Items above the amber threshold (red first, then by deviation, largest first)."""
    out = bench.loc[bench["status"].isin(["red", "amber"])].copy()
    out["_rank"] = out["status"].map({"red": 0, "amber": 1})
    return out.sort_values(["_rank", "deviation_pct"], ascending=[True, False]).drop(columns="_rank")


def status_counts(bench: pd.DataFrame) -> dict[str, int]:
    """How many items have each status, in :data:`STATUS_ORDER`."""
    counts = bench["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUS_ORDER}


def standards_table(bench: pd.DataFrame) -> pd.DataFrame:
    """Per building × service: cost and standard per m² per month, deviation and status (the CLI's rows)."""
    return bench[["building", "service", "cost_per_m2_month", "standard_per_m2_month", "deviation_pct",
                  "status"]].reset_index(drop=True)
