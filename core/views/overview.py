"""The Overview (总览): its key figures, charts and building table, and its part of the meeting pack."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core.domain import costing
from core.domain.compare import service_spending
from core.domain.spending import (
    OverviewKpis,
    budget_deviation_by_year,
    building_table,
    mode_summary,
    overview_kpis,
    spend_by_building_year,
    spend_by_mode_year,
)
from core.i18n import fmt_money, fmt_num, fmt_pct, join, label, t, wan
from core.store.repo import Portfolio
from core.views import charts, checkup
from core.views.exhibits import Exhibit, PackOptions, SectionContent

DELIVERIES: tuple[str, ...] = ("in_house", "labour_only", "contracted")


def service_rows(p: Portfolio, year: int, lang: str) -> pd.DataFrame:
    """Where the money goes by service item in ``year``, every figure rounded once (the chart, the table
    and the pack show these very numbers): ``code``, ``service`` (its name), ``paid_at_actual``,
    ``spend`` [万元, 1 decimal], ``share`` [%, 1 decimal], ``<delivery>_per_m2`` full cost per m² of
    each delivery [CNY/(m²·yr), 1 decimal], ``cheapest`` (a delivery type, "" when there is no
    comparison) and ``cheapest_text`` (its name, or why there is none). Largest spending first; items
    with no spending in the year are left out."""
    s = service_spending(p, year)
    s = s.loc[s["recorded"] > 0].sort_values("recorded", ascending=False, kind="stable")
    ways = s[[f"{d}_per_m2" for d in DELIVERIES]].notna().sum(axis=1)

    def why(row: pd.Series, n: int) -> str:
        if row["paid_at_actual"]:
            return t("overview.services.at_actual", lang)
        if row["cheapest"]:
            return label("delivery", row["cheapest"], lang)
        if n == 1:
            only = next(d for d in DELIVERIES if pd.notna(row[f"{d}_per_m2"]))
            return t("overview.services.one_way", lang, way=label("delivery", only, lang))
        return "—"

    out = pd.DataFrame({
        "code": s["service"], "service": s["service"].map(lambda c: label("service", c, lang)),
        "paid_at_actual": s["paid_at_actual"].astype(bool),
        "spend": s["recorded"].map(wan).round(1), "share": (s["share"] * 100).round(1),
        **{f"{d}_per_m2": s[f"{d}_per_m2"].round(1) for d in DELIVERIES},
        "cheapest": s["cheapest"], "cheapest_per_m2": s["cheapest_per_m2"].round(1),
        "cheapest_text": [why(r, int(n)) for (_, r), n in zip(s.iterrows(), ways)],
    })
    return out.reset_index(drop=True)


def service_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The short table beside the chart: service, spending, share and the cheapest delivery (every
    delivery's full cost per m² is in the chart's data and the pack)."""
    return rows[["service", "spend", "share", "cheapest_text"]].rename(columns={
        "service": t("common.service", lang), "spend": t("overview.services.col.spend", lang),
        "share": t("overview.services.col.share", lang), "cheapest_text": t("overview.services.col.cheapest", lang)})


def service_exhibit(rows: pd.DataFrame, year: int, lang: str) -> Exhibit:
    """Spending by service item (``rows`` of :func:`service_rows`), with the cheapest delivery of each
    (full cost ÷ floor area, the measure of the cheapest mode); its data holds every delivery's full
    cost per m²."""
    top = rows.head(3)
    compared = rows.loc[rows["cheapest"] != ""]
    wins = compared["cheapest"].value_counts()
    counts = join([t("overview.services.wins", lang, n=int(n),
                     way=label("delivery", d, lang) if lang == "zh" else label("delivery", d, lang).lower())
                   for d, n in wins.items()], lang)  # most first
    top_share = round(float(top["share"].sum()), 1)  # the sum of the shares shown, so a reader's sum agrees
    takeaway = t("overview.takeaway.services", lang, year=year,
                 top=join([t("overview.services.item_share", lang, service=r.service, share=f"{r.share:.1f}%")
                           for r in top.itertuples()], lang, final=True),
                 share=f"{top_share:.1f}%", k=len(compared), counts=counts or "—")
    at_actual = round(float(rows.loc[rows["paid_at_actual"], "share"].sum()), 1)
    data = rows.drop(columns=["code", "cheapest", "cheapest_per_m2"]).rename(columns={
        "service": t("common.service", lang), "paid_at_actual": t("overview.services.col.paid_at_actual", lang),
        "spend": t("overview.services.col.spend", lang), "share": t("overview.services.col.share", lang),
        **{f"{d}_per_m2": t("overview.services.col.per_m2", lang, way=label("delivery", d, lang)) for d in DELIVERIES},
        "cheapest_text": t("overview.services.col.cheapest", lang)})
    first = rows.iloc[0] if len(rows) else None
    return Exhibit(
        key="overview-services",
        figure=charts.service_spending(rows, lang),
        takeaway=takeaway,
        data=data,
        key_figures=(
            (t("kf.services.top", lang, service=first["service"] if first is not None else "—"),
             f"{float(first['share']):.1f}%" if first is not None else "—"),
            (t("kf.services.at_actual", lang), f"{at_actual:.1f}%"),
            (t("kf.services.compared", lang), t("overview.services.items", lang, n=len(compared))),
        ),
    )


def overview_exhibits(p: Portfolio, year: int, lang: str, services: pd.DataFrame | None = None) -> list[Exhibit]:
    """The Overview's four charts with their takeaways and data: mode mix, trend, spending by service,
    budget deviation (``services``: :func:`service_rows`, when already computed)."""
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
    rows = service_rows(p, year, lang) if services is None else services
    return [mix, trend, service_exhibit(rows, year, lang), budget]


def overview_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Overview's part of the meeting pack: its four exhibits and the year's headline figures.

    The cheapest delivery per service uses the full cost, so the factors of the full-cost model are listed.
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
        assumptions=costing.FACTOR_KEYS,
        caveats=(t("overview.services.caption", lang),),
    )


def completeness_line(p: Portfolio, lang: str, on: dt.date | None = None) -> str:
    """The Overview's one line on data completeness (from the data check-up of the latest year)."""
    return checkup.overview_line(p, lang, on)


@dataclass(frozen=True)
class OverviewView:
    """Everything the Overview shows for one year and language (computed once, shared)."""

    kpis: OverviewKpis
    exhibits: tuple[Exhibit, ...]  # mode mix, trend, spending by service, budget deviation
    table: pd.DataFrame  # the building table, modes named, spending in 万元
    services: pd.DataFrame  # the short table beside the services chart (the chart's own rounded figures)


def overview_view(p: Portfolio, year: int, lang: str) -> OverviewView:
    """The Overview's figures, charts and building table for ``year`` in ``lang``."""
    table = building_table(p, year)
    table = table.assign(mode=table["mode"].map(lambda m: label("mode", m, lang)), actual=table["actual"].map(wan))
    services = service_rows(p, year, lang)
    return OverviewView(overview_kpis(p, year), tuple(overview_exhibits(p, year, lang, services)),
                        table.drop(columns=["id", "budget", "departments"]), service_table(services, lang))
