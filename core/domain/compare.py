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
from core.domain.quality import building_scores
from core.store.repo import Portfolio

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


@dataclass(frozen=True)
class Cheapest:
    """The cheapest support mode, measured one way everywhere: the mode's total full cost ÷ its total
    floor area [CNY/(m²·yr)]; the median of its buildings' cost per m² is the robustness check."""

    mode: str
    cost_per_m2: float  # total ÷ area [CNY/(m²·yr)]
    median_mode: str  # the cheapest by the median of buildings
    median_cost_per_m2: float  # that mode's median [CNY/(m²·yr)]
    buildings: int  # buildings of the cheapest mode

    @property
    def robust(self) -> bool:
        """Whether the median of buildings names the same mode."""
        return self.mode == self.median_mode


def cheapest_mode(summary: pd.DataFrame) -> Cheapest | None:
    """The cheapest mode of :func:`mode_comparison` (None when no mode has a building)."""
    present = summary.loc[(summary["buildings"] > 0) & summary["cost_per_m2"].notna()]
    if present.empty:
        return None
    by_total = present.loc[present["cost_per_m2"].idxmin()]
    medians = present.dropna(subset=["median_cost_per_m2"])
    by_median = medians.loc[medians["median_cost_per_m2"].idxmin()] if len(medians) else by_total
    return Cheapest(mode=str(by_total["mode"]), cost_per_m2=float(by_total["cost_per_m2"]),
                    median_mode=str(by_median["mode"]), median_cost_per_m2=float(by_median["median_cost_per_m2"]),
                    buildings=int(by_total["buildings"]))


def service_spending(p: Portfolio, year: int, costs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where the money goes by service item in ``year``, and the cheapest delivery of each.

    One row per service in the services' order: ``service``, ``recorded`` [CNY] and its ``share`` of
    the year's recorded spending, ``paid_at_actual``; per delivery type ``<delivery>_per_m2`` = the
    full cost of the arrangements delivered that way ÷ their buildings' floor area [CNY/(m²·yr)] (the
    same measure as the cheapest mode) with ``<delivery>_buildings``; ``cheapest`` (a delivery type,
    or "" for items paid at actual or delivered one way only) and ``cheapest_per_m2``.
    """
    costs = costing.select(costing.arrangement_costs(p) if costs is None else costs, year=year)
    area = p.buildings.set_index("id")["gross_floor_area_m2"]
    c = costs.assign(area_m2=costs["building_id"].map(area))
    out = c.groupby("service", sort=False).agg(recorded=("recorded", "sum")).reindex(p.services["code"]).fillna(0.0)
    out["share"] = out["recorded"] / out["recorded"].sum() if out["recorded"].sum() else 0.0
    out["paid_at_actual"] = p.services.set_index("code")["paid_at_actual"].reindex(out.index).astype(bool)
    delivered = c.loc[c["kind"] != "actual"]
    g = delivered.groupby(["service", "kind"]).agg(full=("full_cost", "sum"), area=("area_m2", "sum"),
                                                   buildings=("building_id", "nunique"))
    g["per_m2"] = g["full"] / g["area"].where(g["area"] > 0)
    kinds = [k for k in costing.INDIRECT_FACTOR]
    for k in kinds:
        sub = g.xs(k, level="kind") if k in g.index.get_level_values("kind") else g.iloc[0:0].droplevel("kind")
        out[f"{k}_per_m2"] = sub["per_m2"].reindex(out.index)
        out[f"{k}_buildings"] = sub["buildings"].reindex(out.index).fillna(0).astype(int)
    per = out[[f"{k}_per_m2" for k in kinds]]
    several = per.notna().sum(axis=1) >= 2
    values = per.to_numpy(dtype=float)
    filled = np.where(np.isnan(values), np.inf, values)
    pick = filled.argmin(axis=1)
    out["cheapest"] = np.where(several.to_numpy(), np.array(kinds, dtype=object)[pick], "")
    out["cheapest_per_m2"] = np.where(several.to_numpy(), filled.min(axis=1), np.nan)
    return out.rename_axis("service").reset_index()


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
