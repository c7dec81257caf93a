"""A fair comparison of the four support modes (模式对比) on full cost, normalised per building.

Raw averages mislead: buildings differ in size, age and tier. Every measure here is computed per
building first (one point per building), so a page can show spreads and not only means, and the
adjusted comparison controls for size, age and tier by least squares.

Measures per building and year, over the services selected:

- ``cost_per_m2``: full cost (:mod:`core.domain.costing`) / gross floor area [CNY/(m²·yr)];
- ``cost_per_staff``: full cost / staff the building serves (occupants' staff) [CNY/(person·yr)];
- ``cost_per_worker``: full cost / service workers, in-house and vendor (current arrangements)
  [CNY/(worker·yr)];
- ``quality``: mean weighted assessment score of the year's quarters (:func:`core.domain.quality.building_scores`)
  [0-100], missing where the year has no assessment;
- ``budget_cv``: budget volatility, the coefficient of variation of the execution ratio
  actual / budget over every year on record (2019-2025 in the demo city): the sample standard
  deviation (ddof = 1) of the yearly ratios divided by their mean [dimensionless]. It uses recorded
  spending (budgets are set against the ledger, not against full cost) and is missing with fewer
  than two years of budget.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from core.domain import costing
from core.domain.modes import MODE_ORDER, modes_of_buildings
from core.domain.quality import CRITERIA, building_scores
from core.i18n import fmt_money, fmt_num, fmt_pct, label, t
from core.store.repo import Portfolio
from core.views import charts
from core.views.exhibits import Exhibit, PackOptions, SectionContent

MODES: tuple[str, ...] = tuple(m.value for m in MODE_ORDER)
REFERENCE_MODE = "self"
CONFIDENCE = 0.95


def budget_volatility(costs: pd.DataFrame) -> pd.Series:
    """Budget volatility per building: CV of actual / budget across years (see the module docstring).

    ``costs`` are :func:`core.domain.costing.arrangement_costs` rows of every year wanted.
    """
    g = costs.groupby(["building_id", "year"])[["recorded", "budget"]].sum()
    ratio = (g["recorded"] / g["budget"].where(g["budget"] > 0)).dropna()
    by = ratio.groupby(level="building_id")
    cv = by.std(ddof=1) / by.mean()
    return cv.rename("budget_cv")


def building_measures(
    p: Portfolio, year: int, *, services: Sequence[str] | None = None, buildings: Sequence[int] | None = None,
    tax_neutral: bool = False, costs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per building with full cost in ``year`` over the selected services: the fair measures.

    ``costs`` is :func:`core.domain.costing.arrangement_costs` of every year (budget volatility needs them),
    computed when not given. Empty ``services`` or ``buildings`` mean all.
    Columns: ``building_id``, ``building``, ``mode``, ``area_m2``, ``tier``, ``year_built``, ``age``
    [years in ``year``], ``served_staff``, ``staff_in_house``, ``staff_vendor``, ``workers``, the cost
    lines, ``full_cost`` and ``recorded`` [CNY/yr], and the measures of the module docstring.
    """
    if costs is None:
        costs = costing.arrangement_costs(p)
    chosen = costing.select(costs, services=services, buildings=buildings)
    rows = chosen.loc[chosen["year"] == year]
    rows = rows.assign(full_cost=costing.total(rows, tax_neutral=tax_neutral),
                       tax=0.0 if tax_neutral else rows["tax"])
    g = costing.rollup(rows, "building_id").set_index("building_id")
    g = g.loc[g["full_cost"] > 0]
    b = p.buildings.set_index("id").reindex(g.index)
    out = pd.DataFrame(index=g.index)
    out["building"] = b["name"]
    out["mode"] = modes_of_buildings(p.arrangements, p.buildings["id"]).reindex(g.index)
    out["area_m2"] = b["gross_floor_area_m2"].astype(float)
    out["tier"] = b["tier"].astype(int)
    out["year_built"] = b["year_built"].astype(int)
    out["age"] = (year - out["year_built"]).clip(lower=0)
    out["served_staff"] = p.occupancy.groupby("building_id")["staff"].sum().reindex(g.index).fillna(0.0)
    arr = p.arrangements
    if services:
        arr = arr.loc[arr["service"].isin(list(services))]
    staff = arr.groupby("building_id")[["staff_in_house", "staff_vendor"]].sum().reindex(g.index).fillna(0.0)
    out = out.join(staff)
    out["workers"] = out["staff_in_house"] + out["staff_vendor"]
    out = out.join(g[list(costing.SUMS)])
    out["cost_per_m2"] = out["full_cost"] / out["area_m2"]
    out["cost_per_staff"] = out["full_cost"] / out["served_staff"].where(out["served_staff"] > 0)
    out["cost_per_worker"] = out["full_cost"] / out["workers"].where(out["workers"] > 0)
    q = building_scores(p)
    out["quality"] = q.loc[q["year"] == year].groupby("building_id")["score"].mean().reindex(g.index)
    out["budget_cv"] = budget_volatility(chosen).reindex(g.index)
    out = out.loc[out["mode"].notna()]
    return out.reset_index()


def mode_comparison(measures: pd.DataFrame) -> pd.DataFrame:
    """Per mode, in the fixed order: buildings, area, full cost and the fair measures.

    Costs are totals of the mode's buildings divided by their area, served staff and workers;
    ``quality_mean`` and ``budget_cv`` are means over the mode's buildings (one vote each).
    Columns: ``mode``, ``buildings``, ``area_m2``, ``annual_cost``, ``recorded``, ``cost_per_m2``,
    ``cost_per_staff``, ``cost_per_worker``, ``staff_in_house``, ``staff_vendor``, ``quality_mean``,
    ``budget_cv``, ``median_cost_per_m2``.
    """
    g = measures.groupby("mode").agg(
        buildings=("building_id", "size"), area_m2=("area_m2", "sum"), annual_cost=("full_cost", "sum"),
        recorded=("recorded", "sum"), served_staff=("served_staff", "sum"), workers=("workers", "sum"),
        staff_in_house=("staff_in_house", "sum"), staff_vendor=("staff_vendor", "sum"),
        quality_mean=("quality", "mean"), budget_cv=("budget_cv", "mean"),
        median_cost_per_m2=("cost_per_m2", "median"))
    g = g.reindex(list(MODES))
    g["buildings"] = g["buildings"].fillna(0).astype(int)
    for c in ("area_m2", "annual_cost", "recorded", "served_staff", "workers", "staff_in_house", "staff_vendor"):
        g[c] = g[c].fillna(0.0)
    g["cost_per_m2"] = g["annual_cost"] / g["area_m2"].where(g["area_m2"] > 0)
    g["cost_per_staff"] = g["annual_cost"] / g["served_staff"].where(g["served_staff"] > 0)
    g["cost_per_worker"] = g["annual_cost"] / g["workers"].where(g["workers"] > 0)
    g = g.reset_index()
    return g[["mode", "buildings", "area_m2", "annual_cost", "recorded", "cost_per_m2", "cost_per_staff",
              "cost_per_worker", "staff_in_house", "staff_vendor", "quality_mean", "budget_cv",
              "median_cost_per_m2"]]


def composition(measures: pd.DataFrame) -> pd.DataFrame:
    """Each mode's full cost per m² split into the cost lines [CNY/(m²·yr)], with recorded per m²."""
    g = measures.groupby("mode")[[*costing.COST_LINES, "recorded", "area_m2"]].sum().reindex(list(MODES))
    g = g.loc[g["area_m2"] > 0]
    out = g[[*costing.COST_LINES, "recorded"]].div(g["area_m2"], axis=0)
    out["full_cost"] = out[list(costing.COST_LINES)].sum(axis=1)
    return out.reset_index()


# --- the adjusted comparison ----------------------------------------------------------------------
@dataclass(frozen=True)
class Adjusted:
    """Least-squares comparison of the modes' cost per m², controlling for size, age and tier.

    The model: log(cost per m²·yr) = a + Σ b_mode · [mode] + c₁ · (log area − mean)
    + c₂ · (age − mean) + c₃ · (tier − mean) + ε. The log makes a mode's coefficient a proportional
    difference (exp(b) − 1) that does not depend on the building's size, matches costs that scale
    multiplicatively, and tames the skew of per-m² costs; tier enters as one linear term (the
    standards step roughly evenly between tiers) to save degrees of freedom with few buildings.
    ``effects`` has one row per mode present: ``mode``, ``buildings``, ``effect`` (proportional
    difference from the reference mode at the same size, age and tier), ``low``, ``high`` (95 %
    interval, Student t with ``df`` degrees of freedom), ``p_value``, ``significant``, and
    ``adjusted_cost_per_m2`` [CNY/(m²·yr)] (geometric mean for an average building); the reference
    mode's row has effect 0 and no interval.
    """

    reference: str
    n: int
    df: int
    effects: pd.DataFrame
    r_squared: float
    kruskal_h: float | None
    kruskal_p: float | None

    @property
    def ok(self) -> bool:
        """Whether the regression could be estimated (enough buildings, more than one mode)."""
        return self.df > 0 and len(self.effects) > 1


def adjusted_comparison(measures: pd.DataFrame, *, reference: str = REFERENCE_MODE) -> Adjusted:
    """Fit :class:`Adjusted` on per-building ``mode``, ``cost_per_m2``, ``area_m2``, ``age``, ``tier``.

    Also runs a Kruskal-Wallis rank test of whether cost per m² differs between the modes at all.
    The reference mode falls back to the first mode present when ``reference`` has no building.
    """
    d = measures.loc[measures["cost_per_m2"] > 0, ["mode", "cost_per_m2", "area_m2", "age", "tier"]].dropna()
    present = [m for m in MODES if (d["mode"] == m).any()]
    ref = reference if reference in present else (present[0] if present else reference)
    others = [m for m in present if m != ref]
    n = len(d)
    h, kp = _kruskal(d)
    controls = pd.DataFrame({
        "log_area": np.log(d["area_m2"]), "age": d["age"].astype(float), "tier": d["tier"].astype(float)})
    controls = controls.loc[:, controls.std(ddof=0) > 0] - controls.mean()
    x = np.column_stack([np.ones(n), *[(d["mode"] == m).to_numpy(float) for m in others], controls.to_numpy()])
    y = np.log(d["cost_per_m2"].to_numpy(float))
    k = x.shape[1]
    counts = d["mode"].value_counts()
    rows = [{"mode": ref, "buildings": int(counts.get(ref, 0)), "effect": 0.0, "low": np.nan, "high": np.nan,
             "p_value": np.nan, "significant": False, "adjusted_cost_per_m2": np.nan}]
    rows += [{"mode": m, "buildings": int(counts[m]), "effect": np.nan, "low": np.nan, "high": np.nan,
              "p_value": np.nan, "significant": False, "adjusted_cost_per_m2": np.nan} for m in others]
    effects = pd.DataFrame(rows)
    if n <= k or np.linalg.matrix_rank(x) < k:
        return Adjusted(ref, n, 0, effects, np.nan, h, kp)
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    df = n - k
    sigma2 = float(resid @ resid) / df
    cov = sigma2 * np.linalg.inv(x.T @ x)
    se = np.sqrt(np.diag(cov))
    tcrit = float(stats.t.ppf(0.5 + CONFIDENCE / 2, df))
    b, s = beta[1:1 + len(others)], se[1:1 + len(others)]
    tstat = b / np.where(s > 0, s, np.nan)
    effects.loc[1:, "effect"] = np.expm1(b)
    effects.loc[1:, "low"] = np.expm1(b - tcrit * s)
    effects.loc[1:, "high"] = np.expm1(b + tcrit * s)
    effects.loc[1:, "p_value"] = 2 * stats.t.sf(np.abs(tstat), df)
    effects.loc[1:, "significant"] = (effects.loc[1:, "low"] > 0) | (effects.loc[1:, "high"] < 0)
    effects["adjusted_cost_per_m2"] = np.exp(beta[0] + np.r_[0.0, b])
    ss_tot = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - float(resid @ resid) / ss_tot if ss_tot > 0 else np.nan
    return Adjusted(ref, n, df, effects, r2, h, kp)


def _kruskal(d: pd.DataFrame) -> tuple[float | None, float | None]:
    groups = [g["cost_per_m2"].to_numpy(float) for _, g in d.groupby("mode")]
    if len(groups) < 2 or d["cost_per_m2"].nunique() < 2:
        return None, None
    res = stats.kruskal(*groups)
    return float(res.statistic), float(res.pvalue)


def adjusted_sentence(adj: Adjusted, lang: str) -> str:
    """The plain-language reading of the adjusted comparison and the rank test (zh or en)."""
    if not adj.ok:
        return t("compare.adjusted.too_few", lang, n=adj.n)
    e = adj.effects.iloc[1:]
    sep = "、" if lang == "zh" else ", "

    def describe(r: pd.Series) -> str:
        return t("compare.adjusted.effect", lang, mode=label("mode", r["mode"], lang),
                 pct=f"{r['effect'] * 100:+.0f}%", low=f"{r['low'] * 100:+.0f}%", high=f"{r['high'] * 100:+.0f}%")

    sig, non = e.loc[e["significant"].astype(bool)], e.loc[~e["significant"].astype(bool)]
    ref = label("mode", adj.reference, lang)
    parts = []
    if len(sig):
        parts.append(t("compare.adjusted.significant", lang, ref=ref,
                       items=sep.join(describe(r) for _, r in sig.iterrows())))
        if len(non):
            parts.append(t("compare.adjusted.rest", lang, items=sep.join(describe(r) for _, r in non.iterrows())))
    else:
        parts.append(t("compare.adjusted.none_significant", lang, ref=ref,
                       items=sep.join(describe(r) for _, r in non.iterrows())))
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
    lo = present.loc[present["median_cost_per_m2"].idxmin()]
    hi = present.loc[present["median_cost_per_m2"].idxmax()]
    named = measures.assign(mode_name=measures["mode"].map(lambda m: label("mode", m, lang)))
    spread = Exhibit(
        key="compare-spread",
        figure=charts.measure_spread(measures, lang),
        takeaway=t("compare.takeaway.spread", lang, year=year, low_mode=label("mode", lo["mode"], lang),
                   low=fmt_num(lo["median_cost_per_m2"]), high_mode=label("mode", hi["mode"], lang),
                   high=fmt_num(hi["median_cost_per_m2"])),
        data=named[["building", "mode_name", "area_m2", "full_cost", "cost_per_m2", "cost_per_staff",
                    "cost_per_worker", "quality", "budget_cv"]].rename(columns=_measure_columns(lang)),
        key_figures=tuple((label("mode", r["mode"], lang), f"{fmt_num(r['median_cost_per_m2'])} "
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
                costing.department_exhibit(p, costing.select(costs, year=year), lang)]
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
    return (costing.department_exhibit(p, year_costs, lang, basis=basis, tax_neutral=tax_neutral),
            costing.allocation_display(p, year_costs, lang, basis=basis, tax_neutral=tax_neutral))


def working_view(p: Portfolio, year: int, building_id: int, lang: str, *, services: tuple[str, ...] = ()) -> Exhibit:
    """The "show the working" tab for one building: its cost lines and the factors behind them."""
    year_costs = costing.select(costing.arrangement_costs(p), year=year, services=services)
    return costing.working_exhibit(p, year_costs, building_id, lang)
