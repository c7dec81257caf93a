"""The Compare page (模式对比): the fair comparison's charts and sentences, the department view, the working of one building's full cost, and the page's part of the meeting pack."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from core.domain import costing
from core.domain.compare import (
    CONFIDENCE,
    Adjusted,
    Cheapest,
    adjusted_comparison,
    building_measures,
    cheapest_mode,
    composition,
    mode_comparison,
)
from core.domain.costing import (
    COST_LINES,
    FACTOR_KEYS,
    WORKING_COLUMNS,
    bridge,
    department_allocation,
    department_table,
    factor_in_year,
)
from core.domain.quality import CRITERIA
from core.i18n import fmt_money, fmt_num, fmt_pct, join, label, t, unit_text
from core.store.repo import Portfolio
from core.views import charts
from core.views.exhibits import Exhibit, PackOptions, SectionContent


def cheapest_sentence(c: Cheapest | None, lang: str) -> str:
    """The one way every table, sentence and the pack say which mode is cheapest: total full cost ÷
    total area, with the median of buildings as the robustness check."""
    if c is None:
        return t("cheapest.none", lang)
    head = t("cheapest.head", lang, mode=label("mode", c.mode, lang), value=fmt_num(c.cost_per_m2))
    if c.robust:
        return head + t("cheapest.robust", lang)
    return head + t("cheapest.fragile", lang, mode=label("mode", c.median_mode, lang), value=fmt_num(c.median_cost_per_m2))


def adjusted_sentence(adj: Adjusted, lang: str) -> str:
    """The plain-language reading of the adjusted comparison and the rank test (zh or en)."""
    if not adj.ok:
        return t("compare.adjusted.too_few", lang, n=adj.n)
    e = adj.effects.iloc[1:]

    def describe(r: pd.Series) -> str:
        return t("compare.adjusted.effect", lang, mode=label("mode", r["mode"], lang),
                 pct=f"{r['effect'] * 100:+.0f}%", low=f"{r['low'] * 100:+.0f}%", high=f"{r['high'] * 100:+.0f}%")

    sig, non = e.loc[e["significant"].astype(bool)], e.loc[~e["significant"].astype(bool)]
    ref = label("mode", adj.reference, lang)
    parts = []
    if len(sig):
        parts.append(t("compare.adjusted.significant", lang, ref=ref,
                       items=join((describe(r) for _, r in sig.iterrows()), lang)))
        if len(non):
            parts.append(t("compare.adjusted.rest", lang, items=join((describe(r) for _, r in non.iterrows()), lang)))
    else:
        parts.append(t("compare.adjusted.none_significant", lang, ref=ref,
                       items=join((describe(r) for _, r in non.iterrows()), lang)))
    parts.append(t("compare.adjusted.caution", lang, n=adj.n))
    if adj.kruskal_p is not None:
        key = "compare.kruskal.differ" if adj.kruskal_p < 1 - CONFIDENCE else "compare.kruskal.same"
        parts.append(t(key, lang, p=f"{adj.kruskal_p:.2f}"))
    return ("" if lang == "zh" else " ").join(parts)


# --- exhibits -------------------------------------------------------------------------------------
def compare_exhibits(p: Portfolio, measures: pd.DataFrame, year: int, lang: str) -> list[Exhibit]:
    """The Compare page's charts: spreads of the measures, composition, adjusted effects, quality."""
    summary = mode_comparison(measures)
    present = summary.loc[summary["buildings"] > 0]
    named = measures.assign(mode_name=measures["mode"].map(lambda m: label("mode", m, lang)))
    spread = Exhibit(
        key="compare-spread",
        figure=charts.measure_spread(measures, lang),
        takeaway=t("compare.takeaway.spread", lang, year=year, cheapest=cheapest_sentence(cheapest_mode(summary), lang)),
        data=named[["building", "mode_name", "area_m2", "full_cost", "cost_per_m2", "cost_per_staff",
                    "cost_per_worker", "quality", "budget_cv"]].rename(columns=_measure_columns(lang)),
        key_figures=tuple((label("mode", r["mode"], lang), f"{fmt_num(r['cost_per_m2'])} "
                           f"{t('unit.yuan_m2_yr', lang)}") for _, r in present.iterrows()),
    )

    comp = composition(measures)
    comp["uplift"] = comp["full_cost"] / comp["recorded"] - 1
    top = comp.loc[comp["uplift"].idxmax()]
    bottom = comp.loc[comp["uplift"].idxmin()]
    composition_ex = Exhibit(
        key="compare-composition",
        figure=charts.cost_composition(comp, lang),
        takeaway=t("compare.takeaway.composition", lang, top=label("mode", top["mode"], lang),
                   top_pct=f"{top['uplift'] * 100:.0f}%", bottom=label("mode", bottom["mode"], lang),
                   bottom_pct=f"{bottom['uplift'] * 100:.0f}%"),
        key_figures=tuple((t("kf.compare.uplift", lang, mode=label("mode", r["mode"], lang)),
                           fmt_pct(r["uplift"], 0, signed=True)) for _, r in comp.iterrows()),
        data=comp.assign(mode=comp["mode"].map(lambda m: label("mode", m, lang))).round(2).rename(
            columns={"mode": t("common.mode", lang), "recorded": t("compare.col.recorded_per_m2", lang),
                     "full_cost": t("compare.col.full_per_m2", lang), "uplift": t("compare.col.uplift", lang),
                     **{c: t(f"costing.line.{c}", lang) for c in costing.COST_LINES}}),
    )

    adj = adjusted_comparison(measures)
    eff = adj.effects.assign(mode=adj.effects["mode"].map(lambda m: label("mode", m, lang)))
    adjusted = Exhibit(
        key="compare-adjusted",
        figure=charts.mode_effects(adj.effects, adj.reference, lang),
        takeaway=adjusted_sentence(adj, lang),
        key_figures=((t("kf.compare.buildings", lang), str(adj.n)),
                     (t("kf.compare.significant", lang), str(int(adj.effects["significant"].sum()))),
                     (t("kf.compare.kruskal_p", lang), "–" if adj.kruskal_p is None else f"{adj.kruskal_p:.2f}")),
        data=eff[["mode", "buildings", "effect", "low", "high", "p_value", "adjusted_cost_per_m2"]].rename(
            columns={c: t(f"compare.col.{c}", lang) for c in
                     ("mode", "buildings", "effect", "low", "high", "p_value", "adjusted_cost_per_m2")}),
    )

    q = measures.dropna(subset=["quality"])
    if len(q) >= 3 and q["quality"].nunique() > 1 and q["cost_per_m2"].nunique() > 1:
        res = stats.spearmanr(q["cost_per_m2"], q["quality"])
        rho, rho_p = float(res.statistic), float(res.pvalue)
        reading = "none" if rho_p >= 1 - CONFIDENCE else ("pos" if rho > 0 else "neg")
        q_take = t(f"compare.takeaway.quality_{reading}", lang, rho=f"{rho:+.2f}", p=f"{rho_p:.2f}", n=len(q))
        q_figures: tuple[tuple[str, str], ...] = ((t("kf.compare.rho", lang), f"{rho:+.2f}"),
                                                  (t("kf.compare.rho_p", lang), f"{rho_p:.2f}"))
    else:
        q_take, q_figures = t("compare.takeaway.no_quality", lang, year=year), ()
    quality = Exhibit(
        key="compare-quality",
        figure=charts.quality_vs_cost(measures, lang),
        takeaway=q_take,
        key_figures=q_figures,
        data=named[["building", "mode_name", "cost_per_m2", "quality"]].rename(columns=_measure_columns(lang)),
    )
    return [spread, composition_ex, adjusted, quality]


DISPLAY_ROWS: tuple[tuple[str, str], ...] = (  # column of mode_comparison, number format
    ("buildings", "{:,.0f}"), ("area_m2", "{:,.0f}"), ("annual_cost", "{:,.1f}"), ("recorded", "{:,.1f}"),
    ("cost_per_m2", "{:,.0f}"), ("cost_per_staff", "{:,.0f}"), ("cost_per_worker", "{:,.0f}"),
    ("staff_in_house", "{:,.0f}"), ("staff_vendor", "{:,.0f}"), ("quality_mean", "{:.1f}"), ("budget_cv", "{:.1%}"),
    ("median_cost_per_m2", "{:,.0f}"),
)


def mode_display(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`mode_comparison` turned on its side for reading across: one row per measure, one column
    per mode, figures formatted (money in 万元), "—" where a mode has no building."""
    s = summary.set_index("mode").assign(annual_cost=lambda d: d["annual_cost"] / 1e4,
                                         recorded=lambda d: d["recorded"] / 1e4)
    out = pd.DataFrame({t("compare.col.measure", lang): [t(f"compare.col.{c}", lang) for c, _ in DISPLAY_ROWS]})
    for m in s.index:
        has = s.at[m, "buildings"] > 0
        out[label("mode", m, lang)] = [fmt.format(s.at[m, c]) if has and pd.notna(s.at[m, c]) else "—"
                                       for c, fmt in DISPLAY_ROWS]
    return out


def _measure_columns(lang: str) -> dict[str, str]:
    return {"building": t("common.building", lang), "mode_name": t("common.mode", lang),
            **{c: t(f"compare.col.{c}", lang) for c in ("area_m2", "full_cost", "cost_per_m2", "cost_per_staff",
                                                        "cost_per_worker", "quality", "budget_cv")}}


def compare_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Compare page's part of the meeting pack: the four comparisons and the department costs,
    every service and building, VAT included, shared by floor area."""
    year = options.year if options.year in p.years else p.latest_year
    costs = costing.arrangement_costs(p)
    measures = building_measures(p, year, costs=costs)
    exhibits = [*compare_exhibits(p, measures, year, lang),
                department_exhibit(p, costing.select(costs, year=year), lang)]
    full, recorded, area = (float(measures[c].sum()) for c in ("full_cost", "recorded", "area_m2"))
    return SectionContent(
        exhibits=tuple(exhibits),
        key_figures=(
            (t("kf.compare.full_cost", lang, year=year), fmt_money(full, lang)),
            (t("kf.compare.above_recorded", lang), fmt_pct(full / recorded - 1, 1, signed=True)),
            (t("kf.compare.per_m2", lang), f"{full / area:,.0f} {t('unit.yuan_m2_yr', lang)}"),
        ),
        assumptions=(*costing.FACTOR_KEYS, *(f"qw_{c}" for c in CRITERIA)),
    )


@dataclass(frozen=True)
class CompareView:
    """What the Compare page shows for one choice of filters and language (computed once, shared)."""

    measures: pd.DataFrame
    table: pd.DataFrame
    exhibits: tuple[Exhibit, ...]


def compare_view(p: Portfolio, year: int, lang: str, *, services: tuple[str, ...] = (),
                 buildings: tuple[int, ...] = (), tax_neutral: bool = False) -> CompareView:
    """The Compare page's measures, its mode table and its four charts."""
    measures = building_measures(p, year, services=services, buildings=buildings, tax_neutral=tax_neutral,
                                 costs=costing.arrangement_costs(p))
    if measures.empty:
        return CompareView(measures, pd.DataFrame(), ())
    return CompareView(measures, mode_display(mode_comparison(measures), lang),
                       tuple(compare_exhibits(p, measures, year, lang)))


def departments_view(p: Portfolio, year: int, lang: str, *, services: tuple[str, ...] = (),
                     buildings: tuple[int, ...] = (), basis: str = "area",
                     tax_neutral: bool = False) -> tuple[Exhibit, pd.DataFrame]:
    """The departments tab: what each department's services cost, and how each building was shared."""
    year_costs = costing.select(costing.arrangement_costs(p), year=year, services=services, buildings=buildings)
    return (department_exhibit(p, year_costs, lang, basis=basis, tax_neutral=tax_neutral),
            allocation_display(p, year_costs, lang, basis=basis, tax_neutral=tax_neutral))


def working_view(p: Portfolio, year: int, building_id: int, lang: str, *, services: tuple[str, ...] = ()) -> Exhibit:
    """The "show the working" tab for one building: its cost lines and the factors behind them."""
    year_costs = costing.select(costing.arrangement_costs(p), year=year, services=services)
    return working_exhibit(p, year_costs, building_id, lang)


# --- show the working -----------------------------------------------------------------------------
def working(p: Portfolio, costs: pd.DataFrame, building_id: int, lang: str) -> pd.DataFrame:
    """Every cost line of one building in one year with the rule and factor it used (计算过程).

    ``costs`` holds one year. One row per service and non-zero line: ``service``, ``delivery``,
    ``line``, ``amount`` [CNY/yr], the factor's ``factor`` name, ``value`` (as text) and ``unit``,
    ``rule`` (how the amount was found), and the factor's ``basis`` and ``source`` (all empty where
    the amount is as recorded).
    """
    rows = costs.loc[costs["building_id"] == building_id]
    if rows.empty:
        return pd.DataFrame(columns=list(WORKING_COLUMNS))
    year = int(rows["year"].iloc[0])
    long = rows.melt(id_vars=["service", "kind", "indirect_factor", "booked_on_costs", "indirect_base"],
                     value_vars=list(COST_LINES), var_name="line", value_name="amount")
    long = long.loc[long["amount"].abs() > 0.005].copy()
    imputed = (long["line"] == "on_costs") & (long["kind"] == "in_house")
    indirect = long["line"] == "indirect"
    long["key"] = np.select([imputed, indirect], ["on_cost_rate", long["indirect_factor"]], "")
    factors = {k: factor_in_year(p.book, k, year) for k in FACTOR_KEYS}
    rule_key = np.select(
        [imputed, indirect, long["line"] == "depreciation"],
        ["costing.rule.imputed", "costing.rule.indirect_" + long["kind"], "costing.rule.depreciation"],
        "costing.rule.recorded")
    long["rule"] = [t(k, lang, booked=fmt_money(b, lang), base=fmt_money(base, lang))
                    for k, b, base in zip(rule_key, long["booked_on_costs"], long["indirect_base"])]
    long["factor"] = long["key"].map(lambda k: factors[k].name(lang) if k else "")
    long["value"] = long["key"].map(lambda k: f"{factors[k].value:g}" if k else "")
    long["unit"] = long["key"].map(lambda k: book_unit(factors[k].unit, lang) if k else "")
    long["basis"] = long["key"].map(lambda k: label("basis", factors[k].basis, lang) if k else "")
    long["source"] = long["key"].map(lambda k: factors[k].source_in(lang) if k else "")
    order = {code: i for i, code in enumerate(p.services["code"])}
    long["_s"] = long["service"].map(order)
    long["_l"] = long["line"].map({c: i for i, c in enumerate(COST_LINES)})
    long = long.sort_values(["_s", "_l"])
    long["delivery"] = long["kind"].map(lambda k: label("delivery", k, lang) if k != "actual"
                                        else t("costing.kind.actual", lang))
    long["service"] = long["service"].map(lambda s: label("service", s, lang))
    long["line"] = long["line"].map(lambda c: t(f"costing.line.{c}", lang))
    return long[list(WORKING_COLUMNS)].reset_index(drop=True)


def book_unit(unit: str, lang: str) -> str:
    """A factor's unit as the assumption book spells it, in ``lang`` where we know the words."""
    return unit_text(unit, lang)


def working_exhibit(p: Portfolio, costs: pd.DataFrame, building_id: int, lang: str) -> Exhibit:
    """The waterfall from one building's recorded spending to its full cost, with its working."""
    rows = costs.loc[costs["building_id"] == building_id]
    name = str(p.buildings.set_index("id").at[building_id, "name"])
    steps = bridge(rows)
    rec, full = float(steps["amount"].iloc[0]), float(steps["amount"].iloc[-1])
    year = int(rows["year"].iloc[0]) if len(rows) else 0
    return Exhibit(
        key="compare-working",
        figure=charts.cost_bridge(steps, t("costing.working.chart", lang, building=name, year=year), lang),
        takeaway=t("costing.takeaway.working", lang, building=name, year=year, recorded=fmt_money(rec, lang),
                   full=fmt_money(full, lang), pct=fmt_pct(full / rec - 1 if rec else 0.0, signed=True)),
        data=working(p, rows, building_id, lang).rename(columns=_working_columns(lang)),
    )


def _working_columns(lang: str) -> dict[str, str]:
    return {c: t(f"costing.col.{c}", lang) for c in WORKING_COLUMNS}


def department_exhibit(p: Portfolio, costs: pd.DataFrame, lang: str, *, basis: str = "area",
                       tax_neutral: bool = False) -> Exhibit:
    """What each department's services cost per staff member, with the department table behind it."""
    table = department_table(p, costs, basis=basis, tax_neutral=tax_neutral)
    per = table.dropna(subset=["per_staff"])
    year = int(costs["year"].iloc[0]) if len(costs) else 0
    top = per.loc[per["per_staff"].idxmax()] if len(per) else None
    return Exhibit(
        key="compare-departments",
        figure=charts.department_costs(table, lang),
        takeaway=t("costing.takeaway.departments", lang, year=year, low=f"{per['per_staff'].min():,.0f}",
                   high=f"{per['per_staff'].max():,.0f}", top=top["department"] if top is not None else "—"),
        key_figures=((t("kf.costing.departments", lang), str(len(table))),
                     (t("kf.costing.median_per_staff", lang),
                      f"{per['per_staff'].median():,.0f} {t('costing.departments.axis', lang)}")),
        data=department_display(table, lang),
    )


def department_display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`department_table` with readable names and money in 万元, for a page or a sheet."""
    d = table.assign(kind=table["kind"].map(lambda k: label("dept_kind", k, lang)),
                     buildings=table["buildings"].map(lambda b: join(b, lang)),
                     mode=table["mode"].map(lambda m: label("mode", m, lang)),
                     allocated=(table["allocated"] / 1e4).round(2), per_staff=table["per_staff"].round(0),
                     per_m2=table["per_m2"].round(1))
    return d.rename(columns={c: t(f"costing.col.{c}", lang) for c in d.columns})


def allocation_display(p: Portfolio, costs: pd.DataFrame, lang: str, *, basis: str = "area",
                       tax_neutral: bool = False) -> pd.DataFrame:
    """:func:`department_allocation` with readable names, share in percent and money in 万元."""
    a = department_allocation(p, costs, basis=basis, tax_neutral=tax_neutral)
    d = a.assign(share=a["share"] * 100, allocated=a["allocated"] / 1e4)[
        ["building", "department", "floor_area_m2", "staff", "share", "allocated"]]
    return d.rename(columns={c: t(f"costing.col.{c}", lang) for c in d.columns})
