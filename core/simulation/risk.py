"""How sure the saving is (风险): Monte Carlo over the uncertain factors, tornado, break-even values,
Sobol indices, and budget volatility before and after.

Every factor of :data:`core.simulation.plan.MODEL_INPUTS` that the assumption book gives a distribution is
uncertain: ``triangular`` (low = minimum, value = mode, high = maximum), ``uniform`` (low to high)
or ``normal`` (low and high are its P10 and P90). Each is a scipy.stats distribution
(:attr:`Uncertain.dist`), whose quantiles the tornado, the break-even search and the Sobol indices
use. The Monte Carlo draws every factor at once with numpy's generator for the same distribution
(factors × draws, each factor's row as drawn) and then evaluates the draws in chunks (the demo's
10,000 in one), so a seed always gives the same result whatever the chunk size. The scenario's
savings for every draw come from :func:`core.simulation.model.totals` — the totals over all groups of
:func:`core.simulation.model.evaluate`, the same function as the deterministic result: with every
distribution collapsed to its mode the two agree.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from core.domain.modes import modes_of_buildings
from core.simulation import slots
from core.simulation.levers import LEVERS
from core.simulation.model import evaluate, totals
from core.simulation.plan import MODEL_INPUTS, Plan
from core.store.book import AssumptionBook
from core.store.repo import Portfolio

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 20_260_101
QUANTILES: tuple[float, ...] = (0.10, 0.50, 0.90)  # P10, P50, P90
FAN: tuple[float, ...] = (0.10, 0.25, 0.50, 0.75, 0.90)
Z90 = float(special.ndtri(0.90))  # a normal's P90 is this many standard deviations above its mean
DRAWS_PER_CHUNK = 16_384  # evaluated at once: the demo's 10,000 draws in one call (a call's overhead is per chunk)
CELLS_PER_CHUNK = 4_000_000  # and at most this many cells of the largest temporary array: ~32 MB
SOBOL_N = 1_024
BREAKEVEN_GRID = 49
Progress = Callable[[float], object]


@dataclass(frozen=True)
class Uncertain:
    """One uncertain factor of the book and its distribution."""

    key: str
    name_zh: str
    name_en: str
    kind: str  # triangular, uniform, normal
    low: float
    mode: float
    high: float

    def name(self, lang: str) -> str:
        """The factor's name in ``lang``."""
        return self.name_en if lang == "en" else self.name_zh

    @property
    def dist(self) -> stats.rv_continuous:
        """The distribution as a frozen scipy.stats object."""
        if self.kind == "triangular":
            return stats.triang((self.mode - self.low) / (self.high - self.low), loc=self.low, scale=self.high - self.low)
        if self.kind == "uniform":
            return stats.uniform(loc=self.low, scale=self.high - self.low)
        return stats.norm(loc=(self.low + self.high) / 2, scale=(self.high - self.low) / (2 * Z90))

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """The quantiles at ``u`` (in closed form: the same values as ``dist.ppf``, without its overhead)."""
        a, c, b = self.low, self.mode, self.high
        if self.kind == "triangular":
            fc = (c - a) / (b - a)
            return np.where(u < fc, a + np.sqrt(u * (b - a) * (c - a)), b - np.sqrt((1 - u) * (b - a) * (b - c)))
        if self.kind == "uniform":
            return a + u * (b - a)
        return (a + b) / 2 + (b - a) / (2 * Z90) * special.ndtri(u)

    @property
    def median(self) -> float:
        """The distribution's median."""
        return float(self.ppf(np.array([0.5]))[0])

    def search_range(self) -> tuple[float, float]:
        """Where a break-even value is looked for: the support (P0.1–P99.9 for a normal) stretched
        three times around the median, never below zero for a factor that cannot be negative."""
        lo, hi = (self.low, self.high) if self.kind != "normal" else tuple(self.ppf(np.array([0.001, 0.999])))
        m = self.median
        wide_lo, wide_hi = m - 3 * (m - lo), m + 3 * (hi - m)
        return (max(wide_lo, 0.0) if lo >= 0 else wide_lo), wide_hi


def uncertain_inputs(book: AssumptionBook) -> tuple[Uncertain, ...]:
    """The model's factors that the book gives a (non-degenerate) distribution, in model order."""
    out = []
    for key in MODEL_INPUTS:
        f = book.factor(key)
        if f.distribution not in ("triangular", "uniform", "normal") or f.low is None or f.high is None:
            continue
        if not f.high > f.low:
            continue  # collapsed to one value: not uncertain
        mode = min(max(f.value, f.low), f.high)
        out.append(Uncertain(key, f.name_zh, f.name_en, f.distribution, float(f.low), float(mode), float(f.high)))
    return tuple(out)


def _theta(plan: Plan, inputs: tuple[Uncertain, ...], values: np.ndarray) -> np.ndarray:
    """The full parameter matrix: the book's values, with the uncertain rows set to ``values`` (d × n)."""
    theta = np.empty((len(MODEL_INPUTS), values.shape[1]))
    uncertain = {u.key: row for u, row in zip(inputs, values)}
    for i, key in enumerate(MODEL_INPUTS):
        theta[i] = uncertain[key] if key in uncertain else plan.theta0[i]
    return theta


def _draw(u: Uncertain, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` draws of one factor."""
    if u.kind == "triangular":
        return rng.triangular(u.low, u.mode, u.high, n)
    if u.kind == "uniform":
        return rng.uniform(u.low, u.high, n)
    return rng.normal((u.low + u.high) / 2, (u.high - u.low) / (2 * Z90), n)


def sample(plan: Plan, inputs: tuple[Uncertain, ...], n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` draws of the whole parameter matrix (the fixed factors at the book's values): the Monte Carlo's
    rows (:func:`_rows`, the same stream of the generator) as one matrix."""
    rows = _rows(plan, inputs, n, rng)
    return np.stack([rows[k] for k in MODEL_INPUTS])


def _rows(plan: Plan, inputs: tuple[Uncertain, ...], n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """What :func:`sample` draws, each factor's row by name (no matrix to copy them into; the fixed
    factors as read-only views of the book's value)."""
    drawn = {u.key: _draw(u, n, rng) for u in inputs}
    return {k: drawn[k] if k in drawn else np.broadcast_to(plan.theta0[i], (n,)) for i, k in enumerate(MODEL_INPUTS)}


def cells_per_draw(plan: Plan, *, totals: bool = True) -> int:
    """The size of the largest temporary array an evaluation makes, per draw: of the Monte Carlo's totals
    (:meth:`core.simulation.slots.Program.cells_per_draw`), or by channel, where every channel's yearly
    figures are also laid out (:func:`core.simulation.model.evaluate`)."""
    own = slots.program(plan, totals=totals).cells_per_draw(plan.horizon)
    return own if totals else max(own, plan.channels.size * plan.horizon)


def chunk_size(plan: Plan, *, totals: bool = True) -> int:
    """Draws evaluated at once: :data:`DRAWS_PER_CHUNK`, fewer when a temporary array would exceed
    :data:`CELLS_PER_CHUNK` (a city of many lot areas or many onsets; by channel, many groups), never
    fewer than 64."""
    return max(64, min(DRAWS_PER_CHUNK, CELLS_PER_CHUNK // max(1, cells_per_draw(plan, totals=totals))))


def npv_of(plan: Plan, theta: np.ndarray) -> np.ndarray:
    """The NPV saving for each column of ``theta``, evaluated in chunks."""
    step = chunk_size(plan)
    return np.concatenate([totals(plan, theta[:, i:i + step]).npv for i in range(0, theta.shape[1], step)])


# --- Monte Carlo ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MonteCarlo:
    """The distribution of the scenario's savings over ``draws`` draws of the uncertain factors."""

    draws: int
    seed: int
    npv: np.ndarray  # (draws,) NPV of the net saving [CNY]
    net: np.ndarray  # (H, draws) net saving per year [CNY]
    lever_saving: np.ndarray  # (L, draws) annual saving at full effect per lever [CNY/yr]
    by_lever: np.ndarray  # (L, H, draws) saving per lever and year [CNY]
    one_time: np.ndarray  # (H, draws) one-time costs per year [CNY]
    people: np.ndarray  # (3, H, draws) people released per type (people.TYPES) and year [persons]
    hurdle_npv: np.ndarray  # (draws,)
    beats: np.ndarray  # (draws,) bool

    def npv_quantiles(self) -> np.ndarray:
        """P10, P50, P90 of the NPV saving [CNY]."""
        return np.quantile(self.npv, QUANTILES)

    def fan(self) -> np.ndarray:
        """Quantiles :data:`FAN` of the net saving of each year (5 × H) [CNY]."""
        return np.quantile(self.net, FAN, axis=1)

    def lever_quantiles(self) -> np.ndarray:
        """P10, P50, P90 of each lever's annual saving at full effect (3 × L) [CNY/yr]."""
        return np.quantile(self.lever_saving, QUANTILES, axis=1)

    def schedule_quantiles(self) -> np.ndarray:
        """P10, P50, P90 of each lever's saving in each year (3 × L × H) [CNY]."""
        return np.quantile(self.by_lever, QUANTILES, axis=2)

    def year_quantiles(self) -> np.ndarray:
        """P10, P50, P90 of the gross saving of each year (3 × H) [CNY]."""
        return np.quantile(self.by_lever.sum(axis=0), QUANTILES, axis=1)

    def people_quantiles(self) -> np.ndarray:
        """P10, P50, P90 of the people released per type and year (3 × types × H) [persons]."""
        return np.quantile(self.people, QUANTILES, axis=2)

    @property
    def prob_positive(self) -> float:
        """Probability that the NPV saving is positive."""
        return float((self.npv > 0).mean())

    @property
    def prob_beats(self) -> float:
        """Probability that the scenario beats the hurdle (see :mod:`core.simulation.model`)."""
        return float(self.beats.mean())

    def histogram(self, bins: int = 40, edges: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Counts of the NPV saving in ``bins`` equal bins (or over ``edges``) and the bin edges [CNY]."""
        lo, hi = float(self.npv.min()), float(self.npv.max())
        if edges is None:
            edges = np.linspace(lo, hi, bins + 1) if hi > lo else np.array([lo - 0.5, hi + 0.5])
        counts, edges = np.histogram(self.npv, bins=edges)
        return counts, edges


def monte_carlo(plan: Plan, inputs: tuple[Uncertain, ...], *, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED,
                progress: Progress | None = None) -> MonteCarlo:
    """Run the scenario at ``draws`` seeded draws of the uncertain ``inputs``, in chunks."""
    rows = _rows(plan, inputs, draws, np.random.default_rng(seed))  # all at once: small (factors × draws)
    step = chunk_size(plan)
    parts = []
    for start in range(0, draws, step):
        parts.append(totals(plan, {k: v[start:start + step] for k, v in rows.items()}))
        if progress is not None:
            progress(min(1.0, (start + step) / draws))
    fields = ("npv", "net", "lever_saving", "by_lever", "one_time", "people", "hurdle_npv", "beats")
    if len(parts) == 1:
        return MonteCarlo(draws=draws, seed=seed, **{k: getattr(parts[0], k) for k in fields})
    return MonteCarlo(draws=draws, seed=seed, **{k: np.concatenate([getattr(d, k) for d in parts], axis=-1)
                                                 for k in fields})


# --- sensitivity -----------------------------------------------------------------------------------
def tornado(plan: Plan, inputs: tuple[Uncertain, ...]) -> pd.DataFrame:
    """Each uncertain factor at its P10 and P90, the others at their medians: the NPV saving at each
    end, the swing, and the factor's break-even value (where the NPV saving crosses zero, looked for
    within :meth:`Uncertain.search_range`; NaN when it does not cross there). Sorted by swing, widest
    first. Columns: ``key``, ``low``, ``high`` (the factor's P10 and P90), ``npv_low``, ``npv_high``,
    ``swing``, ``base`` (NPV with every factor at its median), ``breakeven``."""
    cols = ["key", "low", "high", "npv_low", "npv_high", "swing", "base", "breakeven"]
    if not inputs:
        return pd.DataFrame(columns=cols)
    med = np.array([u.median for u in inputs])
    d = len(inputs)
    p10 = np.array([float(u.ppf(np.array([0.1]))[0]) for u in inputs])
    p90 = np.array([float(u.ppf(np.array([0.9]))[0]) for u in inputs])
    values = np.repeat(med[:, None], 2 * d + 1, axis=1)
    values[np.arange(d), 1 + np.arange(d)] = p10
    values[np.arange(d), 1 + d + np.arange(d)] = p90
    npv = npv_of(plan, _theta(plan, inputs, values))
    base, low, high = npv[0], npv[1:1 + d], npv[1 + d:]
    out = pd.DataFrame({"key": [u.key for u in inputs], "low": p10, "high": p90, "npv_low": low, "npv_high": high,
                        "swing": np.abs(high - low), "base": base, "breakeven": breakevens(plan, inputs, med)})
    return out.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def breakevens(plan: Plan, inputs: tuple[Uncertain, ...], med: np.ndarray) -> np.ndarray:
    """Each factor's value at which the NPV saving is zero, the others at ``med`` (NaN if none in range).

    A grid over every factor's search range is evaluated in one call; where the NPV changes sign,
    the crossing nearest the median is refined by Brent's method.
    """
    d, k = len(inputs), BREAKEVEN_GRID
    grids = np.stack([np.linspace(*u.search_range(), k) for u in inputs])
    values = np.repeat(med[:, None], d * k, axis=1)
    for j in range(d):
        values[j, j * k:(j + 1) * k] = grids[j]
    npv = npv_of(plan, _theta(plan, inputs, values)).reshape(d, k)
    out = np.full(d, np.nan)
    for j in range(d):
        y, x = npv[j], grids[j]
        if np.ptp(y) <= 1e-6 * max(1.0, float(np.abs(y).max())):
            continue  # the scenario does not depend on this factor
        cross = np.flatnonzero(np.sign(y[:-1]) * np.sign(y[1:]) <= 0)
        if not cross.size:
            continue
        i = int(cross[np.argmin(np.abs(x[cross] - med[j]))])
        if y[i] == 0:
            out[j] = x[i]
            continue

        def f(v: float, j: int = j) -> float:
            point = med.copy()
            point[j] = v
            return float(evaluate(plan, _theta(plan, inputs, point[:, None])).npv[0])

        out[j] = optimize.brentq(f, x[i], x[i + 1], xtol=1e-9 * max(1.0, abs(x[i])))
    return out


def sobol(plan: Plan, inputs: tuple[Uncertain, ...], *, n: int = SOBOL_N, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """First-order and total Sobol indices of the NPV saving for each uncertain factor
    (``scipy.stats.sobol_indices``, n·(d + 2) evaluations), clipped to [0, 1]; zeros when the
    saving does not vary. Columns: ``key``, ``first``, ``total``."""
    keys = [u.key for u in inputs]
    if not inputs:
        return pd.DataFrame({"key": keys, "first": [], "total": []})
    probe = npv_of(plan, sample(plan, inputs, 256, np.random.default_rng(seed)))
    if np.ptp(probe) <= 1e-9 * max(1.0, float(np.abs(probe).max())):
        return pd.DataFrame({"key": keys, "first": 0.0, "total": 0.0})
    res = stats.sobol_indices(func=lambda x: npv_of(plan, _theta(plan, inputs, x))[None, :], n=n,
                              dists=[u.dist for u in inputs], rng=np.random.default_rng(seed))
    first, total = (np.asarray(x, dtype=float).reshape(-1) for x in (res.first_order, res.total_order))  # one output
    return pd.DataFrame({"key": keys, "first": np.clip(first, 0, 1), "total": np.clip(total, 0, 1)})


# --- budget volatility -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Volatility:
    """Budget volatility (CV of actual ÷ budget across years, :func:`core.domain.compare.budget_volatility`)
    of the scope's buildings: the mean today, and after the scenario changes their support modes."""

    before: float
    after: float
    by_mode: dict[str, float]  # mean volatility of each mode's buildings today


def budget_volatility(p: Portfolio, plan: Plan) -> Volatility:
    """Volatility before (observed) and after: each building whose support mode the scenario changes
    has its volatility scaled by the ratio of the mean volatility of its new mode's buildings to that
    of its old mode's (the city's own experience of each mode) — or, when its old mode's buildings
    were all perfectly steady, takes its new mode's mean; other buildings keep theirs."""
    cv = plan.items.drop_duplicates("building_id").set_index("building_id")["budget_cv"]
    before_modes = modes_of_buildings(p.arrangements, p.buildings["id"])
    by_mode = cv.groupby(before_modes.reindex(cv.index)).mean()
    it = plan.items
    changed = it.loc[it["converted"]].set_index("id")["kind1"]
    a = p.arrangements
    arr = a.assign(delivery=a["delivery"].where(~a["id"].isin(changed.index), a["id"].map(changed)))
    after_modes = modes_of_buildings(arr, p.buildings["id"])
    scope = pd.Index(it.loc[it["in_scope"], "building_id"].unique()).intersection(cv.dropna().index)
    own = cv.reindex(scope)
    old = before_modes.reindex(scope).map(by_mode)
    new = after_modes.reindex(scope).map(by_mode)
    changed = (after_modes.reindex(scope) != before_modes.reindex(scope)) & new.notna()
    # a building whose mode changes takes its own volatility × (new mode's mean ÷ old mode's mean); when
    # every building of its old mode was perfectly steady (mean 0) the ratio has no meaning, and it takes
    # the new mode's mean itself (never 0 × ∞, which would drop it from the mean)
    scaled = own * (new / old.where(old > 0))
    after = own.where(~changed, scaled.where(old > 0, new))
    return Volatility(before=float(own.mean()) if len(own) else float("nan"),
                      after=float(after.mean()) if len(after) else float("nan"),
                      by_mode={str(k): float(v) for k, v in by_mode.items()})


def lever_index(lever: str) -> int:
    """The row of a lever in the lever arrays."""
    return LEVERS.index(lever)
