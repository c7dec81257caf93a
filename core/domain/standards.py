"""Unified standards (统一标准): each building × service against the fee standard and staffing norm.

The fee standard applies per service, building tier and building-area band [CNY/(m²·month)]; the
staffing norm is m² per worker. An arrangement's cost per m² per month is its recorded spending in
the year (ledger actual: what the service cost, vendor fee and agency materials together) divided
by the building's gross floor area and twelve months.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.i18n import fmt_money, fmt_num, fmt_pct, label, t
from core.store.repo import Portfolio
from core.views import charts
from core.views.exhibits import Exhibit, PackOptions, SectionContent

STATUS_ORDER: tuple[str, ...] = ("red", "amber", "green", "none")


def standards_for_arrangements(p: Portfolio) -> pd.DataFrame:
    """The fee standard and staffing norm that apply to every arrangement (NaN where none does).

    Returns the arrangements' ``id``, ``building_id``, ``service``, area and tier, plus
    ``standard_per_m2_month`` [CNY/(m²·month)] and ``m2_per_worker`` [m²].
    """
    a = p.arrangements[["id", "building_id", "service", "paid_at_actual", "staff_in_house", "staff_vendor"]].merge(
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
    spend = p.costs.loc[p.costs["year"] == year].groupby("arrangement_id")["actual"].sum()
    a["annual_cost"] = a["id"].map(spend).fillna(0.0)
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
    """What capping every fee above its standard (plus ``tolerance``) at that level would release [CNY/yr].

    Only fees count: items paid at actual (energy, medium and major repairs) are budgeted against
    their standard but not capped. A fee within the tolerance is left alone.
    """
    cap = bench["standard_per_m2_month"] * (1 + tolerance) * bench["gross_floor_area_m2"] * 12
    excess = (bench["annual_cost"] - cap).clip(lower=0)
    fees = bench["standard_per_m2_month"].notna() & ~bench["paid_at_actual"].astype(bool)
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


def standards_exhibits(
    p: Portfolio, bench: pd.DataFrame, lang: str, *, amber: float, red: float, tolerance: float,
) -> list[Exhibit]:
    """The Standards page's charts: the building × service map, the outliers, staffing against norms.

    ``amber`` and ``red`` are the thresholds ``bench`` was rated with (fractions), for the legend.
    """
    year = int(bench["year"].iloc[0]) if "year" in bench and len(bench) else 0
    counts = status_counts(bench)
    rated = counts["red"] + counts["amber"] + counts["green"]
    release = capped_fee_release(bench, tolerance=tolerance)
    names = bench.assign(
        service_name=bench["service"].map(lambda s: label("service", s, lang)),
        item_name=[label("service", s, lang) + (t("standards.at_actual", lang) if a else "")
                   for s, a in zip(bench["service"], bench["paid_at_actual"].astype(bool))],
        status_name=bench["status"].map(lambda s: t(f"standards.status.{s}", lang)))
    cols = {c: t(f"standards.col.{c}", lang) for c in (
        "building", "service_name", "item_name", "cost_per_m2_month", "standard_per_m2_month", "deviation_pct", "status_name",
        "staff", "norm_staff", "staff_deviation_pct", "annual_cost")}
    heat = Exhibit(
        key="standards-map",
        figure=charts.standards_map(names, p.services["code"].tolist(), lang, amber=amber, red=red),
        takeaway=t("standards.takeaway.map", lang, red=counts["red"], amber=counts["amber"], rated=rated,
                   year=year),
        data=names[["building", "service_name", "cost_per_m2_month", "standard_per_m2_month", "deviation_pct",
                    "status_name"]].rename(columns=cols),
        key_figures=((t("standards.status.red", lang), str(counts["red"])),
                     (t("standards.status.amber", lang), str(counts["amber"])),
                     (t("standards.kpi.release", lang), fmt_money(release, lang))),
    )
    out = names.loc[outliers(bench).index]
    worst = out.iloc[0] if len(out) else None
    over = Exhibit(
        key="standards-outliers",
        figure=charts.outlier_bars(out, lang),
        takeaway=(t("standards.takeaway.outliers", lang, n=len(out), release=fmt_money(release, lang),
                    tol=fmt_pct(tolerance, 0), worst=f"{worst['building']} {worst['item_name']}",
                    pct=f"{worst['deviation_pct']:+.0f}%")
                  if worst is not None else t("standards.takeaway.no_outliers", lang)),
        key_figures=((t("kf.standards.outliers", lang), str(len(out))),
                     (t("standards.kpi.release", lang), fmt_money(release, lang))),
        data=out[["building", "item_name", "cost_per_m2_month", "standard_per_m2_month", "deviation_pct",
                  "status_name", "annual_cost"]].rename(columns=cols),
    )
    staffed = names.loc[names["norm_staff"].notna() & (names["staff"] > 0)]
    # a service that exists needs at least one whole worker: the norm is compared in whole workers
    whole = np.ceil(staffed["norm_staff"] - 1e-9).clip(lower=1)
    above = staffed.loc[staffed["staff"] > whole]
    excess = fmt_num(float((above["staff"] - whole[above.index]).sum()))
    staffing = Exhibit(
        key="standards-staffing",
        figure=charts.staffing_vs_norm(staffed, lang),
        takeaway=t("standards.takeaway.staffing", lang, n=len(above), total=len(staffed), excess=excess),
        key_figures=((t("kf.standards.over_norm", lang), f"{len(above)} / {len(staffed)}"),
                     (t("kf.standards.excess", lang), excess)),
        data=staffed[["building", "service_name", "staff", "norm_staff", "staff_deviation_pct"]].rename(columns=cols),
    )
    return [heat, over, staffing]


STANDARDS_FACTORS: tuple[str, ...] = ("std_amber_pct", "std_red_pct", "fee_cap_tolerance")


def standards_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Standards page's part of the meeting pack, at the assumption book's thresholds."""
    year = options.year if options.year in p.years else p.latest_year
    amber, red, tolerance = (p.book.value(k) for k in STANDARDS_FACTORS)
    bench = benchmark(p, year, amber=amber, red=red)
    counts = status_counts(bench)
    return SectionContent(
        exhibits=tuple(standards_exhibits(p, bench, lang, amber=amber, red=red, tolerance=tolerance)),
        key_figures=(
            (t("kf.standards.red", lang, year=year), str(counts["red"])),
            (t("kf.standards.amber", lang, year=year), str(counts["amber"])),
            (t("standards.kpi.release", lang), fmt_money(capped_fee_release(bench, tolerance=tolerance), lang)),
        ),
        assumptions=STANDARDS_FACTORS,
    )


@dataclass(frozen=True)
class StandardsView:
    """What the Standards page shows for one year, thresholds and language (computed once, shared)."""

    counts: dict[str, int]
    release: float  # what capping fees at the standard (plus tolerance) would release [CNY/yr]
    exhibits: tuple[Exhibit, ...]  # the map, the outliers, staffing against norms


def standards_view(p: Portfolio, year: int, lang: str, *, amber: float, red: float, tolerance: float) -> StandardsView:
    """The Standards page's counts, capping release and charts (thresholds as fractions)."""
    bench = benchmark(p, year, amber=amber, red=red)
    return StandardsView(status_counts(bench), capped_fee_release(bench, tolerance=tolerance),
                         tuple(standards_exhibits(p, bench, lang, amber=amber, red=red, tolerance=tolerance)))
