"""The Standards page (统一标准): the benchmark's charts and sentences, the page's view, and its part of the meeting pack."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.domain.standards import benchmark, capped_fee_release, outliers, status_counts
from core.i18n import fmt_money, fmt_num, fmt_pct, label, t
from core.store.repo import Portfolio
from core.views import charts
from core.views.exhibits import Exhibit, PackOptions, SectionContent


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
