"""The Standards page (统一标准): the benchmark's charts and sentences, the page's view, and its part of the meeting pack.

Fees (which the fee cap acts on) and items paid at actual (energy, medium and major repairs: budgeted
against their standard, never capped) are counted and listed apart; items above the standard are
ranked by the money above it as well as by the percentage; items far below it are shown amber, as
possible under-service. Every figure is rounded once, in :func:`named_bench`, with its unit.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.domain.standards import (
    RANKINGS,
    at_actual,
    benchmark,
    capped_fee_release,
    far_below,
    fees,
    outliers,
    status_counts,
)
from core.i18n import fmt_money, fmt_num, fmt_pct, label, t
from core.store.repo import Portfolio
from core.views import standards_charts
from core.views.exhibits import Exhibit, PackOptions, SectionContent

STANDARDS_FACTORS: tuple[str, ...] = ("std_amber_pct", "std_red_pct", "std_low_pct", "fee_cap_tolerance")


@dataclass(frozen=True)
class Thresholds:
    """The page's thresholds, as fractions: amber and red above the standard, ``low`` below it (possible
    under-service), and the fee cap's tolerance."""

    amber: float
    red: float
    low: float
    tolerance: float

    @classmethod
    def from_book(cls, p: Portfolio) -> Thresholds:
        """The assumption book's thresholds."""
        amber, red, low, tolerance = (p.book.value(k) for k in STANDARDS_FACTORS)
        return cls(amber=amber, red=red, low=low, tolerance=tolerance)


def named_bench(bench: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The benchmark with names in ``lang`` and every figure rounded once (charts, sentences and tables
    all read these): cost and standard [元/㎡·月, 2 decimals], deviation [%, whole], money above the
    standard and annual cost [万元/年, 1 decimal], staff and norm [persons, 1 decimal]."""
    return bench.assign(
        service_name=bench["service"].map(lambda s: label("service", s, lang)),
        item_name=[label("service", s, lang) + (t("standards.at_actual", lang) if a else "")
                   for s, a in zip(bench["service"], bench["paid_at_actual"].astype(bool))],
        status_name=bench["status"].map(lambda s: t(f"standards.status.{s}", lang)),
        cost_per_m2_month=bench["cost_per_m2_month"].round(2),
        standard_per_m2_month=bench["standard_per_m2_month"].round(2),
        deviation_pct=bench["deviation_pct"].round(0) + 0.0,  # + 0.0: no −0
        excess_wan=(bench["excess"] / 1e4).round(1) + 0.0,
        annual_cost_wan=(bench["annual_cost"] / 1e4).round(1),
        norm_staff=bench["norm_staff"].round(1),
        staff_deviation_pct=bench["staff_deviation_pct"].round(0) + 0.0,
    )


_COLUMNS = ("building", "service_name", "item_name", "annual_cost_wan", "cost_per_m2_month", "standard_per_m2_month",
            "deviation_pct", "excess_wan", "status_name", "rank_money", "rank_pct", "staff", "norm_staff",
            "staff_deviation_pct")
_LIST = ["building", "item_name", "excess_wan", "deviation_pct", "annual_cost_wan", "cost_per_m2_month",
         "standard_per_m2_month", "status_name"]  # what ranks them first: the money, the percentage


def _columns(lang: str) -> dict[str, str]:
    return {c: t(f"standards.col.{c}", lang) for c in _COLUMNS}


def count_items(n: int, lang: str) -> str:
    """A count with its unit: "3 项", "3 items", "1 item"."""
    return t("standards.item" if n == 1 else "standards.items", lang, n=n)


def _items(lang: str, n: int) -> str:
    return count_items(n, lang)


def _wan_yr(value_wan: float, lang: str) -> str:
    """A sum already rounded in 万元, per year: "88.0 万元/年", or the same figure in yuan, "CNY 880,000 a year"."""
    return t("standards.wan_yr", lang, v=f"{value_wan:,.1f}" if lang == "zh" else f"{value_wan * 1e4:,.0f}")


def _item(row: pd.Series, name: str = "item_name") -> str:
    return f"{row['building']} · {row[name]}"


def map_exhibit(p: Portfolio, named: pd.DataFrame, lang: str, th: Thresholds, release: float) -> Exhibit:
    """Every building × service against its standard, with the counts of each status in words."""
    year = int(named["year"].iloc[0]) if len(named) else 0
    fee_counts, actual = status_counts(fees(named)), at_actual(named)
    rated = int((named["status"] != "none").sum())
    return Exhibit(
        key="standards-map",
        figure=standards_charts.standards_map(named, p.services["code"].tolist(), lang, amber=th.amber, red=th.red,
                                              low=th.low),
        takeaway=t("standards.takeaway.map", lang, year=year, rated=rated, red=fee_counts["red"],
                   amber=fee_counts["amber"], actual=int(actual["status"].isin(["red", "amber"]).sum()),
                   low=int((named["status"] == "low").sum()), lowpct=fmt_pct(th.low, 0)),
        data=named[["building", "service_name", "cost_per_m2_month", "standard_per_m2_month", "deviation_pct",
                    "excess_wan", "status_name"]].rename(columns=_columns(lang)),
        key_figures=((t("kf.standards.fee_red", lang), _items(lang, fee_counts["red"])),
                     (t("kf.standards.fee_amber", lang), _items(lang, fee_counts["amber"])),
                     (t("standards.kpi.release", lang), t("standards.per_year", lang, v=fmt_money(release, lang)))),
    )


def outlier_exhibit(bench: pd.DataFrame, named: pd.DataFrame, lang: str, th: Thresholds, release: float, *,
                    by: str) -> Exhibit:
    """The fees above the amber line, ranked ``by`` money (``"money"``) or percentage (``"pct"``) on the
    unrounded figures; the table carries both ranks."""
    ranked = outliers(fees(bench), by=by)
    out = named.loc[ranked.index].assign(rank_money=ranked["rank_money"], rank_pct=ranked["rank_pct"])
    title = t(f"standards.outliers.title.{by}", lang)
    if out.empty:
        takeaway = t("standards.takeaway.no_outliers", lang)
    else:
        by_money = out.sort_values("rank_money").iloc[0]
        by_pct = out.sort_values("rank_pct").iloc[0]
        takeaway = t("standards.takeaway.outliers", lang, n=len(out),
                     excess=_wan_yr(round(float(out["excess_wan"].sum()), 1), lang),
                     money=_item(by_money), money_v=_wan_yr(float(by_money["excess_wan"]), lang),
                     money_p=f"{by_money['deviation_pct']:+.0f}%", pct=_item(by_pct),
                     pct_v=f"{by_pct['deviation_pct']:+.0f}%", release=t("standards.per_year", lang, v=fmt_money(release, lang)),
                     tol=fmt_pct(th.tolerance, 0))
    return Exhibit(
        key="standards-outliers" if by == "money" else "standards-outliers-pct",
        figure=standards_charts.ranked_bars(out, lang, title=title, by=by),
        takeaway=takeaway,
        key_figures=((t("kf.standards.outliers", lang), _items(lang, len(out))),
                     (t("kf.standards.excess_total", lang), _wan_yr(round(float(out["excess_wan"].sum()), 1), lang)),
                     (t("standards.kpi.release", lang), t("standards.per_year", lang, v=fmt_money(release, lang)))),
        data=out[[*_LIST[:4], "rank_money", "rank_pct", *_LIST[4:]]].rename(columns=_columns(lang)),
    )


def at_actual_exhibit(bench: pd.DataFrame, named: pd.DataFrame, lang: str) -> Exhibit:
    """Items paid at actual above the amber line, by the money above their standard: apart from the fee
    cap's figures (they are never capped; use and repair plans govern them)."""
    over = named.loc[outliers(at_actual(bench), by="money").index]
    over = over.assign(item_name=over["service_name"])  # the title says they are paid at actual
    total = round(float(over["excess_wan"].sum()), 1)
    worst = over.iloc[0] if len(over) else None
    return Exhibit(
        key="standards-at-actual",
        figure=standards_charts.ranked_bars(over, lang, title=t("standards.at_actual.title", lang), by="money"),
        takeaway=t("standards.takeaway.at_actual_none", lang) if worst is None else t(
            "standards.takeaway.at_actual", lang, n=len(over), excess=_wan_yr(total, lang),
            worst=_item(worst, "service_name"), v=_wan_yr(float(worst["excess_wan"]), lang), pct=f"{worst['deviation_pct']:+.0f}%"),
        key_figures=((t("kf.standards.at_actual", lang), _items(lang, len(over))),
                     (t("kf.standards.at_actual_excess", lang), _wan_yr(total, lang))),
        data=over[_LIST].rename(columns=_columns(lang)),
    )


def far_below_exhibit(bench: pd.DataFrame, named: pd.DataFrame, lang: str, th: Thresholds) -> Exhibit:
    """Items far below their standard (amber: possible under-service), furthest below first."""
    low = named.loc[far_below(bench).index]
    worst = low.iloc[0] if len(low) else None
    return Exhibit(
        key="standards-far-below",
        figure=standards_charts.ranked_bars(low, lang, title=t("standards.low.title", lang, low=fmt_pct(th.low, 0)),
                                            by="pct"),
        takeaway=t("standards.takeaway.low_none", lang, low=fmt_pct(th.low, 0)) if worst is None else t(
            "standards.takeaway.low", lang, n=len(low), low=fmt_pct(th.low, 0), worst=_item(worst),
            pct=f"{-worst['deviation_pct']:.0f}%"),
        key_figures=((t("kf.standards.low", lang, low=fmt_pct(th.low, 0)), _items(lang, len(low))),),
        data=low[_LIST].rename(columns=_columns(lang)),
    )


def staffing_exhibit(bench: pd.DataFrame, named: pd.DataFrame, lang: str) -> Exhibit:
    """Service workers against the staffing norm, counted in whole workers."""
    staffed = named.loc[bench["norm_staff"].notna() & (bench["staff"] > 0)]
    # a service that exists needs at least one whole worker: the norm (unrounded) is compared in whole workers
    whole = np.ceil(bench.loc[staffed.index, "norm_staff"] - 1e-9).clip(lower=1)
    above = staffed.loc[staffed["staff"] > whole]
    excess = t("standards.persons", lang, n=fmt_num(float((above["staff"] - whole[above.index]).sum())))
    return Exhibit(
        key="standards-staffing",
        figure=standards_charts.staffing_vs_norm(staffed, lang),
        takeaway=t("standards.takeaway.staffing", lang, n=len(above), total=len(staffed), excess=excess),
        key_figures=((t("kf.standards.over_norm", lang), f"{len(above)} / {_items(lang, len(staffed))}"),
                     (t("kf.standards.excess", lang), excess)),
        data=staffed[["building", "service_name", "staff", "norm_staff", "staff_deviation_pct"]].rename(
            columns=_columns(lang)),
    )


def standards_exhibits(p: Portfolio, bench: pd.DataFrame, lang: str, th: Thresholds) -> dict[str, Exhibit]:
    """The Standards page's charts by key: the map, the fee outliers by money and by percentage, the
    items paid at actual, the items far below the standard, staffing against norms.

    ``bench`` was rated with ``th`` (:func:`core.domain.standards.benchmark` with ``low=th.low``).
    """
    named = named_bench(bench, lang)
    release = capped_fee_release(bench, tolerance=th.tolerance)
    shown = [map_exhibit(p, named, lang, th, release),
             *(outlier_exhibit(bench, named, lang, th, release, by=by) for by in RANKINGS),
             at_actual_exhibit(bench, named, lang), far_below_exhibit(bench, named, lang, th),
             staffing_exhibit(bench, named, lang)]
    return {ex.key: ex for ex in shown}


PACK_EXHIBITS: tuple[str, ...] = ("standards-map", "standards-outliers", "standards-at-actual", "standards-far-below",
                                  "standards-staffing")  # the ranking by percentage is the page's second view


def standards_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Standards page's part of the meeting pack, at the assumption book's thresholds."""
    year = options.year if options.year in p.years else p.latest_year
    th = Thresholds.from_book(p)
    bench = benchmark(p, year, amber=th.amber, red=th.red, low=th.low)
    counts = status_counts(fees(bench))
    exhibits = standards_exhibits(p, bench, lang, th)
    return SectionContent(
        exhibits=tuple(exhibits[k] for k in PACK_EXHIBITS),
        key_figures=(
            (t("kf.standards.red", lang, year=year), _items(lang, counts["red"])),
            (t("kf.standards.amber", lang, year=year), _items(lang, counts["amber"])),
            (t("standards.kpi.release", lang),
             t("standards.per_year", lang, v=fmt_money(capped_fee_release(bench, tolerance=th.tolerance), lang))),
        ),
        assumptions=STANDARDS_FACTORS,
        caveats=(t("standards.caveat.at_actual", lang), t("standards.caveat.low", lang)),
    )


@dataclass(frozen=True)
class StandardsView:
    """What the Standards page shows for one year, thresholds and language (computed once, shared)."""

    counts: dict[str, int]  # fees by status (the fee cap's figures; items paid at actual apart)
    release: float  # what capping fees at the standard (plus tolerance) would release [CNY/yr]
    exhibits: dict[str, Exhibit]  # by key: map, outliers by money and by percentage, at actual, far below, staffing


def standards_view(p: Portfolio, year: int, lang: str, *, amber: float, red: float, low: float,
                   tolerance: float) -> StandardsView:
    """The Standards page's counts, capping release and charts (thresholds as fractions)."""
    th = Thresholds(amber=amber, red=red, low=low, tolerance=tolerance)
    bench = benchmark(p, year, amber=amber, red=red, low=low)
    return StandardsView(status_counts(fees(bench)), capped_fee_release(bench, tolerance=tolerance),
                         standards_exhibits(p, bench, lang, th))
