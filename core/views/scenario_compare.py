"""Saved scenarios side by side (方案比较): key figures, distributions, savings by lever and the saved list, and the Scenarios page's part of the meeting pack."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.i18n import fmt_approx, fmt_chance, fmt_money, fmt_pct, join, t
from core.simulation.levers import LEVERS, LeverError, parse_levers
from core.store.repo import Portfolio
from core.views import sim_charts, sim_figures
from core.views.exhibits import Exhibit, PackOptions, SectionContent
from core.views.simulator import (
    PACK_ASSUMPTIONS,
    Analysis,
    _pack_analyses,
    fan_table,
    lever_name,
    levers_in_words,
    sentence,
    who,
)


# --- saved scenarios side by side ---------------------------------------------------------------
def comparison_table(named: Sequence[tuple[str, Analysis]], lang: str) -> pd.DataFrame:
    """Key figures of two to four scenarios: one row per figure, one column per scenario."""
    rows: list[tuple[str, list[str]]] = [
        (t("sim.kf.npv_p50", lang), [fmt_approx(a.npv[1], lang) for _, a in named]),
        (t("sim.kf.npv_p10", lang), [fmt_approx(a.npv[0], lang) for _, a in named]),
        (t("sim.kf.npv_p90", lang), [fmt_approx(a.npv[2], lang) for _, a in named]),
        (t("sim.kf.prob_positive", lang), [fmt_chance(a.mc.prob_positive, lang) for _, a in named]),
        (t("sim.kf.prob_beats", lang), [fmt_chance(a.mc.prob_beats, lang) for _, a in named]),
        (t("plans.kf.budget_short", lang), [sim_figures.budget_value(a.figures, lang) for _, a in named]),
        (t("sim.kf.annual_short", lang), [fmt_approx(a.result.annual_saving, lang) for _, a in named]),
        (t("plans.tile.full", lang), [sim_figures.full_effect_text(a.figures, lang) for _, a in named]),
        (t("plans.tile.people", lang), [sim_figures.people_text(a.figures, lang) for _, a in named]),
        (t("sim.kf.transition", lang), [fmt_approx(a.result.transition_total, lang) for _, a in named]),
        (t("sim.kf.payback", lang), [sim_figures.payback_text(a.figures, lang) for _, a in named]),
        (t("sim.kf.volatility", lang), [f"{fmt_pct(a.volatility.before, 1)} → {fmt_pct(a.volatility.after, 1)}"
                                        if pd.notna(a.volatility.before) else "—" for _, a in named]),
        (t("sim.kf.years", lang), [f"{a.result.years[0]}–{a.result.years[-1]}" for _, a in named]),
        (t("sim.kf.levers", lang), [levers_in_words(a.levers, lang) for _, a in named]),
    ]
    out = pd.DataFrame({t("sim.col.figure", lang): [r[0] for r in rows]})
    for i, (name, _) in enumerate(named):
        out[name] = [r[1][i] for r in rows]
    return out


def comparison_exhibits(named: Sequence[tuple[str, Analysis]], lang: str,
                        colors: dict[str, str] | None = None) -> list[Exhibit]:
    """Saved scenarios side by side: key figures, overlaid NPV distributions, savings by lever, and
    the median net saving per year; ``colors`` gives each scenario its one colour (see
    :func:`core.views.sim_charts.scenario_palette`)."""
    names = [n for n, _ in named]
    table = comparison_table(named, lang)
    best = max(named, key=lambda x: x[1].npv[1])
    surest = max(named, key=lambda x: x[1].mc.prob_positive)
    # the chart leaves out the levers used (long text; the pack lists every scenario's levers anyway)
    figures = Exhibit(
        key="scenarios-figures", figure=sim_charts.figures_table(table.iloc[:-1], t("sim.compare.figures_title", lang)),
        takeaway=sentence(t("sim.takeaway.compare", lang, best=who(best[0], lang), p50=fmt_money(best[1].npv[1], lang),
                            surest=who(surest[0], lang), prob=fmt_chance(surest[1].mc.prob_positive, lang))),
        data=table)

    lo = min(float(a.mc.npv.min()) for _, a in named)
    hi = max(float(a.mc.npv.max()) for _, a in named)
    edges = np.linspace(lo, hi, 41) if hi > lo else np.array([lo - 0.5, hi + 0.5])
    hists = []
    for n, a in named:
        counts, _ = a.mc.histogram(edges=edges)
        h = pd.DataFrame({"low": edges[:-1], "high": edges[1:], "share": counts / max(1, a.mc.draws)})
        h.attrs["p50"] = a.npv[1]
        hists.append((n, h))
    widest = max(named, key=lambda x: x[1].npv[2] - x[1].npv[0])
    dist = Exhibit(
        key="scenarios-npv", figure=sim_charts.scenario_distributions(hists, lang, colors),
        takeaway=t("sim.takeaway.compare_dist", lang, names=join(names, lang), widest=who(widest[0], lang),
                   low=fmt_money(widest[1].npv[0], lang), high=fmt_money(widest[1].npv[2], lang)),
        data=pd.DataFrame({t("sim.col.from_wan", lang): (edges[:-1] / 1e4).round(1),
                           t("sim.col.to_wan", lang): (edges[1:] / 1e4).round(1),
                           **{f"{n} (%)": (h["share"] * 100).round(2) for n, h in hists}}))

    long = []
    for n, a in named:
        w = a.result.waterfall.set_index("lever")["saving"]
        long += [(lever_name(k, lang), n, float(w.get(k, 0.0))) for k in LEVERS]
    levers = pd.DataFrame(long, columns=["lever", "scenario", "saving"])
    levers = levers.loc[levers.groupby("lever")["saving"].transform(lambda s: s.abs().max()) > 0]
    by_lever = levers.pivot_table(index="lever", columns="scenario", values="saving", sort=False)
    spread = (by_lever.max(axis=1) - by_lever.min(axis=1)) if len(by_lever) else pd.Series(dtype=float)
    lever_take = (t("sim.takeaway.compare_levers", lang, lever=spread.idxmax(), amount=fmt_money(float(spread.max()), lang))
                  if len(spread) and spread.max() > 0 else t("sim.takeaway.waterfall_none", lang))
    lever_ex = Exhibit(
        key="scenarios-levers", figure=sim_charts.scenario_levers(levers, lang, colors), takeaway=lever_take,
        data=by_lever.div(1e4).round(1).reset_index().rename(columns={"lever": t("sim.col.lever", lang)}))

    paths = pd.concat([fan_table(a)[["year", "p50"]].assign(scenario=n) for n, a in named], ignore_index=True)
    last = paths.loc[paths["year"] == paths["year"].max()]
    top = last.loc[last["p50"].idxmax()]
    paths_ex = Exhibit(
        key="scenarios-paths", figure=sim_charts.scenario_paths(paths, lang, colors),
        takeaway=t("sim.takeaway.compare_paths", lang, year=int(top["year"]), best=who(str(top["scenario"]), lang),
                   p50=fmt_money(float(top["p50"]), lang)),
        data=paths.pivot_table(index="year", columns="scenario", values="p50", sort=False).div(1e4).round(1)
        .reset_index().rename(columns={"year": t("sim.col.year", lang)}))
    return [figures, dist, lever_ex, paths_ex]


def scenarios_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Scenarios page's part of the pack: the chosen scenarios side by side (two or more)."""
    if len(options.scenarios) < 2:
        return SectionContent(exhibits=())
    colors = {s.name: s.color for s in options.scenarios if s.color}
    return SectionContent(exhibits=tuple(comparison_exhibits(_pack_analyses(p, options)[:4], lang, colors)),
                          assumptions=PACK_ASSUMPTIONS)


def saved_table(saved: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The saved scenarios (:func:`core.store.scenario_rows.list_scenarios`) for reading: name, owner, description,
    version, last update and the levers used."""
    def used(text: str) -> str:
        try:
            return levers_in_words(parse_levers(text), lang)
        except LeverError:
            return "—"

    updated = pd.to_datetime(saved["updated_at"], utc=True).dt.strftime("%Y-%m-%d %H:%M")
    return pd.DataFrame({
        t("scen.col.name", lang): saved["name"], t("scen.col.levers", lang): saved["levers"].map(used),
        t("scen.col.description", lang): saved["description"], t("scen.col.owner", lang): saved["owner"],
        t("scen.col.version", lang): saved["version"].astype(int), t("scen.col.updated", lang): updated,
    })
