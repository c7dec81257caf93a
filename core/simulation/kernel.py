"""The evaluation kernel (求值核心): a plan compiled into slots (:mod:`core.simulation.slots`) placed on the
calendar for a matrix of factor values (draws on the last axis): each slot's amount in each year, and at
full effect.

On the hot path the work per draw is a few passes over small arrays. Two numpy idioms that cost
several times the arithmetic on these shapes are kept off it: ``np.add.reduceat`` along the first
axis (runs are summed row by row instead, :func:`_sums`) and fancy-indexed ``+=`` into a large array
(a few slots are added one by one, :func:`_add`). A flow's share of a year is worked out draw by
draw only in the years its lever's slips make partial: before them it is nothing, after them all of it
(:func:`_by_year`, :func:`_read`). Past :data:`LOOP_SLOTS` pairs or tables (a plan by building or by
item), the same arithmetic runs as whole-array operations.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np

from core.simulation.blocks import Mult
from core.simulation.calendar import event_share, ramp_share, reached, step_share
from core.simulation.levers import LEVERS
from core.simulation.plan import RAMP, Plan
from core.simulation.slots import AttritionRows, Program, Spread, Tabled

LOOP_SLOTS = 64  # up to this many runs or slots, a loop of basic-indexed operations beats one vectorised call


@dataclass(frozen=True)
class Terms:
    """The factor terms of n draws that the flows are linear in (see :func:`core.simulation.model.terms`)."""

    f: dict[str, np.ndarray]  # each factor of the book, (n,)
    mu: dict[str, np.ndarray]  # the named factor terms (core.simulation.model.multipliers), (n,)
    mults: np.ndarray  # (M, n) the plan's multipliers
    rho: np.ndarray  # (L, n) each lever's realisation share
    delay: np.ndarray  # (L, n) each lever's delay [years]
    slip: np.ndarray  # (n,) the expected roll-over after failed tenders [years]

    @property
    def n(self) -> int:
        """Draws."""
        return int(self.slip.shape[0])

    def product(self, mult: Mult, out: np.ndarray | None = None) -> np.ndarray:
        """(n,) the product of the named terms (1 for ``()``), into ``out`` if given."""
        out = np.empty(self.n) if out is None else out
        if not mult:
            out[:] = 1.0
        elif len(mult) == 1:
            out[:] = self.mu[mult[0]]
        else:
            np.multiply(self.mu[mult[0]], self.mu[mult[1]], out=out)
            for name in mult[2:]:
                out *= self.mu[name]
        return out


def place(prog: Program, plan: Plan, terms: Terms) -> tuple[np.ndarray, np.ndarray]:
    """Every flow of the plan for the draws of ``terms``: (S, H, n) each slot's amount in each year at
    base-year prices, and (S, n) at full effect (meaningful for savings)."""
    n, horizon = terms.n, plan.horizon
    acc = np.zeros((prog.size, horizon, n))
    full = np.zeros((prog.size, n))
    mults = terms.mults
    for sp, step in ((prog.steps, True), (prog.events, False)):
        if sp.size:
            _spread(sp, _values(sp, mults), terms, horizon, acc, full if step else None, step)
    for tables, step in ((prog.step_tables, True), (prog.event_tables, False)):
        _read(tables, terms, horizon, acc, full, step)
    c = prog.curve
    if c is not None:
        f = terms.f
        scale_m2 = np.maximum(f["bundling_scale_m2"], 1.0)  # [m²]; a break-even search may try zero
        e = np.multiply.outer(-c.areas, 1 / scale_m2)  # (U, n)
        curve = c.weights @ np.exp(e, out=e)  # (R, n)
        curve *= f["bundling_max_saving"]
        _spread(c.spread, _sums(curve * mults[c.spread.mult], c.spread.sums), terms, horizon, acc, full, True)
    for r in prog.ramps:
        m = np.stack([terms.product(mult) for mult in r.mults])  # (K, n)
        w = np.einsum("sk,kn->sn", r.amount, m)  # (S, n); einsum: no BLAS threads
        share = ramp_share(terms.delay[r.lever], terms.f[RAMP[LEVERS[r.lever]]] / 12, horizon)  # (H, n)
        _add(acc, r.slots, w[:, None, :] * share)
        _add(full, r.slots, w)
    if prog.attrition is not None:
        _attrition(prog.attrition, terms, horizon, acc, full)
    return acc, full


def _spread(sp: Spread, pairs: np.ndarray, terms: Terms, horizon: int, acc: np.ndarray,
            full: np.ndarray | None, step: bool) -> None:
    """Each (slot, row) pair's value ``pairs`` (P, n) spread over the years from the pair's onset."""
    if full is not None:
        _add(full, sp.slots, pairs, sp.starts)
    if pairs.shape[0] > LOOP_SLOTS:
        t = _times(sp, terms)
        spread = step_share(t, horizon) if step else event_share(t, horizon)  # (P, H, n)
        spread *= pairs[:, None, :]
        _add(acc, sp.slots, spread, sp.starts)
        return
    # pair by pair: a pair starts at its onset plus its lever's slip, which all the lever's pairs share
    slips: dict[tuple[int, bool], tuple[np.ndarray, float, float]] = {}
    x = np.empty(terms.n)  # a year's shares, reused
    for p, (s, onset, lever, tender) in enumerate(zip(sp.pair_slots, sp.onset.tolist(), sp.lever.tolist(),
                                                       sp.tender.tolist())):
        if (lever, tender) not in slips:
            d = terms.delay[lever] + terms.slip if tender else terms.delay[lever]
            slips[lever, tender] = d, float(d.min()), float(d.max())
        d, low, high = slips[lever, tender]
        _by_year(acc[s], pairs[p], onset, d, step, x, onset + low, onset + high)


def _by_year(out: np.ndarray, v: np.ndarray, onset: float, d: np.ndarray, step: bool, x: np.ndarray, lo: float,
             hi: float) -> None:
    """``out`` (H, n) += ``v`` spread from t = ``onset`` + ``d`` (n,), which lies in [lo, hi]: the share is
    worked out only in the years where the draws differ (before, nothing; after, all of ``v``), as
    :func:`core.simulation.calendar.step_share` or :func:`core.simulation.calendar.event_share` gives it."""
    horizon = out.shape[0]
    if not (math.isfinite(lo) and math.isfinite(hi)):
        t = (onset + d)[None, :]
        out += v * (step_share(t, horizon) if step else event_share(t, horizon))[0]
        return
    first = max(0, math.floor(lo))
    if step:  # clip(k + 1 − t, 0, 1): 0 while k + 1 ≤ lo, 1 once k ≥ hi
        last = min(horizon, max(0, math.ceil(hi)))
        for k in range(first, last):
            np.subtract(k + 1.0 - onset, d, out=x)
            np.clip(x, 0.0, 1.0, out=x)
            x *= v
            out[k] += x
        if last < horizon:
            out[last:] += v
        return
    below, above = math.floor(lo), math.floor(hi)  # the event falls in year floor(t)
    year = None if below == above else np.floor(onset + d)
    for k in range(first, min(horizon, above + 1)):
        out[k] += v if year is None else v * (year == k)


def _read(classes: tuple[Tabled, ...], terms: Terms, horizon: int, acc: np.ndarray, full: np.ndarray,
          step: bool) -> None:
    """Flows read from tables of yearly shares by slip (see :class:`core.simulation.blocks.Table`)."""
    for c in classes:  # each lever's start slips alike for all its flows
        months = np.minimum(np.maximum(12 * (terms.delay[c.lever] + (terms.slip if c.tender else 0.0)), 0.0),
                            12 * horizon)
        below = np.floor(months)
        at = below.astype(np.intp)
        m = terms.mults[c.mult]  # (Q, n)
        if step:
            for q, slot in enumerate(c.slots):
                full[slot] += c.total[q] * m[q]
        if len(c.slots) > LOOP_SLOTS:
            spread = np.take(c.table, at, axis=2)  # (Q, H, n)
            if step:  # exact between whole months: the shares are linear there
                spread += np.take(c.slope, at, axis=2) * (months - below)
            spread *= m[:, None, :]
            acc[np.asarray(c.slots)[c.runs]] += _sums(spread, c.runs)
            continue
        # year by year: where a year's share does not change over the slips drawn it is a constant
        lo, hi = int(at.min()), int(at.max())
        frac = months - below
        for q, slot in enumerate(c.slots):
            for k, changes in enumerate(c.changes[q]):
                i = bisect.bisect_left(changes, lo)
                if i == len(changes) or changes[i] > (hi if step else hi - 1):
                    if c.table[q, k, lo] != 0:
                        acc[slot, k] += c.table[q, k, lo] * m[q]
                    continue
                x = c.table[q, k][at]
                if step:
                    x += c.slope[q, k][at] * frac
                x *= m[q]
                acc[slot, k] += x


def _attrition(a: AttritionRows, terms: Terms, horizon: int, acc: np.ndarray, full: np.ndarray) -> None:
    """Established posts released by attrition and redeployment: their cost until they go, and who goes."""
    r, f = a.rows, terms.f
    t = r.onset[:, None] + terms.delay[r.lever] + np.where(r.tender[:, None], terms.slip[None, :], 0.0)  # (R, n)
    pace = f["attrition_established"] * r.base[:, None] + f["redeployment_rate"] * r.posts[:, None]  # posts/yr
    length = np.where(pace > 0, r.posts[:, None] / np.where(pace > 0, pace, 1.0), np.inf)  # [years]
    scale = np.where(r.realised[:, None], terms.rho[r.lever], 1.0)  # (R, n)
    cost = r.wages[:, None] * terms.mu["ih"] * scale  # (R, n) [CNY/yr] once all are released
    _add(acc, a.save_slots, cost[:, None, :] * ramp_share(t, length, horizon), a.save_starts)
    _add(full, a.save_slots, cost, a.save_starts)
    gone = reached(t, length, horizon)  # share released by the end of each year …
    gone[:, 1:] -= gone[:, :-1].copy()  # … and in each year
    gone *= (r.posts[:, None] * scale)[:, None, :]
    _add(acc, a.people_slots, gone, a.people_starts)


def _sums(x: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The rows of ``x`` summed over the runs that begin at ``starts`` (``np.add.reduceat`` along the
    first axis, row by row when the runs are few)."""
    if starts.size == x.shape[0]:
        return x
    if starts.size > LOOP_SLOTS:
        return np.add.reduceat(x, starts, axis=0)
    out = np.empty((starts.size, *x.shape[1:]))
    ends = [*starts[1:].tolist(), x.shape[0]]
    for i, (a, b) in enumerate(zip(starts.tolist(), ends)):
        if b - a == 1:
            out[i] = x[a]
        else:
            np.sum(x[a:b], axis=0, out=out[i])
    return out


def _add(acc: np.ndarray, slots: np.ndarray, block: np.ndarray, starts: np.ndarray | None = None) -> None:
    """``acc[slots] += block`` for distinct ``slots``, each row of ``block`` or, with ``starts``, each run
    of rows beginning there (slot by slot when they are few)."""
    if slots.size > LOOP_SLOTS:
        acc[slots] += block if starts is None else _sums(block, starts)
        return
    if starts is None or starts.size == block.shape[0]:
        for i, s in enumerate(slots.tolist()):
            acc[s] += block[i]
        return
    ends = [*starts[1:].tolist(), block.shape[0]]
    for s, a, b in zip(slots.tolist(), starts.tolist(), ends):
        acc[s] += block[a] if b - a == 1 else block[a:b].sum(axis=0)


def _values(sp: Spread, mults: np.ndarray) -> np.ndarray:
    """(P, n) each pair's amount times its multipliers, summed over its entries."""
    if sp.size > LOOP_SLOTS:
        return _sums(sp.amount[:, None] * mults[sp.mult], sp.sums)
    out = np.empty((sp.sums.size, mults.shape[1]))
    ends = [*sp.sums[1:].tolist(), sp.size]
    for p, (a, b) in enumerate(zip(sp.sums.tolist(), ends)):
        np.multiply(mults[sp.mult[a]], sp.amount[a], out=out[p])
        for e in range(a + 1, b):
            out[p] += mults[sp.mult[e]] * sp.amount[e]
    return out


def _times(sp: Spread, terms: Terms) -> np.ndarray:
    """(P, n) when each pair starts [years from the first year's start]."""
    t = sp.onset[:, None] + terms.delay[sp.lever]
    np.add(t, terms.slip, out=t, where=sp.tender[:, None])
    return t
