"""When the saving arrives and whom it affects (分年安排): the schedule by lever and year, the people released
by type and year, and the do-nothing path beside the city's own ledger history.

The schedule stacks each lever's saving at the book's values; the whiskers are the P10–P90 of each
year's total over the Monte Carlo draws. The history is the scope's recorded full cost in every year
of the ledger (the same costing as the base year), so a reader can see whether the projected
do-nothing path grows as the city's costs have grown.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.domain import costing
from core.i18n import fmt_approx, fmt_pct, t
from core.simulation.levers import LEVERS
from core.simulation.model import Result
from core.simulation.people import TYPES
from core.simulation.plan import Plan
from core.simulation.risk import MonteCarlo
from core.store.repo import Portfolio
from core.views import sim_charts
from core.views.exhibits import Exhibit


def lever_name(lever: str, lang: str) -> str:
    """A lever's name in ``lang``."""
    return t(f"sim.lever.{lever}", lang)


def schedule_frame(r: Result, mc: MonteCarlo) -> pd.DataFrame:
    """One row per simulated year: each lever's saving at the book's values, their total, the total's
    P10, P50 and P90 over the draws, one-time costs, net saving, and people released by type [CNY, persons]."""
    q = mc.year_quantiles()
    out = pd.DataFrame({"year": list(r.years)})
    for i, lever in enumerate(LEVERS):
        if lever in r.plan.levers.enabled():
            out[lever] = r.by_lever[i]
    out["total"] = r.saving
    out["p10"], out["p50"], out["p90"] = q[0], q[1], q[2]
    out["one_time"] = r.one_time
    out["net"] = r.net
    for k, v in zip(TYPES, r.people_by_type):
        out[f"people_{k}"] = v
    return out


def schedule_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The schedule as a reader sees it: 万元 (persons with one decimal), headers in ``lang``."""
    cols = {"year": t("sim.col.year", lang)}
    for lever in LEVERS:
        if lever in frame:
            cols[lever] = f"{lever_name(lever, lang)}（{t('unit.wan', lang)}）" if lang == "zh" else \
                f"{lever_name(lever, lang)} ({t('unit.wan', lang)})"
    for key in ("total", "p10", "p50", "p90", "one_time", "net"):
        cols[key] = t(f"plans.col.{key}", lang)
    for k in TYPES:
        cols[f"people_{k}"] = t(f"plans.col.people_{k}", lang)
    shown = frame[list(cols)].copy()
    for c in cols:
        if c == "year":
            continue
        shown[c] = shown[c].round(1) if c.startswith("people_") else (shown[c] / 1e4).round(1)
    return shown.rename(columns=cols)


def schedule_exhibit(r: Result, mc: MonteCarlo, lang: str, who: str, prefix: str = "sim") -> Exhibit:
    """The saving of each year, stacked by lever, with the total's P10–P90."""
    frame = schedule_frame(r, mc)
    levers = [lv for lv in LEVERS if lv in frame]
    if not levers:
        take = t("sim.takeaway.waterfall_none", lang)
    elif r.full_effect_year is not None:
        take = t("plans.takeaway.schedule", lang, who=who, first=frame["year"].iloc[0],
                 first_amount=fmt_approx(frame["total"].iloc[0], lang), year=r.full_effect_year,
                 annual=fmt_approx(r.annual_saving, lang))
    else:
        take = t("plans.takeaway.schedule_partial", lang, who=who, first=frame["year"].iloc[0],
                 first_amount=fmt_approx(frame["total"].iloc[0], lang), end=frame["year"].iloc[-1],
                 share=fmt_pct(float(r.in_effect[-1]), 0))
    stacks = pd.DataFrame({"year": frame["year"].repeat(len(levers)).to_numpy(), "lever": levers * len(frame),
                           "name": [lever_name(lv, lang) for lv in levers] * len(frame),
                           "saving": np.ravel(frame[levers].to_numpy())}) if levers else \
        pd.DataFrame(columns=["year", "lever", "name", "saving"])
    fig = sim_charts.schedule(stacks, frame[["year", "p10", "p50", "p90", "one_time"]], lang)
    take = take[:1].upper() + take[1:]
    return Exhibit(key=f"{prefix}-schedule", figure=fig, takeaway=take, data=schedule_table(frame, lang),
                   key_figures=((t("plans.kf.first_year", lang, year=int(frame["year"].iloc[0])),
                                 fmt_approx(frame["total"].iloc[0], lang)),))


def people_exhibit(r: Result, lang: str, who: str, prefix: str = "sim") -> Exhibit:
    """People released each year, by employment type."""
    by_type = r.people_by_type
    frame = pd.DataFrame({"year": list(r.years), **{k: by_type[i] for i, k in enumerate(TYPES)}})
    total = float(by_type.sum())
    if total < 0.05:
        take = t("plans.takeaway.people_none", lang, who=who)
    else:
        est = float(by_type[0].sum())
        take = t("plans.takeaway.people", lang, who=who, n=f"{total:,.0f}" if total >= 10 else f"{total:.1f}",
                 start=r.years[0], end=r.years[-1], established=f"{est:.1f}")
    data = pd.DataFrame({t("sim.col.year", lang): frame["year"],
                         **{t(f"plans.col.people_{k}", lang): frame[k].round(1) for k in TYPES}})
    by_lever = pd.DataFrame([(lever_name(lv, lang), *(r.people[j, i].sum() for j in range(len(TYPES))))
                             for i, lv in enumerate(LEVERS) if r.people[:, i].sum() > 0.05],
                            columns=["lever", *TYPES])
    take = take[:1].upper() + take[1:]
    return Exhibit(key=f"{prefix}-people", figure=sim_charts.people(frame, lang), takeaway=take, data=data,
                   key_figures=tuple((lv, f"{sum(v):.1f}") for lv, *v in by_lever.itertuples(index=False)))


# --- the do-nothing path beside the ledger ----------------------------------------------------------------
def history(p: Portfolio, plan: Plan) -> pd.DataFrame:
    """The scope's full cost in every year of the ledger [CNY]: ``year``, ``cost`` (items recorded in
    that year, costed as the base year is)."""
    costs = costing.arrangement_costs(p)
    ids = plan.items.loc[plan.items["in_scope"], "id"]
    g = costs.loc[costs["arrangement_id"].isin(ids)].groupby("year")["full_cost"].sum()
    return pd.DataFrame({"year": g.index.astype(int), "cost": g.to_numpy(dtype=float)})


def growth(first: float, last: float, years: int) -> float:
    """Mean annual growth from ``first`` to ``last`` over ``years`` years (NaN when it cannot be said)."""
    if years <= 0 or first <= 0 or last <= 0:
        return float("nan")
    return float((last / first) ** (1 / years) - 1)


def history_text(hist: pd.DataFrame, r: Result, lang: str) -> str:
    """The ledger's growth beside the projection's, and which factors the book uses."""
    if len(hist) < 2:
        return t("plans.history.short", lang)
    past = growth(float(hist["cost"].iloc[0]), float(hist["cost"].iloc[-1]), int(hist["year"].iloc[-1] - hist["year"].iloc[0]))
    ahead = growth(r.base_cost, float(r.baseline[-1]), len(r.years) + r.years[0] - r.plan.base_year - 1)
    key = "plans.history.above" if ahead - past > 0.01 else "plans.history.in_line"
    return t(key, lang, first=int(hist["year"].iloc[0]), last=int(hist["year"].iloc[-1]), past=fmt_pct(past, 1),
             ahead=fmt_pct(ahead, 1), wages=fmt_pct(r.plan.value("wage_growth"), 1),
             prices=fmt_pct(r.plan.value("price_inflation"), 1))
