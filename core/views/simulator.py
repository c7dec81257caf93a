"""What the Consolidation and Scenarios pages and the meeting pack show of a scenario: the sentence a
leader reads aloud and its tiles (:mod:`core.views.sim_figures`), the exhibits (savings waterfall, the
schedule by lever and year and the people it affects (:mod:`core.views.schedule`), cost paths beside
the ledger's history, fan chart, NPV distribution with the hurdle, tornado), and the tables behind them.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.i18n import fmt_approx, fmt_approx_range, fmt_chance, fmt_money, fmt_num, fmt_pct, join, label, t
from core.simulation import risk
from core.simulation.levers import DELIVERIES, LEVERS, LeverError, Levers, parse_levers, to_json
from core.simulation.model import Result, run
from core.simulation.people import TYPES
from core.simulation.plan import DELAY, MODEL_INPUTS, PLAN_FACTORS, RAMP, REALISATION, prepare
from core.simulation.risk import MonteCarlo, Uncertain, Volatility
from core.store import text
from core.store.repo import Portfolio
from core.views import schedule, sim_charts, sim_figures
from core.views.exhibits import Exhibit, KeyFigure, PackOptions, SectionContent
from core.views.sim_figures import Figures

PCT_KEYS = frozenset({"wage_growth", "price_inflation", "discount_rate", "on_cost_rate", "overhead_rate",
                      "supervision_rate", "contract_admin_rate", "management_fee_rate", "vat_rate", "hurdle_rate",
                      "unified_mgmt_saving_rate", "bundling_max_saving", "energy_saving_rate", "retender_fail_prob",
                      "attrition_established", "redeployment_rate", "protected_share", *REALISATION.values()})
MONTH_KEYS = frozenset({"handover_overlap_months", "retender_delay_months", "dispatch_return_months",
                        *DELAY.values(), *RAMP.values()})
VIEWS: tuple[str, ...] = ("savings", "schedule", "risk", "details", "method")


# --- the analysis of one scenario -----------------------------------------------------------------
@dataclass(frozen=True)
class Analysis:
    """A scenario at the book's values and under uncertainty: everything its pages show."""

    result: Result
    mc: MonteCarlo
    tornado: pd.DataFrame
    volatility: Volatility
    inputs: tuple[Uncertain, ...]
    figures: Figures  # the key figures, as the sentence, the tiles and the pack give them
    history: pd.DataFrame  # the scope's full cost in every year of the ledger: year, cost

    @functools.cached_property
    def sobol(self) -> pd.DataFrame:
        """The Sobol indices of the uncertain factors, computed when first asked (only the risk view and the
        pack show them; a third of the analysis's time, not spent on every lever change)."""
        return risk.sobol(self.result.plan, self.inputs, seed=self.mc.seed)

    @property
    def levers(self) -> Levers:
        """The scenario's levers."""
        return self.result.plan.levers

    @property
    def npv(self) -> tuple[float, float, float]:
        """P10, P50 and P90 of the NPV saving [CNY]."""
        q = self.mc.npv_quantiles()
        return float(q[0]), float(q[1]), float(q[2])

    @property
    def empty(self) -> bool:
        """Whether the scenario uses no lever at all."""
        return not self.levers.enabled()


def analyse(p: Portfolio, levers: Levers | dict[str, Any] | str, draws: int = risk.DEFAULT_DRAWS,
            seed: int = risk.DEFAULT_SEED, *, progress: Callable[[float], object] | None = None,
            items: pd.DataFrame | None = None) -> Analysis:
    """Prepare, run, simulate and test the sensitivity of a scenario (seeded: the same every time; the
    Sobol indices when first asked).
    ``items`` is :func:`core.simulation.model.base_items` of ``p`` when already at hand."""
    plan = prepare(p, levers, items)
    if progress:
        progress(0.05)
    inputs = risk.uncertain_inputs(p.book)
    mc = risk.monte_carlo(plan, inputs, draws=draws, seed=seed,
                          progress=(lambda f: progress(0.7 * f)) if progress else None)
    tornado = risk.tornado(plan, inputs)
    if progress:
        progress(1.0)
    r = run(plan)
    return Analysis(result=r, mc=mc, tornado=tornado, volatility=risk.budget_volatility(p, plan),
                    inputs=inputs, figures=sim_figures.figures(r, mc), history=schedule.history(p, plan))


def analysed(p: Portfolio, levers: Levers | dict[str, Any] | str) -> Analysis:
    """:func:`analyse` at the default draws and seed, kept with the portfolio: the pack's briefing,
    cover and sections read one analysis of a scenario rather than three."""
    key = to_json(parse_levers(levers))
    return p.derived(f"analysis:{key}", lambda: analyse(p, key))


# --- words and figures --------------------------------------------------------------------------
def lever_name(lever: str, lang: str) -> str:
    """A lever's name in ``lang``."""
    return t(f"sim.lever.{lever}", lang)


def sentence(text: str) -> str:
    """A sentence starting with a capital (“scenario …” at the start of an English sentence)."""
    return text[:1].upper() + text[1:]


def who(name: str | None, lang: str) -> str:
    """The scenario as named in a sentence: “全面整合” or “this scenario”."""
    return t("sim.named", lang, name=name) if name else t("sim.this_scenario", lang)


def payback_text(a: Analysis, lang: str) -> str:
    """When the transition costs are paid back, in words."""
    return sim_figures.payback_text(a.figures, lang)


def headline(a: Analysis, lang: str, name: str | None = None) -> str:
    """The key figures in the sentences a leader reads aloud (:func:`core.views.sim_figures.headline`)."""
    return sim_figures.headline(a.figures, lang, who(name, lang))


def key_figures(a: Analysis, lang: str) -> tuple[KeyFigure, ...]:
    """The headline figures, worded and rounded as on the tiles: NPV saving and its 80% range, chance of
    saving, the first budget year's cut, full effect, people affected, one-time costs."""
    f = a.figures
    p10, p50, p90 = f.npv
    return (
        (t("sim.kf.npv_p50", lang), fmt_approx(p50, lang)),
        (t("sim.kf.npv_range", lang), fmt_approx_range(p10, p90, lang)),
        (t("sim.kf.prob_positive", lang), fmt_chance(f.chance, lang)),
        (t("plans.kf.budget_year", lang, year=f.budget_year), sim_figures.budget_value(f, lang)),
        (t("plans.tile.full", lang), sim_figures.full_effect_text(f, lang)),
        (t("plans.tile.people", lang), sim_figures.people_text(f, lang)),
        (t("sim.kf.transition", lang), fmt_approx(f.one_time, lang)),
        (t("sim.kf.payback", lang), payback_text(a, lang)),
    )


def factor_text(key: str, value: float, lang: str) -> str:
    """A factor's value as a reader expects it: rates in percent, areas in m², money in 万元."""
    if value is None or pd.isna(value):
        return "—"
    if key in PCT_KEYS:
        return fmt_pct(value, 1)
    if key == "bundling_scale_m2":
        return f"{value:,.0f} ㎡"
    if key == "tendering_cost_per_lot":
        return fmt_money(value, lang)
    if key in MONTH_KEYS:
        return t("sim.months", lang, n=f"{value:g}")
    if key == "city_avg_monthly_wage":
        return fmt_num(value) + (" 元/月" if lang == "zh" else " CNY/month")
    return f"{value:.2f}"


def _scenario_cost_share(r: Result) -> float:
    return r.annual_saving / r.base_cost if r.base_cost else 0.0


# --- exhibits ------------------------------------------------------------------------------------
def exhibits(a: Analysis, lang: str, name: str | None = None, prefix: str = "sim") -> list[Exhibit]:
    """The scenario's exhibits: waterfall, schedule by year, people affected, cost paths, fan chart, NPV
    distribution, tornado. ``prefix`` starts every key (the pack gives each scenario its own)."""
    return [waterfall_exhibit(a, lang, name, prefix), schedule_exhibit(a, lang, name, prefix),
            people_exhibit(a, lang, name, prefix), paths_exhibit(a, lang, name, prefix),
            fan_exhibit(a, lang, name, prefix), npv_exhibit(a, lang, name, prefix), tornado_exhibit(a, lang, name, prefix)]


def schedule_exhibit(a: Analysis, lang: str, name: str | None = None, prefix: str = "sim") -> Exhibit:
    """Each year's saving stacked by lever, with the total's P10–P90 (:mod:`core.views.schedule`)."""
    return schedule.schedule_exhibit(a.result, a.mc, lang, who(name, lang), prefix)


def people_exhibit(a: Analysis, lang: str, name: str | None = None, prefix: str = "sim") -> Exhibit:
    """People released each year, by employment type."""
    return schedule.people_exhibit(a.result, lang, who(name, lang), prefix)


def schedule_table(a: Analysis, lang: str) -> pd.DataFrame:
    """The schedule by year: levers, total and its range, one-time costs, net saving, people by type."""
    return schedule.schedule_table(schedule.schedule_frame(a.result, a.mc), lang)


def people_by_lever(a: Analysis, lang: str) -> pd.DataFrame:
    """People released over the horizon, by lever and employment type [persons]."""
    r = a.result
    rows = [(lever_name(lv, lang), *(round(float(r.people[j, i].sum()), 1) for j in range(len(TYPES))))
            for i, lv in enumerate(LEVERS) if r.people[:, i].sum() > 0.05]
    return pd.DataFrame(rows, columns=[t("sim.col.lever", lang), *(t(f"plans.col.people_{k}", lang) for k in TYPES)])


def waterfall_table(a: Analysis, lang: str) -> pd.DataFrame:
    """Each lever used: its annual saving at the book's values and P10–P90 over the draws [CNY/yr]."""
    r = a.result
    q = a.mc.lever_quantiles()
    rows = [(k, lever_name(k, lang), s, q[0, LEVERS.index(k)], q[2, LEVERS.index(k)])
            for k, s in zip(r.waterfall["lever"], r.waterfall["saving"])]
    return pd.DataFrame(rows, columns=["lever", "name", "saving", "p10", "p90"])


def waterfall_exhibit(a: Analysis, lang: str, name: str | None = None, prefix: str = "sim") -> Exhibit:
    """Annual saving by lever at full effect, stacking up to the total."""
    r = a.result
    table = waterfall_table(a, lang)
    if table.empty:
        take = t("sim.takeaway.waterfall_none", lang)
    else:
        top = table.loc[table["saving"].idxmax()]
        take = t("sim.takeaway.waterfall", lang, who=who(name, lang), annual=fmt_money(r.annual_saving, lang),
                 pct=fmt_pct(_scenario_cost_share(r), 1), top=top["name"], top_amount=fmt_money(top["saving"], lang))
    data = pd.DataFrame({
        t("sim.col.lever", lang): table["name"],
        t("sim.col.saving_wan", lang): (table["saving"] / 1e4).round(1),
        t("sim.col.p10_wan", lang): (table["p10"] / 1e4).round(1),
        t("sim.col.p90_wan", lang): (table["p90"] / 1e4).round(1),
        t("sim.col.share_of_cost", lang): (table["saving"] / r.base_cost * 100).round(2) if r.base_cost else 0.0,
    })
    return Exhibit(
        key=f"{prefix}-waterfall",
        figure=sim_charts.savings_waterfall(table, t("sim.waterfall.title", lang, year=r.plan.base_year), lang),
        takeaway=take, data=data,
        key_figures=((t("sim.kf.annual", lang, year=r.plan.base_year), fmt_money(r.annual_saving, lang)),
                     (t("sim.kf.share_of_cost", lang), fmt_pct(_scenario_cost_share(r), 1))),
    )


def paths_table(r: Result) -> pd.DataFrame:
    """The base year and every simulated year: baseline, scenario, saving, one-time costs, net
    saving and its running total [CNY]."""
    base = r.plan.base_year
    net = r.net
    return pd.DataFrame({
        "year": [base, *r.years], "baseline": [r.base_cost, *r.baseline], "scenario": [r.base_cost, *r.scenario],
        "saving": [0.0, *r.saving], "one_time": [0.0, *r.one_time], "net": [0.0, *net],
        "cumulative": [0.0, *np.cumsum(net)],
    })


def paths_exhibit(a: Analysis, lang: str, name: str | None = None, prefix: str = "sim") -> Exhibit:
    """The scope's full cost per year without and with the scenario."""
    r = a.result
    table = paths_table(r)
    last = table.iloc[-1]
    take = t("sim.takeaway.paths", lang, who=who(name, lang), year=int(last["year"]),
             baseline=fmt_approx(last["baseline"], lang), scenario=fmt_approx(last["scenario"], lang),
             n=r.plan.horizon, cumulative=fmt_approx(last["cumulative"], lang))
    take = sentence(take) + history_text(a, lang)
    cols = {c: t(f"sim.col.{c}", lang) for c in ("year", "baseline", "scenario", "saving", "one_time", "net", "cumulative")}
    data = table.assign(**{c: (table[c] / 1e4).round(1) for c in table.columns if c != "year"}).rename(columns=cols)
    hist = a.history.loc[a.history["year"] < r.plan.base_year]
    data = pd.concat([pd.DataFrame({cols["year"]: hist["year"], cols["baseline"]: (hist["cost"] / 1e4).round(1)}), data],
                     ignore_index=True)
    return Exhibit(key=f"{prefix}-paths", figure=sim_charts.cost_paths(table, lang, a.history), takeaway=take, data=data,
                   key_figures=((t("sim.kf.cumulative", lang, n=r.plan.horizon), fmt_money(last["cumulative"], lang)),))


def history_text(a: Analysis, lang: str) -> str:
    """How the projected do-nothing path grows beside the ledger's history, and what the book uses."""
    return schedule.history_text(a.history, a.result, lang)


def fan_table(a: Analysis) -> pd.DataFrame:
    """Quantiles of the net saving per year [CNY]: ``year``, ``p10``, ``p25``, ``p50``, ``p75``, ``p90``."""
    q = a.mc.fan()
    return pd.DataFrame({"year": a.result.years, **{f"p{round(x * 100)}": q[i] for i, x in enumerate(risk.FAN)}})


def fan_exhibit(a: Analysis, lang: str, name: str | None = None, prefix: str = "sim") -> Exhibit:
    """Net saving per year under uncertainty: the fan chart."""
    fan = fan_table(a)
    first, last = fan.iloc[0], fan.iloc[-1]
    take = sentence(t("sim.takeaway.fan", lang, who=who(name, lang), first_year=int(first["year"]),
             first=fmt_money(first["p50"], lang), year=int(last["year"]), p50=fmt_money(last["p50"], lang),
             p10=fmt_money(last["p10"], lang), p90=fmt_money(last["p90"], lang)))
    data = fan.assign(**{c: (fan[c] / 1e4).round(1) for c in fan.columns if c != "year"}).rename(
        columns={"year": t("sim.col.year", lang), **{c: f"{c.upper()} ({t('unit.wan', lang)})" for c in fan.columns if c != "year"}})
    return Exhibit(key=f"{prefix}-fan", figure=sim_charts.saving_fan(fan, lang), takeaway=take, data=data)


def npv_exhibit(a: Analysis, lang: str, name: str | None = None, prefix: str = "sim") -> Exhibit:
    """The distribution of the NPV saving over the draws, with P10, P50, P90 and the hurdle."""
    counts, edges = a.mc.histogram()
    hist = pd.DataFrame({"low": edges[:-1], "high": edges[1:], "count": counts})
    p10, p50, p90 = a.npv
    r = a.result
    has_conversions = r.plan.n_conversions > 0
    marks = {"p10": p10, "p50": p50, "p90": p90, "hurdle": r.hurdle_npv if has_conversions else None}
    take = t("sim.takeaway.npv", lang, who=who(name, lang), draws=fmt_num(a.mc.draws), prob=fmt_chance(a.mc.prob_positive, lang))
    if has_conversions:
        take += t("sim.takeaway.npv_hurdle", lang, beats=fmt_chance(a.mc.prob_beats, lang), hurdle=fmt_approx(r.hurdle_npv, lang))
    take += t("sim.fullstop", lang)
    data = pd.DataFrame({t("sim.col.from_wan", lang): (hist["low"] / 1e4).round(1),
                         t("sim.col.to_wan", lang): (hist["high"] / 1e4).round(1),
                         t("sim.col.draws", lang): hist["count"],
                         t("sim.col.share", lang): (hist["count"] / max(1, a.mc.draws) * 100).round(2)})
    return Exhibit(
        key=f"{prefix}-npv", figure=sim_charts.npv_distribution(hist, marks, lang), takeaway=take, data=data,
        key_figures=((t("sim.kf.prob_positive", lang), fmt_chance(a.mc.prob_positive, lang)),
                     (t("sim.kf.prob_beats", lang), fmt_chance(a.mc.prob_beats, lang)),
                     (t("sim.kf.hurdle", lang), fmt_money(r.hurdle_npv, lang) if has_conversions else "—")),
    )


def tornado_table(a: Analysis, lang: str) -> pd.DataFrame:
    """The tornado's rows with names, formatted factor values and the Sobol indices."""
    names = {u.key: u.name(lang) for u in a.inputs}
    out = a.tornado.merge(a.sobol, on="key", how="left")
    out["name"] = out["key"].map(names)
    out["low_text"] = [factor_text(k, v, lang) for k, v in zip(out["key"], out["low"])]
    out["high_text"] = [factor_text(k, v, lang) for k, v in zip(out["key"], out["high"])]
    out["breakeven_text"] = [factor_text(k, v, lang) for k, v in zip(out["key"], out["breakeven"])]
    return out


def tornado_exhibit(a: Analysis, lang: str, name: str | None = None, prefix: str = "sim") -> Exhibit:
    """Which factor the answer hangs on: each factor from its P10 to its P90, with break-even values."""
    rows = tornado_table(a, lang)
    moving = rows.loc[rows["swing"] > 1e-6 * max(1.0, float(rows["base"].abs().max()) if len(rows) else 1.0)]
    base = float(rows["base"].iloc[0]) if len(rows) else 0.0
    if moving.empty:
        take = t("sim.takeaway.tornado_flat", lang)
    else:
        top = moving.iloc[0]
        take = sentence(t("sim.takeaway.tornado", lang, who=who(name, lang), factor=top["name"],
                          low=top["low_text"], high=top["high_text"], swing=fmt_money(top["swing"], lang)))
        take += (t("sim.takeaway.breakeven", lang, value=top["breakeven_text"]) if pd.notna(top["breakeven"])
                 else t("sim.takeaway.no_breakeven", lang))
    data = pd.DataFrame({
        t("sim.col.factor", lang): rows["name"], t("sim.col.p10", lang): rows["low_text"],
        t("sim.col.p90", lang): rows["high_text"],
        t("sim.col.npv_at_p10", lang): (rows["npv_low"] / 1e4).round(1),
        t("sim.col.npv_at_p90", lang): (rows["npv_high"] / 1e4).round(1),
        t("sim.col.swing", lang): (rows["swing"] / 1e4).round(1),
        t("sim.col.breakeven", lang): rows["breakeven_text"],
        t("sim.col.sobol_first", lang): rows["first"].round(3), t("sim.col.sobol_total", lang): rows["total"].round(3),
    })
    return Exhibit(key=f"{prefix}-tornado", figure=sim_charts.tornado(moving, base, lang), takeaway=take, data=data,
                   key_figures=((t("sim.kf.top_factor", lang), str(moving.iloc[0]["name"]) if len(moving) else "—"),))


def sensitivity_table(a: Analysis, lang: str) -> pd.DataFrame:
    """The tornado's factors for reading on the page: values at P10 and P90, swing, break-even and
    Sobol indices (the NPV at each end is in the chart and its download)."""
    rows = tornado_table(a, lang)
    return pd.DataFrame({
        t("sim.col.factor", lang): rows["name"], t("sim.col.p10_value", lang): rows["low_text"],
        t("sim.col.p90_value", lang): rows["high_text"], t("sim.col.swing", lang): (rows["swing"] / 1e4).round(1),
        t("sim.col.breakeven", lang): rows["breakeven_text"],
        t("sim.col.sobol_first", lang): rows["first"].round(2), t("sim.col.sobol_total", lang): rows["total"].round(2),
    })


# --- the tables behind the levers ---------------------------------------------------------------
def conversions_table(r: Result, lang: str) -> pd.DataFrame:
    """Every conversion asked for, with its decision and why, saving, differential and one-time cost."""
    c = r.plan.conversions
    out = pd.DataFrame({
        t("common.building", lang): c["building"],
        t("common.service", lang): c["service"].map(lambda s: label("service", s, lang)),
        t("sim.col.from", lang): c["from"].map(lambda d: label("delivery", d, lang) if d in DELIVERIES
                                               else t("sim.col.none", lang)),
        t("sim.col.to", lang): c["to"].map(lambda d: label("delivery", d, lang)),
        t("sim.col.decision", lang): c["decision"].map(lambda d: t(f"sim.decision.{d}", lang)),
        t("sim.col.saving_wan", lang): (c["saving"].astype(float) / 1e4).round(1),
        t("sim.col.differential_wan", lang): (c["differential"].astype(float) / 1e4).round(1),
        t("sim.col.one_time_wan", lang): (c["one_time"].astype(float) / 1e4).round(1),
    })
    return out


def lots_table(r: Result, lang: str) -> pd.DataFrame:
    """The procurement lots the bundling lever forms."""
    lots = r.plan.lots
    return pd.DataFrame({
        t("common.service", lang): lots["service"].map(lambda s: label("service", s, lang)),
        t("sim.col.lot", lang): lots["lot"], t("common.buildings", lang): lots["buildings"].map(lambda b: join(b, lang)),
        t("sim.col.area", lang): lots["area"].round(0),
    })


def pools_table(a: Analysis, lang: str) -> pd.DataFrame:
    """The staff-pooling groups with staff above their norm (district × service)."""
    g = a.result.plan.pools
    g = g.loc[g["excess"] > 0]
    realised = g["excess"] * a.result.plan.value("staff_pooling_realisation")
    return pd.DataFrame({
        t("sim.col.district", lang): g["district"],
        t("common.service", lang): g["service"].map(lambda s: label("service", s, lang)),
        t("common.buildings", lang): g["buildings"].map(lambda b: join(b, lang)), t("sim.col.staff", lang): g["staff"],
        t("sim.col.norm", lang): g["norm"], t("sim.col.excess", lang): g["excess"],
        t("sim.col.released", lang): realised.round(1),
    })


def assumptions_table(a: Analysis, p: Portfolio, lang: str) -> pd.DataFrame:
    """The factors the model used: value, distribution (low – high) and source."""
    book = p.book
    rows = []
    for key in (*MODEL_INPUTS, *PLAN_FACTORS):
        f = book.factor(key)
        dist = ""
        if f.distribution and f.low is not None and f.high is not None:
            dist = f"{t('sim.dist.' + f.distribution, lang)} {factor_text(key, f.low, lang)} – {factor_text(key, f.high, lang)}"
        rows.append((f.name(lang), factor_text(key, f.value, lang), dist or t("sim.dist.fixed", lang),
                     label("basis", f.basis, lang), f.source_in(lang)))
    return pd.DataFrame(rows, columns=[t(f"sim.col.{c}", lang) for c in ("factor", "value", "distribution", "basis", "source")])


def volatility_text(a: Analysis, lang: str) -> str:
    """Budget volatility before and after, in one sentence."""
    v = a.volatility
    if pd.isna(v.before):
        return t("sim.volatility.none", lang)
    return t("sim.volatility", lang, before=fmt_pct(v.before, 1), after=fmt_pct(v.after, 1))


def levers_in_words(levers: Levers, lang: str) -> str:
    """The levers a scenario uses, named (or "none")."""
    used = levers.enabled()
    return join((lever_name(k, lang) for k in used), lang) if used else t("sim.levers.none", lang)


# --- the meeting pack ---------------------------------------------------------------------------
PACK_ASSUMPTIONS: tuple[str, ...] = (*MODEL_INPUTS, *PLAN_FACTORS)


def _pack_analyses(p: Portfolio, options: PackOptions) -> list[tuple[str, Analysis]]:
    out = []
    for s in options.scenarios:
        try:
            out.append((s.name, analysed(p, s.levers)))
        except LeverError as exc:
            raise LeverError("lever.err.scenario", name=s.name, problem=exc.text) from None
    return out


def consolidation_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Consolidation page's part of the pack: each chosen scenario's five exhibits (keys made
    unique per scenario, the scenario named in every takeaway) and its headline figures."""
    out: list[Exhibit] = []
    figures: list[KeyFigure] = []
    for i, (name, a) in enumerate(_pack_analyses(p, options), start=1):
        prefix = f"{i}-{text.safe_part(name)[:12] or 'scenario'}"
        out += exhibits(a, lang, name, prefix=prefix)
        f = a.figures
        figures.append((t("sim.kf.pack_npv", lang, name=name),
                        t("plans.kf.npv_range", lang, p50=fmt_approx(f.npv[1], lang),
                          range=fmt_approx_range(f.npv[0], f.npv[2], lang))))
        figures.append((t("sim.kf.pack_prob", lang, name=name), fmt_chance(f.chance, lang)))
        figures.append((t("plans.kf.pack_budget", lang, name=name, year=f.budget_year),
                        sim_figures.budget_value(f, lang)))
        figures.append((t("plans.kf.pack_full", lang, name=name), sim_figures.full_effect_text(f, lang)))
        figures.append((t("plans.kf.pack_people", lang, name=name), sim_figures.people_text(f, lang)))
    return SectionContent(exhibits=tuple(out), key_figures=tuple(figures),
                          assumptions=PACK_ASSUMPTIONS if options.scenarios else ())


# --- the CLI's figures --------------------------------------------------------------------------
def summary(a: Analysis, name: str | None = None, lang: str = "en") -> dict[str, Any]:
    """The figures ``python -m core simulate --json`` prints [CNY]; each conversion asked for with its
    outcome and the reason in ``lang`` (a restricted item names itself and why it stays)."""
    p10, p50, p90 = a.npv
    r = a.result
    fan = fan_table(a)
    conv = r.plan.conversions
    items = [{"building": c["building"], "service": c["service"], "service_name": label("service", c["service"], lang),
              "from": c["from"] or None, "to": c["to"], "decision": c["decision"],
              "reason": t(f"sim.decision.{c['decision']}", lang), "saving": round(float(c["saving"]), 2)}
             for c in conv.to_dict("records")]
    return {
        "scenario": name, "base_year": r.plan.base_year, "years": [r.years[0], r.years[-1]], "draws": a.mc.draws,
        "seed": a.mc.seed, "npv_saving_p10": round(p10, 2), "npv_saving_p50": round(p50, 2),
        "npv_saving_p90": round(p90, 2), "npv_saving_at_book_values": round(r.npv, 2),
        "prob_positive": round(a.mc.prob_positive, 4), "prob_beats_hurdle": round(a.mc.prob_beats, 4),
        "hurdle_npv": round(r.hurdle_npv, 2), "payback_year": r.payback_year,
        "waterfall": {k: round(float(v), 2) for k, v in zip(r.waterfall["lever"], r.waterfall["saving"])},
        "annual_saving_p50": {str(int(y)): round(float(v), 2) for y, v in zip(fan["year"], fan["p50"])},
        "transition_costs": {k: round(v, 2) for k, v in r.transition.items()},
        "conversions": {d: int(n) for d, n in conv["decision"].value_counts().items()},
        "conversion_items": items,
        "budget_volatility": {"before": _round(a.volatility.before), "after": _round(a.volatility.after)},
        "budget_year": a.figures.budget_year, "budget_cut_p50": round(a.figures.budget_cut[1], 2),
        "full_effect_year": r.full_effect_year,
        "people_released": {k: round(float(v), 2) for k, v in a.figures.people.items()},
        "by_year": by_year(a),
        "levers": json.loads(to_json(a.levers)),
    }


def by_year(a: Analysis) -> dict[str, dict[str, Any]]:
    """Year → each lever's P50 saving, the total's P10/P50/P90, one-time costs and net saving (P50), and
    the people released by type (P50) [CNY, persons]."""
    levers = a.levers.enabled()
    sched = a.mc.schedule_quantiles()  # (3, L, H)
    total = a.mc.year_quantiles()  # (3, H)
    one_time = np.quantile(a.mc.one_time, 0.5, axis=1)
    net = np.quantile(a.mc.net, 0.5, axis=1)
    people = a.mc.people_quantiles()[1]  # (types, H)
    out: dict[str, dict[str, Any]] = {}
    for h, year in enumerate(a.result.years):
        entry: dict[str, Any] = {lv: round(float(sched[1, LEVERS.index(lv), h]), 2) for lv in levers}
        entry["total"] = {q: round(float(total[i, h]), 2) for i, q in enumerate(("p10", "p50", "p90"))}
        entry["one_time_p50"] = round(float(one_time[h]), 2)
        entry["net_p50"] = round(float(net[h]), 2)
        entry["people"] = {k: round(float(people[j, h]), 2) for j, k in enumerate(TYPES)}
        out[str(year)] = entry
    return out


def _round(x: float) -> float | None:
    return None if pd.isna(x) else round(float(x), 4)
