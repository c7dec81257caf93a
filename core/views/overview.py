"""The Overview (总览): its key figures, charts and building table, and its part of the meeting pack."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core.domain.spending import (
    OverviewKpis,
    budget_deviation_by_year,
    building_table,
    mode_summary,
    overview_kpis,
    spend_by_building_year,
    spend_by_mode_year,
)
from core.i18n import fmt_money, fmt_num, fmt_pct, label, t, wan
from core.store.repo import Portfolio
from core.views import charts, checkup
from core.views.exhibits import Exhibit, PackOptions, SectionContent


def overview_exhibits(p: Portfolio, year: int, lang: str) -> list[Exhibit]:
    """The Overview's three charts with their takeaways and data: mode mix, trend, budget deviation."""
    summary = mode_summary(p, year)
    top = summary.sort_values("spend", ascending=False).iloc[0]
    mix_data = summary.assign(
        mode=summary["mode"].map(lambda m: label("mode", m, lang)), spend=summary["spend"].map(wan))
    mix = Exhibit(
        key="overview-mode-mix",
        figure=charts.mode_mix(summary, lang),
        takeaway=t("overview.takeaway.mix", lang, mode=label("mode", top["mode"], lang), n=int(top["buildings"]),
                   area=fmt_pct(top["area_m2"] / summary["area_m2"].sum(), 0),
                   spend=fmt_pct(top["spend"] / summary["spend"].sum(), 0)),
        data=mix_data.rename(columns={
            "mode": t("common.mode", lang), "buildings": t("common.buildings", lang),
            "area_m2": t("common.area", lang), "spend": t("table.spend", lang),
            "spend_per_m2": t("table.spend_per_m2", lang)}),
        key_figures=(
            (t("kf.mode_spend_share", lang, mode=label("mode", top["mode"], lang)),
             fmt_pct(top["spend"] / summary["spend"].sum(), 0)),
            (t("kf.mode_area_share", lang, mode=label("mode", top["mode"], lang)),
             fmt_pct(top["area_m2"] / summary["area_m2"].sum(), 0)),
            (t("kf.spend_per_m2", lang),
             f"{summary['spend'].sum() / summary['area_m2'].sum():,.0f} {t('unit.yuan_m2_yr', lang)}"),
        ),
    )

    by_mode_year = spend_by_mode_year(p)
    totals = by_mode_year.groupby("year")["spend"].sum()
    first = int(totals.index.min())
    growth = float(totals[year] / totals[first] - 1)
    trend_data = by_mode_year.assign(
        mode=by_mode_year["mode"].map(lambda m: label("mode", m, lang)),
        spend=by_mode_year["spend"].map(wan), budget=by_mode_year["budget"].map(wan),
    )[["year", "mode", "spend", "budget"]]
    trend = Exhibit(
        key="overview-trend",
        figure=charts.spend_trend(by_mode_year, lang),
        takeaway=t("overview.takeaway.trend", lang, year=year, total=fmt_money(float(totals[year]), lang),
                   first=first, pct=fmt_pct(abs(growth), 0),
                   direction=t("overview.takeaway.up" if growth >= 0 else "overview.takeaway.down", lang)),
        data=trend_data.rename(columns={
            "year": t("common.year", lang), "mode": t("common.mode", lang),
            "spend": t("table.spend", lang), "budget": t("table.budget", lang)}),
        key_figures=(
            (t("kf.year_spend", lang, year=year), fmt_money(float(totals[year]), lang)),
            (t("kf.change_since", lang, first=first), fmt_pct(growth, 0, signed=True)),
            (t("kf.annual_growth", lang),
             fmt_pct((1 + growth) ** (1 / (year - first)) - 1, 1, signed=True) if year > first else "–"),
        ),
    )

    per_year = budget_deviation_by_year(p)
    per_building = spend_by_building_year(p)
    budget = Exhibit(
        key="overview-budget",
        figure=charts.budget_deviation(per_year, per_building, lang),
        takeaway=t("overview.takeaway.budget", lang, first=int(per_year["year"].min()),
                   last=int(per_year["year"].max()),
                   low=fmt_pct(float(per_year["deviation"].min()), signed=True),
                   high=fmt_pct(float(per_year["deviation"].max()), signed=True),
                   worst=fmt_pct(float(per_building["deviation"].abs().max()))),
        data=per_building.assign(mode=per_building["mode"].map(lambda m: label("mode", m, lang)),
                                 deviation=per_building["deviation"] * 100)[
            ["year", "building", "mode", "actual", "budget", "deviation"]].rename(columns={
                "year": t("common.year", lang), "building": t("common.building", lang),
                "mode": t("common.mode", lang), "actual": t("table.actual_yuan", lang),
                "budget": t("table.budget_yuan", lang), "deviation": t("chart.deviation_pct", lang)}),
        key_figures=(
            (t("kf.year_deviation", lang, year=year),
             fmt_pct(float(per_year.set_index("year").at[year, "deviation"]), signed=True)),
            (t("kf.deviation_range", lang), f"{fmt_pct(float(per_year['deviation'].min()), signed=True)} ~ "
                                            f"{fmt_pct(float(per_year['deviation'].max()), signed=True)}"),
            (t("kf.worst_building", lang), fmt_pct(float(per_building["deviation"].abs().max()))),
        ),
    )
    return [mix, trend, budget]


def overview_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Overview's part of the meeting pack: its three exhibits and the year's headline figures.

    Recorded spending uses no factor of the assumption book, so no assumptions are listed.
    """
    year = options.year if options.year in p.years else p.latest_year
    k = overview_kpis(p, year)
    return SectionContent(
        exhibits=tuple(overview_exhibits(p, year, lang)),
        key_figures=(
            (t("kf.year_spend", lang, year=year), fmt_money(k.total_spend, lang)),
            (t("kf.spend_per_m2", lang), f"{k.spend_per_m2:,.0f} {t('unit.yuan_m2_yr', lang)}"),
            (t("kf.estate", lang), t("kf.estate_value", lang, n=k.buildings, area=fmt_num(k.area_m2))),
            (t("kf.year_deviation", lang, year=year), fmt_pct(k.budget_deviation, signed=True)),
            *([kf] if (kf := checkup.key_figure(p, lang, year)) else []),  # how far to trust the figures
        ),
    )


def completeness_line(p: Portfolio, lang: str, on: dt.date | None = None) -> str:
    """The Overview's one line on data completeness (from the data check-up of the latest year)."""
    return checkup.overview_line(p, lang, on)


@dataclass(frozen=True)
class OverviewView:
    """Everything the Overview shows for one year and language (computed once, shared)."""

    kpis: OverviewKpis
    exhibits: tuple[Exhibit, ...]
    table: pd.DataFrame  # the building table, modes named, spending in 万元


def overview_view(p: Portfolio, year: int, lang: str) -> OverviewView:
    """The Overview's figures, charts and building table for ``year`` in ``lang``."""
    table = building_table(p, year)
    table = table.assign(mode=table["mode"].map(lambda m: label("mode", m, lang)), actual=table["actual"].map(wan))
    return OverviewView(overview_kpis(p, year), tuple(overview_exhibits(p, year, lang)),
                        table.drop(columns=["id", "budget", "departments"]))
