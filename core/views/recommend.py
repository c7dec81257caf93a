"""What the Recommend page (最优方案), the meeting pack and the CLI show of the optimiser's plan: the
sentence a leader reads aloud, the plan as a grid, the frontiers, the reasons for each choice and
each binding constraint in words, and the figures ``python -m core optimise --json`` prints."""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.i18n import (
    approx_figure,
    fmt_approx,
    fmt_approx_range,
    fmt_money,
    fmt_num,
    fmt_pct,
    join,
    label,
    t,
)
from core.simulation import risk
from core.simulation.constraints import ALWAYS_ON, Constraints, Settings, constraints_json
from core.simulation.criteria import CRITERIA, Weights
from core.simulation.explain import Relaxation, binding, relaxations, why
from core.simulation.frontier import Frontier, frontier
from core.simulation.levers import DEFAULT_LEVERS, Levers, parse_levers, to_json
from core.simulation.option_groups import TYPES
from core.simulation.options import policy_of
from core.simulation.plan import prepare
from core.simulation.recommend import Recommendation, recommend
from core.simulation.risk import MonteCarlo
from core.store.repo import Portfolio
from core.views import recommend_charts
from core.views.exhibits import Exhibit, KeyFigure, PackOptions, SectionContent

VIEWS: tuple[str, ...] = ("plan", "frontier", "reasons", "method")
REASONS_SHOWN = 12  # cells explained in sentences (the table has them all)
Saved = tuple[tuple[str, str], ...]  # (name, levers JSON) of the saved scenarios to mark on the frontier


@dataclass(frozen=True)
class Analysis:
    """A recommendation and everything said about it."""

    rec: Recommendation
    why: pd.DataFrame  # empty without a plan
    binding: tuple[tuple[str, object], ...]
    relaxations: tuple[Relaxation, ...]
    frontier: Frontier | None
    mc: MonteCarlo | None  # the plan under the simulator's full Monte Carlo

    @property
    def found(self) -> bool:
        """Whether there is a plan."""
        return self.rec.found

    @property
    def npv(self) -> tuple[float, float, float]:
        """P10, P50 and P90 of the plan's NPV saving (the simulator's Monte Carlo) [CNY]."""
        if self.mc is None:
            return (float("nan"),) * 3
        q = self.mc.npv_quantiles()
        return float(q[0]), float(q[1]), float(q[2])


def analyse(p: Portfolio, levers: Levers | dict[str, Any] | str = DEFAULT_LEVERS, constraints: Constraints | None = None,
            settings: Settings | None = None, weights: Weights | None = None, saved: Saved = (), *,
            with_frontier: bool = True, explain: bool = True, draws: int = risk.DEFAULT_DRAWS,
            progress: Callable[[float], object] | None = None, items: pd.DataFrame | None = None) -> Analysis:
    """Recommend a plan under the policy levers of ``levers`` and say why (seeded: the same every time)."""
    step = progress or (lambda f: None)
    rec = recommend(p, levers, constraints, settings, weights, items=items, progress=lambda f: step(0.3 * f))
    if not rec.found or rec.choice is None or rec.levers is None:
        step(1.0)
        return Analysis(rec=rec, why=pd.DataFrame(), binding=(), relaxations=(), frontier=None, mc=None)
    pr, sol, choice = rec.problem, rec.solution, rec.choice
    found = binding(pr, sol, choice)
    table = why(pr, sol, choice, found)
    plan = prepare(p, rec.levers, items)
    mc = risk.monte_carlo(plan, risk.uncertain_inputs(p.book), draws=draws, seed=pr.settings.seed)
    step(0.4)
    relaxed = relaxations(pr, sol, choice, found, progress=lambda f: step(0.4 + 0.25 * f)) if explain else ()
    front = None
    if with_frontier:
        saved_frame = pd.DataFrame(list(saved), columns=["name", "levers"])
        front = frontier(p, rec, saved_frame, progress=lambda f: step(0.65 + 0.35 * f))
    step(1.0)
    return Analysis(rec=rec, why=table, binding=found, relaxations=relaxed, frontier=front, mc=mc)


def page_analysis(p: Portfolio, levers: Levers, constraints: Constraints, settings: Settings, weights: Weights,
                  saved: Saved, part: str, *, progress: Callable[[float], object] | None = None,
                  items: pd.DataFrame | None = None) -> Analysis:
    """What one view of the page needs: the plan alone (``plan``, ``method``), with the worth of
    relaxing each binding constraint (``reasons``), or with the frontiers (``frontier``)."""
    return analyse(p, levers, constraints, settings, weights, saved, with_frontier=part == "frontier",
                   explain=part == "reasons", progress=progress, items=items)


# --- words ----------------------------------------------------------------------------------------
def cell_name(building: str, service: str, lang: str) -> str:
    """“市行政中心 · 保洁”."""
    return f"{building} · {label('service', service, lang)}"


def group_text(group: str, a: Analysis | Recommendation, lang: str) -> str:
    """A constraint group in plain words, with its value."""
    rec = a.rec if isinstance(a, Analysis) else a
    pr = rec.problem
    c = pr.constraints
    if group.startswith(("lock:", "force:")):
        kind, key = group.split(":", 1)
        b, s = key.split("|")
        if kind == "lock":
            return t("rec.group.lock", lang, cell=cell_name(b, s, lang))
        to = next(f.to.value for f in c.forces if (f.building, f.service.value) == (b, s))
        return t("rec.group.force", lang, cell=cell_name(b, s, lang), to=label("delivery", to, lang))
    values = {
        "hurdle": fmt_pct(pr.hurdle_rate, 0), "vendor_quality": fmt_num(pr.quality_floor, 0),
        "people": fmt_num(c.people_per_year.value or 0), "budget": fmt_money(c.budget_per_year.value or 0.0, lang),
        "max_lots": fmt_num(c.max_lots.value or 0), "hhi": fmt_num(c.hhi_cap.value or 0),
        "noncost": f"{c.noncost_floor.value or 0:.2f}",
    }
    return t(f"rec.group.{group}", lang, v=values.get(group, ""))


def conflict_text(a: Analysis | Recommendation, lang: str) -> str:
    """Why there is no plan, in one sentence naming the constraints in conflict."""
    rec = a.rec if isinstance(a, Analysis) else a
    if rec.solution.status == "time_limit":
        return t("rec.no_plan.time", lang, s=fmt_num(rec.problem.settings.time_limit))
    if not rec.conflict:
        return t("rec.no_plan.other", lang, status=rec.solution.status)
    names = [group_text(g, rec, lang) for g in rec.conflict]
    can_relax = [g for g in rec.conflict if g not in ALWAYS_ON]
    return t("rec.no_plan.conflict", lang, groups=join((f"“{n}”" for n in names), lang),
             relax=join((f"“{group_text(g, rec, lang)}”" for g in can_relax), lang) or "—")


def headline(a: Analysis, lang: str) -> str:
    """The plan in one sentence a leader can read aloud."""
    if not a.found:
        return conflict_text(a, lang)
    rec = a.rec
    assert rec.choice is not None and rec.evaluated is not None
    p10, _, p90 = a.npv
    years = rec.options.years
    pooled = t("rec.headline.pooled", lang) if rec.choice.pooling else ""
    return t("rec.headline", lang, n=len(rec.choice.chosen), k=len(rec.choice.lots), pooled=pooled,
             start=years[0], end=years[-1], mean=fmt_approx(rec.evaluated.mean, lang),
             range=fmt_approx_range(p10, p90, lang),
             gain=fmt_approx(rec.evaluated.mean - float(rec.options.constant.mean()), lang),
             score=f"{rec.noncost:.2f}", now=f"{rec.noncost_now:.2f}", people=fmt_num(rec.people.sum()))


def metrics(a: Analysis, lang: str) -> tuple[tuple[str, str, str], ...]:
    """The page's metric tiles: label, a short figure, and the help that says the rest."""
    rec = a.rec
    if rec.evaluated is None:
        return ()
    p10, _, p90 = a.npv
    unit = t("unit.approx", lang)  # approx_figure's unit: 万元 in Chinese, CNY millions in English
    return (
        (f"{t('rec.kf.mean', lang)}（{unit}）" if lang == "zh" else f"{t('rec.kf.mean', lang)} ({unit})",
         approx_figure(rec.evaluated.mean, lang), t("rec.kf.range_help", lang, range=fmt_approx_range(p10, p90, lang))),
        (t("rec.kf.cvar_tile", lang, a=fmt_pct(rec.problem.settings.alpha, 0), unit=unit),
         approx_figure(rec.evaluated.cvar, lang),
         t("rec.kf.cvar_help", lang)),
        (t("rec.kf.noncost", lang), f"{rec.noncost:.2f}", f"{t('rec.kf.now', lang)} {rec.noncost_now:.2f}"),
        (t("rec.kf.people", lang), fmt_num(rec.people.sum()),
         join((f"{t(f'rec.type.{typ}', lang)} {fmt_num(rec.people[i].sum())}" for i, typ in enumerate(TYPES)), lang)),
        (t("rec.kf.changes", lang), fmt_num(len(rec.choice.chosen) if rec.choice else 0), lots_text(a, lang)),
    )


def key_figures(a: Analysis, lang: str) -> tuple[KeyFigure, ...]:
    """The plan's headline figures."""
    rec = a.rec
    if not a.found or rec.evaluated is None:
        return ((t("rec.kf.status", lang), t(f"rec.status.{rec.solution.status}", lang)),)
    p10, _, p90 = a.npv
    s = rec.solution
    return (
        (t("rec.kf.mean", lang), fmt_approx(rec.evaluated.mean, lang)),
        (t("rec.kf.range", lang), fmt_approx_range(p10, p90, lang)),
        (t("rec.kf.cvar", lang, a=fmt_pct(rec.problem.settings.alpha, 0)), fmt_approx(rec.evaluated.cvar, lang)),
        (t("rec.kf.noncost", lang), f"{rec.noncost:.2f} ({t('rec.kf.now', lang)} {rec.noncost_now:.2f})"),
        (t("rec.kf.people", lang), fmt_num(rec.people.sum())),
        (t("rec.kf.solver", lang), t("rec.kf.solver_value", lang, status=t(f"rec.status.{s.status}", lang),
                                     gap=fmt_pct(max(s.gap, 0.0), 2), s=f"{s.seconds:.2f}")),
    )


def reasons(a: Analysis, lang: str) -> list[str]:
    """Sentences on the cells that change (largest first) and on those a constraint keeps back."""
    if not a.found:
        return []
    w = a.why
    out = []
    changed = w.loc[w["now"] != w["to"]].sort_values("value", ascending=False)
    for r in changed.head(REASONS_SHOWN).itertuples():
        # a cell that alone does worse than its next best (or than today) is chosen for the plan as a whole:
        # the lot it joins, or the staff pool, is what saves; the sentence says so instead of a negative lead
        alone = r.margin < 0 or r.value < 0
        out.append(t("rec.reason.changed_for_plan" if alone else "rec.reason.changed", lang,
                     cell=cell_name(r.building, r.service, lang), frm=label("delivery", r.now, lang),
                     to=label("delivery", r.to, lang), value=fmt_money(r.value, lang),
                     next=label("delivery", r.next, lang), margin=fmt_money(abs(r.margin), lang)))
    held = w.loc[w["binding"] != ""].sort_values("forgone", ascending=False)
    for r in held.head(REASONS_SHOWN).itertuples():
        out.append(t("rec.reason.held", lang, cell=cell_name(r.building, r.service, lang), to=label("delivery", r.to, lang),
                     better=label("delivery", r.better, lang), forgone=fmt_money(r.forgone, lang),
                     why=group_text(r.binding, a, lang)))
    if len(changed) > REASONS_SHOWN:
        out.append(t("rec.reason.more", lang, n=len(changed) - REASONS_SHOWN))
    return out


def relaxation_text(r: Relaxation, a: Analysis, lang: str) -> str:
    """What relaxing one constraint would be worth, in one sentence."""
    gain = t("rec.relax.none", lang) if not r.gain > 1.0 else t("rec.relax.gain", lang, gain=fmt_money(r.gain, lang))
    if r.status not in ("optimal", "time_limit"):
        gain = t("rec.relax.failed", lang)
    what = {
        "people": lambda: t("rec.relax.people", lang, year=r.key, n=fmt_num(r.step)),
        "budget": lambda: t("rec.relax.budget", lang, year=r.key, v=fmt_money(r.step, lang)),
        "max_lots": lambda: t("rec.relax.max_lots", lang),
        "hhi": lambda: t("rec.relax.hhi", lang, v=fmt_num(r.step)),
        "noncost": lambda: t("rec.relax.noncost", lang, v=f"{r.step:.1f}"),
        "vendor_quality": lambda: t("rec.relax.vendor_quality", lang, v=fmt_num(r.step)),
    }.get(r.group, lambda: t("rec.relax.off", lang, name=group_text(r.group, a, lang)))()
    return what + gain


def binding_sentences(a: Analysis, lang: str) -> list[str]:
    """Each binding constraint and what relaxing it would be worth."""
    if not a.found:
        return []
    out = [relaxation_text(r, a, lang) for r in a.relaxations]
    told = {(r.group, r.key) for r in a.relaxations}
    for group, key in a.binding:
        if (group, key) not in told and group not in ALWAYS_ON:
            out.append(t("rec.binding", lang, name=group_text(group, a, lang), key="" if key is None else f"（{key}）"))
    return out or [t("rec.binding.none", lang)]


# --- tables ---------------------------------------------------------------------------------------
def grid_cells(a: Analysis) -> pd.DataFrame:
    """Every cell with today's and the recommended delivery and the choice's value [CNY]."""
    return a.why[["building", "service", "now", "to", "value"]] if a.found else pd.DataFrame()


def changes_table(a: Analysis, lang: str) -> pd.DataFrame:
    """The cells the plan changes: from, to, annual saving, NPV against keeping and against the next best."""
    if not a.found:
        return pd.DataFrame()
    w = a.why.loc[a.why["now"] != a.why["to"]].sort_values("value", ascending=False)
    t_ = a.rec.options.table
    annual = t_.set_index(["cell", "to"])["annual0"]
    return pd.DataFrame({
        t("common.building", lang): w["building"], t("common.service", lang): w["service"].map(lambda s: label("service", s, lang)),
        t("rec.col.from", lang): w["now"].map(lambda d: label("delivery", d, lang)),
        t("rec.col.to", lang): w["to"].map(lambda d: label("delivery", d, lang)),
        t("rec.col.annual_wan", lang): [round(float(annual.get((c, d), np.nan)) / 1e4, 1) for c, d in zip(w["cell"], w["to"])],
        t("rec.col.value_wan", lang): (w["value"] / 1e4).round(1),
        t("rec.col.next", lang): w["next"].map(lambda d: label("delivery", d, lang)),
        t("rec.col.margin_wan", lang): (w["margin"] / 1e4).round(1),
    })


def people_table(a: Analysis, lang: str) -> pd.DataFrame:
    """In-house staff the plan affects, by employment type and year, and one-time costs per year."""
    if not a.found or a.rec.result is None:
        return pd.DataFrame()
    years = a.rec.options.years
    frame = pd.DataFrame({t("sim.col.year", lang): list(years)})
    for i, typ in enumerate(TYPES):
        frame[t(f"rec.type.{typ}", lang)] = a.rec.people[i].round(1)
    frame[t("rec.col.one_time_wan", lang)] = (a.rec.result.one_time / 1e4).round(1)
    return frame


def criteria_table(p: Portfolio, lang: str) -> pd.DataFrame:
    """The store's non-cost scores of every service × delivery, with their basis and source."""
    d = p.noncost
    if not len(d):
        return pd.DataFrame()
    return pd.DataFrame({
        t("common.service", lang): d["service"].map(lambda s: label("service", s, lang)),
        t("rec.col.delivery", lang): d["delivery"].map(lambda x: label("delivery", x, lang)),
        **{t(f"rec.crit.{c}", lang): d[c] for c in CRITERIA},
        t("sim.col.basis", lang): d["basis"].map(lambda b: label("basis", b, lang)), t("sim.col.source", lang): d["source"],
    })


def lots_text(a: Analysis, lang: str) -> str:
    """The bundled services and their lots, in words."""
    if not a.found or a.rec.choice is None or not a.rec.choice.lots:
        return t("rec.lots.none", lang)
    return t("rec.lots", lang, lots=join((t("rec.lots.one", lang, s=label("service", s, lang), k=k)
                                          for s, k in a.rec.choice.lots.items()), lang))


def method_text(a: Analysis, lang: str) -> str:
    """How the plan was found: solver, status, gap, time, size, and how far its own figure is from the simulator's."""
    rec = a.rec
    s, st = rec.solution, rec.problem.settings
    text = t("rec.method.solver", lang, status=t(f"rec.status.{s.status}", lang), gap=fmt_pct(max(s.gap, 0.0) if s.found else 0.0, 3),
             s=f"{s.seconds:.2f}", vars=fmt_num(s.variables), ints=fmt_num(s.integers), rows=fmt_num(s.constraints),
             limit=fmt_num(st.time_limit), target=fmt_pct(st.mip_rel_gap, 2), draws=fmt_num(rec.options.draws))
    if rec.own is not None and rec.evaluated is not None:
        text += t("rec.method.difference", lang, own=fmt_money(rec.own.mean, lang), sim=fmt_money(rec.evaluated.mean, lang),
                  diff=fmt_money(rec.difference, lang), pct=fmt_pct(rec.difference / rec.evaluated.mean if rec.evaluated.mean else 0, 2),
                  refined=rec.refined)
    return text


# --- exhibits ---------------------------------------------------------------------------------------
def grid_exhibit(a: Analysis, p: Portfolio, lang: str, prefix: str = "rec") -> Exhibit:
    """The plan as a building × service grid coloured by delivery."""
    cells = grid_cells(a)
    data = pd.DataFrame({
        t("common.building", lang): cells["building"], t("common.service", lang): cells["service"].map(lambda s: label("service", s, lang)),
        t("rec.col.from", lang): cells["now"].map(lambda d: label("delivery", d, lang)),
        t("rec.col.to", lang): cells["to"].map(lambda d: label("delivery", d, lang)),
        t("rec.col.value_wan", lang): (cells["value"] / 1e4).round(1),
    })
    assert a.rec.choice is not None
    take = t("rec.takeaway.grid", lang, n=len(a.rec.choice.chosen), cells=len(cells), lots=lots_text(a, lang))
    return Exhibit(key=f"{prefix}-grid", figure=recommend_charts.plan_grid(cells, list(p.services["code"]), lang),
                   takeaway=take, data=data, key_figures=key_figures(a, lang)[:2])


def frontier_exhibits(a: Analysis, lang: str, prefix: str = "rec") -> list[Exhibit]:
    """Expected saving against risk (CVaR) and against the non-cost score, saved scenarios marked."""
    f = a.frontier
    if f is None or a.rec.evaluated is None:
        return []
    ev = a.rec.evaluated
    alpha = fmt_pct(f.alpha, 0)
    out = []
    for kind, x, title_key, x_key, chosen in (
        ("risk", "cvar", "rec.frontier.risk_title", "rec.axis.cvar", (ev.cvar, ev.mean)),
        ("noncost", "noncost", "rec.frontier.noncost_title", "rec.axis.noncost", (a.rec.noncost, ev.mean)),
    ):
        pts = f.points.loc[f.points["kind"] == kind]
        if kind == "noncost":  # the expected-NPV plan starts the non-cost frontier
            pts = pd.concat([pts, pd.DataFrame([{"kind": kind, "mean": ev.mean, "noncost": a.rec.noncost}])],
                            ignore_index=True)
        fig = recommend_charts.frontier_chart(pts, f.saved, chosen, x=x, x_title=t(x_key, lang, a=alpha),
                                              title=t(title_key, lang, a=alpha), lang=lang)
        good = pts.dropna(subset=["mean"])
        take = t(f"rec.takeaway.{kind}", lang, n=len(good),
                 lo=fmt_money(float(good["mean"].min()), lang) if len(good) else "—",
                 hi=fmt_money(float(good["mean"].max()), lang) if len(good) else "—",
                 low_score=f"{good['noncost'].min():.2f}" if len(good) else "—",
                 high_score=f"{good['noncost'].max():.2f}" if len(good) else "—", a=alpha)
        data = pd.concat([
            pd.DataFrame({t("rec.col.point", lang): [t(f"rec.point.{kind}", lang, v=v) for v in pts["setting"].fillna(-1)],
                          t("rec.col.mean_wan", lang): (pts["mean"] / 1e4).round(1),
                          t("rec.col.p10_wan", lang): (pts["p10"] / 1e4).round(1),
                          t("rec.col.cvar_wan", lang, a=alpha): (pts["cvar"] / 1e4).round(1),
                          t("rec.col.noncost", lang): pts["noncost"].round(2)}),
            pd.DataFrame({t("rec.col.point", lang): f.saved["name"], t("rec.col.mean_wan", lang): (f.saved["mean"] / 1e4).round(1),
                          t("rec.col.p10_wan", lang): (f.saved["p10"] / 1e4).round(1),
                          t("rec.col.cvar_wan", lang, a=alpha): (f.saved["cvar"] / 1e4).round(1),
                          t("rec.col.noncost", lang): f.saved["noncost"].round(2)}),
        ], ignore_index=True)
        out.append(Exhibit(key=f"{prefix}-frontier-{kind}", figure=fig, takeaway=take, data=data))
    return out


# --- the meeting pack and the CLI ---------------------------------------------------------------------
def recommend_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Recommend page's part of the pack: the plan under the policy levers of the first chosen
    scenario (else the page's defaults) and the default constraints, its grid and frontiers."""
    levers = parse_levers(options.scenarios[0].levers) if options.scenarios else DEFAULT_LEVERS
    saved = tuple((s.name, json.dumps(s.levers, ensure_ascii=False)) for s in options.scenarios)
    a = analyse(p, levers, saved=saved, explain=False)
    if not a.found:
        return SectionContent(exhibits=(), key_figures=((t("page.recommend", lang), conflict_text(a, lang)),))
    return SectionContent(exhibits=(grid_exhibit(a, p, lang), *frontier_exhibits(a, lang)), key_figures=key_figures(a, lang),
                          assumptions=("hurdle_rate", "admission_min_score", "discount_rate", "bundling_max_saving",
                                       "bundling_scale_m2", "staff_pooling_realisation"))


def summary(a: Analysis, name: str | None = None) -> dict[str, Any]:
    """The figures ``python -m core optimise --json`` prints [CNY]."""
    rec = a.rec
    s = rec.solution
    out: dict[str, Any] = {
        "scenario": name, "objective": rec.problem.settings.objective, "alpha": rec.problem.settings.alpha,
        "status": s.status, "gap": None if not s.found else round(max(s.gap, 0.0), 6), "seconds": round(s.seconds, 3),
        "variables": s.variables, "constraints": s.constraints, "integers": s.integers,
        "policy_levers": json.loads(to_json(policy_of(rec.options.policy))),
        "constraint_set": json.loads(constraints_json(rec.problem.constraints)),
    }
    if not a.found or rec.choice is None or rec.evaluated is None or rec.own is None or rec.levers is None:
        out["conflict"] = list(rec.conflict)
        out["message"] = conflict_text(a, "en")
        return out
    p10, p50, p90 = a.npv
    w = a.why
    out.update({
        "objective_value": round(rec.objective_value(rec.own), 2),
        "optimiser_npv_mean": round(rec.own.mean, 2), "evaluated_npv_mean": round(rec.evaluated.mean, 2),
        "approximation_difference": round(rec.difference, 2),
        "npv_saving_p10": round(p10, 2), "npv_saving_p50": round(p50, 2), "npv_saving_p90": round(p90, 2),
        "noncost_score": round(rec.noncost, 4), "noncost_score_today": round(rec.noncost_now, 4),
        "cells": [{"building": r.building, "service": r.service, "from": r.now, "to": r.to,
                   "npv_vs_keep": round(float(r.value), 2), "next_best": r.next, "margin": round(float(r.margin), 2),
                   "binding": r.binding or None} for r in w.itertuples()],
        "lots": rec.choice.lots, "staff_pooling": rec.choice.pooling,
        "binding_constraints": [{"group": g, "key": k} for g, k in a.binding],
        "relaxations": [{"group": r.group, "key": r.key, "step": r.step, "gain": round(r.gain, 2)} for r in a.relaxations],
        "people_affected": {typ: [round(float(v), 2) for v in rec.people[i]] for i, typ in enumerate(TYPES)},
        "years": list(rec.options.years), "levers": json.loads(to_json(rec.levers)),
    })
    return out
