"""执行跟踪 Delivery: what an adopted plan promised and what the ledger shows it delivered, by year, lever and
building (:mod:`core.simulation.tracking`), in a sentence, two charts and the table behind them; and the
Delivery page's part of the meeting pack.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.i18n import fmt_approx, fmt_pct, join, t
from core.simulation import tracking
from core.simulation.levers import LEVERS
from core.store.repo import Portfolio
from core.views.charts import ACCENT, INK, NEGATIVE, base_figure, wrap
from core.views.exhibits import Exhibit, KeyFigure, PackOptions, SectionContent
from core.views.sim_charts import LEVER_COLORS


@dataclass(frozen=True)
class Delivery:
    """One adopted plan and how it has delivered."""

    plan: pd.Series  # the plan's row (core.store.repo.Portfolio.plans)
    rows: pd.DataFrame  # tracking.COLUMNS

    @property
    def years(self) -> list[int]:
        """The plan's years the ledger has reached."""
        return sorted(int(y) for y in self.rows["year"].unique())

    @property
    def flagged(self) -> pd.DataFrame:
        """Cells whose actual saving fell below the plan's P10."""
        return self.rows.loc[self.rows["below_p10"]]


def choices(p: Portfolio) -> pd.DataFrame:
    """The adopted plans, newest first: ``id``, ``name``, ``version``, ``adopted_on``, ``approved_by`` …"""
    if p.plans.empty:
        return p.plans
    return p.plans.sort_values(["adopted_on", "id"], ascending=False).reset_index(drop=True)


def delivery(p: Portfolio, plan_id: int) -> Delivery:
    """Track the adopted plan ``plan_id`` against the ledger."""
    plan = p.plans.loc[p.plans["id"] == plan_id].iloc[0]
    forecast = p.plan_forecasts.loc[p.plan_forecasts["plan_id"] == plan_id]
    items = p.plan_items.loc[p.plan_items["plan_id"] == plan_id]
    rows = tracking.track(p, base_year=int(plan["base_year"]), first_year=int(plan["first_year"]),
                          last_year=int(plan["last_year"]), forecast=forecast, items=items)
    return Delivery(plan=plan, rows=rows)


def lever_name(lever: str, lang: str) -> str:
    """A lever's name in ``lang``."""
    return t(f"sim.lever.{lever}", lang)


def plan_title(d: Delivery, lang: str) -> str:
    """“2023年…”（第 1 版，2023-03-20 经…批准）"""
    return t("delivery.title", lang, name=d.plan["name"], version=int(d.plan["version"]),
             date=str(d.plan["adopted_on"]), who=d.plan["approved_by"])


def headline(d: Delivery, lang: str) -> str:
    """What was planned and delivered so far, and where it fell short, in a few sentences."""
    if not d.years:
        return t("delivery.headline.none", lang, title=plan_title(d, lang), first=int(d.plan["first_year"]))
    planned, actual = float(d.rows["planned"].sum()), float(d.rows["actual"].sum())
    text = t("delivery.headline", lang, title=plan_title(d, lang), first=d.years[0], last=d.years[-1],
             planned=fmt_approx(planned, lang), actual=fmt_approx(actual, lang),
             share=fmt_pct(actual / planned, 0) if planned > 0 else "—")
    flagged = d.flagged
    if flagged.empty:
        return text + t("delivery.flags.none", lang)
    cells = [t("delivery.flag.cell", lang, year=int(r.year), building=r.building, lever=lever_name(r.lever, lang))
             for r in flagged.sort_values("variance").head(3).itertuples()]
    return text + t("delivery.flags.some", lang, n=len(flagged), cells=join(cells, lang))


def by_year(d: Delivery) -> pd.DataFrame:
    """Planned, P10 and actual by year and lever [CNY]."""
    g = d.rows.groupby(["year", "lever"], as_index=False)[["planned", "p10", "p50", "actual", "variance"]].sum()
    g["_o"] = g["lever"].map({lv: i for i, lv in enumerate(LEVERS)})
    return g.sort_values(["year", "_o"]).drop(columns="_o").reset_index(drop=True)


def years_exhibit(d: Delivery, lang: str, prefix: str = "delivery") -> Exhibit:
    """Planned against actual saving each year, lever by lever, with the plan's P10."""
    g = by_year(d)
    fig = base_figure(t("delivery.years.title", lang), height=380)
    for lever, part in g.groupby("lever", sort=False):
        name = lever_name(str(lever), lang)
        color = LEVER_COLORS.get(str(lever), ACCENT)
        x = [f"{y}" for y in part["year"]]
        fig.add_bar(x=[x, [name] * len(x)], y=(part["planned"] / 1e4).tolist(), name=t("delivery.planned", lang),
                    marker={"color": "rgba(0,0,0,0)", "line": {"color": color, "width": 2}}, legendgroup="planned",
                    showlegend=lever == g["lever"].iloc[0],
                    hovertemplate="%{x}: %{y:,.1f} " + t("unit.wan", lang) + "<extra>" + t("delivery.planned", lang) + "</extra>")
        fig.add_bar(x=[x, [name] * len(x)], y=(part["actual"] / 1e4).tolist(), name=t("delivery.actual", lang),
                    marker_color=color, legendgroup="actual", showlegend=lever == g["lever"].iloc[0],
                    hovertemplate="%{x}: %{y:,.1f} " + t("unit.wan", lang) + "<extra>" + t("delivery.actual", lang) + "</extra>")
        fig.add_scatter(x=[x, [name] * len(x)], y=(part["p10"] / 1e4).tolist(), mode="markers", name="P10",
                        marker={"symbol": "line-ew", "size": 22, "line": {"color": NEGATIVE, "width": 2}},
                        legendgroup="p10", showlegend=lever == g["lever"].iloc[0],
                        hovertemplate="P10 %{y:,.1f} " + t("unit.wan", lang) + "<extra></extra>")
    fig.update_layout(barmode="overlay", yaxis={"title": {"text": t("plans.axis.saving_wan", lang)}, "tickformat": ",.0f"})
    data = pd.DataFrame({t("sim.col.year", lang): g["year"], t("sim.col.lever", lang): g["lever"].map(lambda v: lever_name(v, lang)),
                         **{t(f"delivery.col.{c}", lang): (g[c] / 1e4).round(2) for c in ("planned", "p10", "actual", "variance")}})
    return Exhibit(key=f"{prefix}-years", figure=fig, takeaway=headline(d, lang), data=data,
                   key_figures=key_figures(d, lang))


def buildings_table(d: Delivery, lang: str) -> pd.DataFrame:
    """Every building × lever × year: planned, P10, actual, variance [CNY, to the fen] and the flag."""
    r = d.rows
    return pd.DataFrame({
        t("sim.col.year", lang): r["year"], t("common.building", lang): r["building"],
        t("sim.col.lever", lang): r["lever"].map(lambda v: lever_name(v, lang)),
        **{t(f"delivery.col.{c}_yuan", lang): r[c].round(2) for c in ("planned", "p10", "actual", "variance")},
        t("delivery.col.flag", lang): r["below_p10"].map({True: t("delivery.flag.below", lang), False: ""}),
    })


def buildings_exhibit(d: Delivery, lang: str, prefix: str = "delivery") -> Exhibit:
    """Planned against actual saving by building over the years tracked, the buildings with a cell below
    P10 marked."""
    g = d.rows.groupby("building", as_index=False)[["planned", "actual", "variance"]].sum()
    g["flag"] = g["building"].isin(set(d.flagged["building"]))
    g = g.sort_values("planned", ascending=False)
    fig = base_figure(t("delivery.buildings.title", lang), height=max(320, 110 + 34 * len(g)))
    names = [wrap(b, 12) + (" ⚠" if f else "") for b, f in zip(g["building"], g["flag"])]
    fig.add_bar(y=names, x=(g["planned"] / 1e4).tolist(), orientation="h", name=t("delivery.planned", lang),
                marker={"color": "rgba(0,0,0,0)", "line": {"color": INK, "width": 1.5}})
    fig.add_bar(y=names, x=(g["actual"] / 1e4).tolist(), orientation="h", name=t("delivery.actual", lang),
                marker_color=[NEGATIVE if f else ACCENT for f in g["flag"]])
    fig.update_layout(barmode="overlay", yaxis={"autorange": "reversed"},
                      xaxis={"title": {"text": t("plans.axis.saving_wan", lang)}, "tickformat": ",.0f"})
    worst = g.sort_values("variance").iloc[0] if len(g) else None
    take = (t("delivery.takeaway.buildings", lang, building=worst["building"], gap=fmt_approx(-worst["variance"], lang))
            if worst is not None and worst["variance"] < 0 else t("delivery.takeaway.buildings_ok", lang))
    data = pd.DataFrame({t("common.building", lang): g["building"],
                         **{t(f"delivery.col.{c}", lang): (g[c] / 1e4).round(2) for c in ("planned", "actual", "variance")}})
    return Exhibit(key=f"{prefix}-buildings", figure=fig, takeaway=take, data=data)


def key_figures(d: Delivery, lang: str) -> tuple[KeyFigure, ...]:
    """Planned and actual so far, the share delivered, and the cells below P10."""
    planned, actual = float(d.rows["planned"].sum()), float(d.rows["actual"].sum())
    return ((t("delivery.kf.planned", lang), fmt_approx(planned, lang)),
            (t("delivery.kf.actual", lang), fmt_approx(actual, lang)),
            (t("delivery.kf.share", lang), fmt_pct(actual / planned, 0) if planned > 0 else "—"),
            (t("delivery.kf.flags", lang), str(len(d.flagged))))


def delivery_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Delivery page's part of the pack: the latest adopted plan (of each name) and how it delivers."""
    plans = choices(p)
    if plans.empty:
        return SectionContent(exhibits=())
    latest = plans.drop_duplicates("name")
    exhibits: list[Exhibit] = []
    figures: list[KeyFigure] = []
    for i, row in enumerate(latest.itertuples(), start=1):
        d = delivery(p, int(row.id))
        if not d.years:
            continue
        prefix = f"delivery-{i}"
        exhibits += [years_exhibit(d, lang, prefix), buildings_exhibit(d, lang, prefix)]
        figures += [(f"{row.name} · {label}", value) for label, value in key_figures(d, lang)]
    return SectionContent(exhibits=tuple(exhibits), key_figures=tuple(figures))

