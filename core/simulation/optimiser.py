"""The recommended plan as a mixed-integer program (最优方案): choose each cell's delivery, each bundled
service's number of lots and staff pooling, to maximise the expected NPV saving, its CVaR, or a mix.

Variables: one binary per allowed option (a cell delivered another way; at most one per cell), one per
service and number of lots, one for staff pooling, and one per service for the tender a conversion
without bundling needs. Bundling's saving is linearised as :mod:`core.simulation.option_groups` says,
the curve A·exp(−A/(k c)) followed on ten segments (a binary per segment). The CVaR of the NPV over
the sample of draws is linearised the usual way (Rockafellar and Uryasev): maximise
η − Σ sₙ ÷ (α N) with sₙ ≥ η − NPVₙ, each NPVₙ written through the few factor products of
:data:`core.simulation.options.BASIS`, so that a draw's row holds some thirty numbers however large
the city.

Constraints fall in the groups of :data:`core.simulation.constraints.GROUPS`; each is a set of rows
or bounds that can be switched off or relaxed (see :mod:`core.simulation.explain`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.simulation.constraints import Constraints, Settings
from core.simulation.criteria import Weights
from core.simulation.milp import Model, Solution
from core.simulation.options import Options

CONCAVE_PIECES = 4  # pieces of the bundling curve where it bends down (each needs a binary)
CONVEX_PIECES = 8  # and where it bends up (one binary for them all)
HHI_FULL = 10_000.0  # one vendor holding everything


@dataclass(frozen=True)
class Pieces:
    """The bundling curve A·exp(−A/(k c)) of one service and number of lots, piecewise linear:
    A = start·z + Σ step, curve = at_start·z + slope·step (one z on, with its steps)."""

    service: str
    z: np.ndarray  # region binaries
    start: np.ndarray  # (z,) area where each region starts [m²]
    at_start: np.ndarray  # (z,) the curve there
    step: np.ndarray  # continuous steps into the regions [m²]
    slope: np.ndarray  # (step,)

    def area(self, x: np.ndarray) -> float:
        """The area at a solution [m²]."""
        return float(self.start @ x[self.z] + x[self.step].sum())

    def curve(self, x: np.ndarray) -> float:
        """The curve's piecewise-linear value at a solution [m²]."""
        return float(self.at_start @ x[self.z] + self.slope @ x[self.step])


@dataclass
class Problem:
    """The program of one set of options, constraints and settings, and where each decision sits in it."""

    options: Options
    constraints: Constraints
    settings: Settings
    weights: Weights
    model: Model
    x: np.ndarray  # (options,) variable of each option, −1 where the option has none
    hurdle_rate: float
    quality_floor: float
    rho: np.ndarray  # bundling's fee per m² per service, as used
    tender: dict[str, int] = field(default_factory=dict)  # service → variable: a conversion tender at all
    tender_terms: list[tuple[int, np.ndarray, int, str]] = field(default_factory=list)  # (var, PV per draw, month, service)
    lots: dict[tuple[str, int], int] = field(default_factory=dict)  # (service, k) → variable
    term1: dict[str, int] = field(default_factory=dict)  # service → variable of Σ fee·exp(−a/c) when bundled
    pieces: list[Pieces] = field(default_factory=list)
    pool: int = -1
    pool_groups: list[tuple[int, int]] = field(default_factory=list)  # (group, variable of its value)
    labels: dict[int, tuple[str, object]] = field(default_factory=dict)  # row → (group, year or service)
    blocked: dict[str, np.ndarray] = field(default_factory=dict)  # group → options it bars

    @property
    def horizon(self) -> tuple[int, ...]:
        """The simulated years."""
        return self.options.years


def formulate(o: Options, constraints: Constraints, settings: Settings, weights: Weights,
              rho: np.ndarray | None = None) -> Problem:
    """The decisions, the objective and the restrictions on options for ``o`` under ``constraints``
    (``rho``: bundling's worth per m² per service); :func:`core.simulation.program.build` adds the
    rows of the user's limits."""
    lam = settings.expected_weight
    book = o.base
    hurdle = 0.0 if not constraints.hurdle.enabled else (
        constraints.hurdle.value if constraints.hurdle.value is not None else book.value("hurdle_rate"))
    floor = constraints.vendor_quality.value if constraints.vendor_quality.value is not None else float(
        o.book_value("admission_min_score"))
    m = Model()
    pr = Problem(options=o, constraints=constraints, settings=settings, weights=weights, model=m,
                 x=np.full(len(o.table), -1, dtype=np.int64), hurdle_rate=float(hurdle), quality_floor=float(floor),
                 rho=o.bundling.rho.copy() if rho is None else rho)
    _option_variables(pr, lam)
    _bundling(pr, lam)
    _tenders(pr, lam)
    _pooling(pr, lam)
    if lam < 1:
        _cvar(pr, 1 - lam)
    m.constant = lam * float(o.constant.mean())
    return pr


def _option_variables(pr: Problem, lam: float) -> None:
    o, m, t, c = pr.options, pr.model, pr.options.table, pr.constraints
    forced = {(f.building, f.service.value): f.to.value for f in c.forces}
    locked = {(lk.building, lk.service.value) for lk in c.locks}
    cell_key = list(zip(o.cells["building"], o.cells["service"]))
    has_force = np.array([cell_key[i] in forced for i in t["cell"]])
    bad = t["status"].isin(["no_price", "no_saving", "restricted"]).to_numpy()
    want = ~bad | has_force  # a barred option gets a variable only where a force names its cell
    idx = np.flatnonzero(want)
    value = o.npv_mean()
    pr.x[idx] = m.add(len(idx), integer=True, obj=lam * value[idx])
    for group, statuses in (("restricted", ["restricted"]), ("model", ["no_price", "no_saving"])):
        _bar(pr, group, want & t["status"].isin(statuses).to_numpy())
    if pr.constraints.hurdle.enabled:
        # the model counts a conversion whose realised saving beats the differential
        realised = t["saving0"].to_numpy() * t["realisation"].to_numpy()
        _bar(pr, "hurdle", want & ~(realised > pr.hurdle_rate * t["hurdle_base"].to_numpy()))
    if c.contract_ends:
        _bar(pr, "contract_ends", want & (t["effect_year"].to_numpy() > o.years[-1]))
    if c.vendor_quality.enabled:
        lines = o.vendors
        ok = {s: lines.qualified(s, pr.quality_floor) for s in set(t["service"])}
        _bar(pr, "vendor_quality", want & t["outside"].to_numpy() & ~t["service"].map(ok).to_numpy(dtype=bool))
    for i, key in enumerate(cell_key):
        opts = np.flatnonzero((t["cell"].to_numpy() == i) & want)
        if key in locked:
            _bar(pr, f"lock:{key[0]}|{key[1]}", np.isin(np.arange(len(t)), opts))
        elif key in forced:
            to = forced[key]
            hit = opts[t["to"].to_numpy()[opts] == to]
            if hit.size:
                m.fix(f"force:{key[0]}|{key[1]}", pr.x[hit], lb=1.0)
            else:  # forced to stay as it is
                _bar(pr, f"force:{key[0]}|{key[1]}", np.isin(np.arange(len(t)), opts))
    cells = t.loc[want, "cell"].to_numpy()
    for cell in np.unique(cells[pd.Series(cells).duplicated().to_numpy()]):
        cols = pr.x[want & (t["cell"].to_numpy() == cell)]
        m.row(cols, np.ones(len(cols)), hi=1.0)


def _bar(pr: Problem, group: str, mask: np.ndarray) -> None:
    cols = pr.x[mask & (pr.x >= 0)]
    pr.model.fix(group, cols, ub=0.0)
    pr.blocked[group] = np.flatnonzero(mask)


def _bundling(pr: Problem, lam: float) -> None:
    """Lots per service, the tender a conversion without bundling needs, and bundling's saving."""
    _o, m, b, c = pr.options, pr.model, pr.options.bundling, pr.constraints
    x = pr.x
    m_b = float(b.multiplier.mean()) * b.npv_factor
    k_min = 1 if not c.hhi_cap.enabled else max(1, math.ceil(HHI_FULL / max(c.hhi_cap.value or 1.0, 1.0) - 1e-9))
    for si, s in enumerate(b.services if pr.settings.bundle else ()):
        mine = (b.service_of == si) & (x >= 0)
        most = int(b.count_keep[si] + (b.d_count[mine] > 0).sum())
        # the model's bundling saves more the larger a lot, and tenders cost per lot, so the fewest
        # lots the concentration cap allows are best; one lot stays a choice so the cap can be dropped
        choices = [k for k in sorted({1, k_min}) if k <= min(most, 50)]
        if not choices or b.area_max[si] <= 0:
            continue
        lot = float(b.lot_tender[si].mean())  # a lot is tendered when its first member's contract ends
        ys = {k: int(m.add(1, integer=True, obj=-lam * lot * k)[0]) for k in choices}
        pr.lots.update({(s, k): v for k, v in ys.items()})
        yv = np.array(list(ys.values()))
        m.row(yv, np.ones(len(yv)), hi=1.0)
        # k lots need k outsourced items
        m.row([*yv, *x[mine]], [*choices, *(-b.d_count[mine])], hi=float(b.count_keep[si]))
        w = int(m.add(1, lb=0.0, ub=float(b.f1_max[si]), obj=lam * m_b)[0])
        pr.term1[s] = w
        m.row([w, *x[mine]], [1.0, *(-b.d_f1[mine])], hi=float(b.f1_keep[si]))
        m.row([w, *yv], [1.0, *np.full(len(yv), -b.f1_max[si])], hi=0.0)
        a_cols, a_vals = [], []
        for k, y in ys.items():
            pc = _pieces(m, s, y, float(b.area_max[si]), k * b.scale, -lam * m_b * pr.rho[si])
            pr.pieces.append(pc)
            a_cols += [*pc.z, *pc.step]
            a_vals += [*pc.start, *np.ones(len(pc.step))]
        big = float(b.area_max[si])
        # the lots' area is the service's outsourced area whenever the service is bundled
        cols = [*a_cols, *x[mine], *yv]
        m.row(cols, [*a_vals, *(-b.d_area[mine]), *np.full(len(yv), big)], hi=float(b.area_keep[si]) + big)
        m.row(cols, [*a_vals, *(-b.d_area[mine]), *np.full(len(yv), -big)], lo=float(b.area_keep[si]) - big)


def _tenders(pr: Problem, lam: float) -> None:
    """A service with a conversion to a vendor needs one tender, at its earliest such conversion's
    onset, unless the service is bundled (then the conversion is tendered within the lots). Variable
    w(s, m) says "a tender for s by month m" (it follows the earliest chosen onset, since each month's
    w costs the drop in a tender's present value from that month to the next)."""
    o, m, t, x = pr.options, pr.model, pr.options.table, pr.x
    tau = o.tender  # (months, n)
    outside = t["outside"].to_numpy() & (x >= 0)
    onset = np.minimum(t["onset"].to_numpy(dtype=int), tau.shape[0] - 1)
    service = t["service"].to_numpy()
    for s in sorted(set(service[outside])):
        mine = np.flatnonzero(outside & (service == s))
        ys = [v for (svc, _), v in pr.lots.items() if svc == s]
        months = sorted(set(onset[mine].tolist()))
        prev = -1
        for i, month in enumerate(months):
            later = tau[months[i + 1]] if i + 1 < len(months) else np.zeros(tau.shape[1])
            per_draw = tau[month] - later
            w = int(m.add(1, lb=0.0, ub=1.0, obj=-lam * float(per_draw.mean()))[0])
            for j in mine[onset[mine] == month]:
                m.row([w, x[j], *ys], [1.0, -1.0, *np.ones(len(ys))], lo=0.0)
            if prev >= 0:
                m.row([w, prev], [1.0, -1.0], lo=0.0)
            pr.tender_terms.append((w, per_draw, month, s))
            prev = w
        pr.tender[s] = prev


def _pieces(m: Model, service: str, y: int, top: float, scale: float, cost: float) -> Pieces:
    """The curve A·exp(−A/scale) on [0, top]: it bends down below 2·scale, where each piece needs
    its own binary (a maximiser would otherwise cut the corner), and up beyond, where the pieces'
    slopes rise and a linear program takes them in order by itself. ``cost`` per unit of the curve."""

    def curve(a: np.ndarray) -> np.ndarray:
        return a * np.exp(-a / scale)

    bend = min(2 * scale, top)
    down = np.linspace(0.0, bend, CONCAVE_PIECES + 1)
    width = np.diff(down)
    slope = np.diff(curve(down)) / np.where(width > 0, width, 1.0)
    z = m.add(CONCAVE_PIECES, integer=True, obj=cost * curve(down[:-1]))
    steps = m.add(CONCAVE_PIECES, lb=0.0, ub=width, obj=cost * slope)
    for zi, si, w in zip(z, steps, width):
        m.row([si, zi], [1.0, -w], hi=0.0)
    start, at_start, all_steps, all_slopes = list(down[:-1]), list(curve(down[:-1])), list(steps), list(slope)
    zs = list(z)
    if top > bend:
        up = np.linspace(bend, top, CONVEX_PIECES + 1)
        up_slope = np.diff(curve(up)) / np.diff(up)
        zu = int(m.add(1, integer=True, obj=cost * float(curve(np.array([bend]))[0]))[0])
        su = m.add(CONVEX_PIECES, lb=0.0, ub=np.diff(up), obj=cost * up_slope)
        m.row([*su, zu], [*np.ones(CONVEX_PIECES), -(top - bend)], hi=0.0)
        zs.append(zu)
        start.append(bend)
        at_start.append(float(curve(np.array([bend]))[0]))
        all_steps += list(su)
        all_slopes += list(up_slope)
    m.row([*zs, y], [*np.ones(len(zs)), -1.0], lo=0.0, hi=0.0)
    return Pieces(service=service, z=np.array(zs), start=np.array(start), at_start=np.array(at_start),
                  step=np.array(all_steps), slope=np.array(all_slopes))


def _pooling(pr: Problem, lam: float) -> None:
    """Staff pooling on or off, each group valued at its excess staff's worth, and at nothing where
    the choices take it below its norm (a binary per group that can fall below says which). Groups
    at or below the norm today are left out; the simulator's evaluation counts what rounding to whole
    workers may still release there."""
    o, m, pool = pr.options, pr.model, pr.options.pooling
    if not pool.available or not pr.settings.pool:
        return
    x = pr.x
    on = x >= 0
    pr.pool = int(m.add(1, integer=True)[0])
    weight = lam * float(pool.multiplier.mean())
    cell = o.table["cell"].to_numpy()
    # groups at or below the norm today are left out: only whole-worker rounding could lift them
    for gi in np.flatnonzero(pool.excess_keep > 1e-9):
        mine = on & (pool.group_of == gi)
        keep = float(pool.excess_keep[gi])
        # no single choice takes away more than the excess there is (a tighter, still exact, bound)
        d = np.maximum(pool.d_excess[mine], -keep)
        drops = pd.Series(np.minimum(d, 0.0)).groupby(cell[mine]).min().sum() if mine.any() else 0.0
        lowest = keep + float(drops)  # the least the bound can be
        vp = float(pool.value_per[gi])
        top = vp * float(pool.excess_max[gi])
        value = int(m.add(1, lb=0.0, ub=top, obj=weight)[0])
        m.row([value, pr.pool], [1.0, -top], hi=0.0)
        if lowest >= 0:  # never below the norm: the excess's worth, while pooling is on
            m.row([value, *x[mine]], [1.0, *(-vp * d)], hi=vp * keep)
        else:
            big = vp * (float(pool.excess_max[gi]) - lowest)
            positive = int(m.add(1, integer=True)[0])
            m.row([value, *x[mine], positive], [1.0, *(-vp * d), big], hi=vp * keep + big)
            m.row([value, positive], [1.0, -top], hi=0.0)
        pr.pool_groups.append((int(gi), value))


def _cvar(pr: Problem, weight: float) -> None:
    """η − Σ sₙ ÷ (α N), with sₙ ≥ η − NPVₙ and NPVₙ written through the basis."""
    o, m, x, s = pr.options, pr.model, pr.x, pr.settings
    on = x >= 0
    n = o.draws
    k = o.coef.shape[1]
    sums = m.add(k, lb=-np.inf, ub=np.inf)
    for i in range(k):
        m.row([sums[i], *x[on]], [1.0, *(-o.coef[on, i])], lo=0.0, hi=0.0)
    b = o.bundling
    bundle = int(m.add(1, lb=-np.inf, ub=np.inf)[0])  # bundling's NPV at the book's values
    cols, vals = [bundle], [1.0]
    for _svc, w in pr.term1.items():
        cols.append(w)
        vals.append(-b.npv_factor)
    for pc in pr.pieces:
        rho = pr.rho[b.services.index(pc.service)]
        cols += [*pc.z, *pc.step]
        vals += [*(b.npv_factor * rho * pc.at_start), *(b.npv_factor * rho * pc.slope)]
    m.row(cols, vals, lo=0.0, hi=0.0)
    eta = int(m.add(1, lb=-np.inf, ub=np.inf, obj=weight)[0])
    short = m.add(n, lb=0.0, ub=np.inf, obj=-weight / (s.alpha * n))
    for j in range(n):
        cols = [int(short[j]), eta, *sums, bundle, *(w for w, _, _, _ in pr.tender_terms), *pr.lots.values()]
        vals = [1.0, -1.0, *o.basis[:, j], float(b.multiplier[j]), *(-pv[j] for _, pv, _, _ in pr.tender_terms),
                *(-k * float(b.lot_tender[b.services.index(svc), j]) for (svc, k) in pr.lots)]
        for _, v in pr.pool_groups:
            cols.append(v)
            vals.append(float(o.pooling.multiplier[j]))
        m.row(cols, vals, lo=-float(o.constant[j]))


# --- reading a solution ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Choice:
    """The decisions of a solution: option per cell, lots per bundled service, pooling."""

    chosen: dict[int, str]  # cell → delivery
    options: tuple[int, ...]  # the chosen options (rows of the option table)
    lots: dict[str, int]
    pooling: bool


def decode(pr: Problem, sol: Solution) -> Choice:
    """The decisions of a solution."""
    assert sol.x is not None
    x = sol.x
    t = pr.options.table
    picked = tuple(int(j) for j in np.flatnonzero((pr.x >= 0) & (x[np.maximum(pr.x, 0)] > 0.5)))
    chosen = {int(t.at[j, "cell"]): str(t.at[j, "to"]) for j in picked}
    lots = {s: k for (s, k), v in pr.lots.items() if x[v] > 0.5}
    return Choice(chosen=chosen, options=picked, lots=dict(sorted(lots.items())),
                  pooling=bool(pr.pool >= 0 and x[pr.pool] > 0.5))


def npv_draws(pr: Problem, sol: Solution, choice: Choice) -> np.ndarray:
    """The optimiser's own NPV of a solution for every draw of the sample [CNY]."""
    assert sol.x is not None
    o, x, b = pr.options, sol.x, pr.options.bundling
    idx = list(choice.options)
    value = o.constant + (o.coef[idx].sum(axis=0) @ o.basis if idx else 0.0)
    book = 0.0
    for _s, w in pr.term1.items():
        book += b.npv_factor * x[w]
    for pc in pr.pieces:
        book -= b.npv_factor * pr.rho[b.services.index(pc.service)] * pc.curve(x)
    tenders = sum(round(x[w]) * pv for w, pv, _, _ in pr.tender_terms) + sum(
        k * round(x[v]) * b.lot_tender[b.services.index(s)] for (s, k), v in pr.lots.items())
    pooled = sum(x[v] for _, v in pr.pool_groups)
    return np.asarray(value + b.multiplier * book + o.pooling.multiplier * pooled - tenders)
