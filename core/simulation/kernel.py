"""The evaluation kernel (求值核心): a plan's flows compiled once into *slots* — where money and people
land — and placed on the calendar for a matrix of factor values (draws on the last axis).

Two layouts (:func:`program`): **by channel**, every lever, kind of one-time cost and group apart (what
:func:`core.simulation.model.evaluate` returns: the forecast by building, an item's options), and the
**totals** the Monte Carlo keeps (:func:`core.simulation.model.totals`): each lever's saving by driver,
one-time costs by driver, the conversions' differential and people by type, over all groups. The
totals layout merges, when the plan is compiled, the flows that land in one total, so each draw
spreads fewer rows over the years; both layouts go through the same :func:`place`, so the totals are
the by-channel results added up (up to the order of floating-point additions).

On the hot path the work per draw is a few passes over small arrays. Two numpy idioms that cost
several times the arithmetic on these shapes are kept off it: ``np.add.reduceat`` along the first
axis (runs are summed row by row instead, :func:`_sums`) and fancy-indexed ``+=`` into a large array
(a few slots are added one by one, :func:`_add`).
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy import sparse

from core.simulation.blocks import ONCE, PEOPLE, SAVING, Attrition, Mult, Ramp, Stream, Table
from core.simulation.calendar import event_share, ramp_share, reached, step_share
from core.simulation.conversions import BASIS
from core.simulation.levers import LEVERS
from core.simulation.plan import RAMP, Plan

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


@dataclass(frozen=True)
class Spread:
    """Flows placed on the calendar from the onset of their timing row (a step, or an event in that year),
    sorted by slot, timing row and multiplier: ``sums`` marks the first entry of each (slot, row) pair,
    ``starts`` the first pair of each slot of ``slots``."""

    mult: np.ndarray  # (E,) index into the plan's multipliers
    amount: np.ndarray  # (E,) [CNY/yr, CNY or persons, base-year prices]
    sums: np.ndarray  # (P,)
    onset: np.ndarray  # (P,) the pair's timing row: onset [years]
    lever: np.ndarray  # (P,) its lever (whose delay it takes)
    tender: np.ndarray  # (P,) bool: a tender, which can fail and roll over
    starts: np.ndarray  # (U,)
    slots: np.ndarray  # (U,)
    pair_slots: list[int]  # (P,) the slot of each pair

    @property
    def size(self) -> int:
        """Entries."""
        return int(self.mult.shape[0])

    def values(self, mults: np.ndarray) -> np.ndarray:
        """(P, n) each pair's amount times its multipliers, summed over its entries."""
        if self.size > LOOP_SLOTS:
            return _sums(self.amount[:, None] * mults[self.mult], self.sums)
        out = np.empty((self.sums.size, mults.shape[1]))
        ends = [*self.sums[1:].tolist(), self.size]
        for p, (a, b) in enumerate(zip(self.sums.tolist(), ends)):
            np.multiply(mults[self.mult[a]], self.amount[a], out=out[p])
            for e in range(a + 1, b):
                out[p] += mults[self.mult[e]] * self.amount[e]
        return out

    def times(self, terms: Terms) -> np.ndarray:
        """(P, n) when each pair starts [years from the first year's start]."""
        t = self.onset[:, None] + terms.delay[self.lever]
        np.add(t, terms.slip, out=t, where=self.tender[:, None])
        return t


@dataclass(frozen=True)
class Tabled:
    """The tables of one lever and tender flag (:class:`core.simulation.blocks.Table`), merged by slot and
    multiplier, with what reading them year by year needs."""

    lever: int
    tender: bool
    slots: list[int]  # (Q,) the slot of each table
    mult: np.ndarray  # (Q,) index into the plan's multipliers
    table: np.ndarray  # (Q, H, I) yearly shares by slip [months]
    slope: np.ndarray  # (Q, H, I − 1) the change from each month to the next
    total: np.ndarray  # (Q,) the amount at full effect
    changes: list[list[list[int]]]  # [q][k] the months after which year k's share changes


@dataclass(frozen=True)
class CurveRows:
    """Bundling's lot-size curve (:class:`core.simulation.blocks.Curve`) with its rows merged by slot."""

    spread: Spread  # one entry per row (amount 1)
    weights: Any  # (R, U) scipy.sparse CSR array: +w at today's area, −w at the lot's [CNY/yr]
    areas: np.ndarray  # (U,) [m²]


@dataclass(frozen=True)
class RampRows:
    """A saving on a ramp after its lever's set-up period (:class:`core.simulation.blocks.Ramp`) by slot."""

    lever: int
    mults: tuple[Mult, ...]
    amount: np.ndarray  # (S, K) [CNY/yr, base-year prices, at full effect]
    slots: np.ndarray  # (S,)


@dataclass(frozen=True)
class AttritionRows:
    """The plan's attrition rows with the slots their saving and their people add up in."""

    rows: Attrition
    save_starts: np.ndarray  # first row of each saving slot
    save_slots: np.ndarray
    people_starts: np.ndarray  # first row of each people slot
    people_slots: np.ndarray


@dataclass(frozen=True)
class Program:
    """A plan compiled for :func:`place`: what each slot is and the flows that land in the slots."""

    keys: np.ndarray  # (S, 4) kind (SAVING …), then (lever, driver), (kind, driver), (0, 0) or (type, lever), group (−1: all)
    steps: Spread
    events: Spread
    step_tables: tuple[Tabled, ...]
    event_tables: tuple[Tabled, ...]
    curve: CurveRows | None
    ramps: tuple[RampRows, ...]
    attrition: AttritionRows | None

    @property
    def size(self) -> int:
        """Slots."""
        return int(self.keys.shape[0])

    def cells_per_draw(self, horizon: int) -> int:
        """The size of the largest temporary array :func:`place` makes, per draw."""
        sizes = [self.size * horizon, 2 * max((t.table.shape[0] for t in (*self.step_tables, *self.event_tables)),
                                              default=0) * horizon]
        sizes += [(s.sums.size + s.size) * horizon for s in (self.steps, self.events)]
        if self.curve is not None:
            sizes.append(self.curve.areas.size + (self.curve.spread.size + self.curve.spread.sums.size) * horizon)
        if self.attrition is not None:
            sizes.append(2 * self.attrition.rows.size * horizon)
        sizes += [r.slots.size * horizon for r in self.ramps]
        return max(sizes)


def program(plan: Plan, *, totals: bool = False) -> Program:
    """The plan compiled by channel, or for the totals the Monte Carlo keeps (compiled once per plan)."""
    key = "totals" if totals else "channels"
    if key not in plan.compiled:
        plan.compiled[key] = _compile(plan, totals)
    out = plan.compiled[key]
    assert isinstance(out, Program)
    return out


def margin_terms(plan: Plan) -> tuple[list[str], Any]:
    """The counted conversions' expected saving and minimum differential on the basis terms they use
    (:data:`core.simulation.conversions.BASIS`): the terms' names, and a scipy.sparse CSR array (2C, B) —
    the savings' rows, then the differentials' (a sparse product: no BLAS threads, no zeros)."""
    if "margin" not in plan.compiled:
        c = plan.conv
        both = np.concatenate([c["old_labour"] + c["old_price"] - c["new_labour"] - c["new_price"], c["differential"]])
        used = np.flatnonzero(np.abs(both).sum(axis=0) > 0)
        plan.compiled["margin"] = ([BASIS[j] for j in used.tolist()], sparse.csr_array(both[:, used]))
    out = plan.compiled["margin"]
    assert isinstance(out, tuple)
    return out


# --- placing the flows for n draws -----------------------------------------------------------------
def place(prog: Program, plan: Plan, terms: Terms) -> tuple[np.ndarray, np.ndarray]:
    """Every flow of the plan for the draws of ``terms``: (S, H, n) each slot's amount in each year at
    base-year prices, and (S, n) at full effect (meaningful for savings)."""
    n, horizon = terms.n, plan.horizon
    acc = np.zeros((prog.size, horizon, n))
    full = np.zeros((prog.size, n))
    mults = terms.mults
    for sp, step in ((prog.steps, True), (prog.events, False)):
        if sp.size:
            _spread(sp, sp.values(mults), terms, horizon, acc, full if step else None, step)
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
    """The (slot, row) pairs' ``pairs`` (P, n) spread from their onsets."""
    if full is not None:
        _add(full, sp.slots, pairs, sp.starts)
    if pairs.shape[0] > LOOP_SLOTS:
        t = sp.times(terms)
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
            runs = _runs(np.asarray(c.slots))  # one slot's tables (a multiplier each) are consecutive
            acc[np.asarray(c.slots)[runs]] += _sums(spread, runs)
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


# --- compiling a plan ------------------------------------------------------------------------------
def _project(keys: np.ndarray, totals: bool) -> np.ndarray:
    """Slot keys (k, 4) as the layout keeps them: by channel as they are; for the totals, savings by
    lever and driver, one-time costs by driver, the differential, people by type, all groups together."""
    if not totals:
        return keys
    out = keys.copy()
    out[:, 3] = -1
    out[keys[:, 0] == ONCE, 1] = 0
    out[keys[:, 0] == PEOPLE, 2] = 0
    return out


class _Slots:
    """Slot numbers for keys (k, 4): one per distinct key, in key order."""

    def __init__(self, parts: list[np.ndarray], groups: int) -> None:
        every = np.concatenate([p.reshape(-1, 4) for p in parts]) if parts else np.zeros((0, 4), dtype=int)
        self.groups = groups
        self.codes = np.unique(self._code(every))
        self.keys = np.unique(every, axis=0) if every.size else np.zeros((0, 4), dtype=int)

    def _code(self, keys: np.ndarray) -> np.ndarray:
        k = keys.astype(np.int64)
        return ((k[:, 0] * 16 + k[:, 1]) * 16 + k[:, 2]) * (self.groups + 1) + k[:, 3] + 1

    def __call__(self, keys: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.codes, self._code(keys.reshape(-1, 4)))


def _compile(plan: Plan, totals: bool) -> Program:
    ch = plan.channels
    chan_keys = _project(ch.keys(), totals)
    (steps, step_tables), (events, event_tables) = plan.steps, plan.events
    c, a = plan.curve, plan.attrition

    def key(kind: int, x: np.ndarray | int, y: np.ndarray | int, g: np.ndarray) -> np.ndarray:
        g = np.asarray(g)
        return _project(np.stack([np.full(g.shape, kind), np.broadcast_to(x, g.shape), np.broadcast_to(y, g.shape), g],
                                 axis=-1).reshape(-1, 4), totals)

    ramp_rows: list[tuple[Ramp, np.ndarray, np.ndarray]] = []
    for r in plan.ramps:
        d, g = np.nonzero(np.abs(r.amounts).sum(axis=2) > 0)  # the (driver, group) pairs in use
        ramp_rows.append((r, d, g))
    parts = [chan_keys[s.channel] for s in (steps, events)] + [chan_keys[t.channel] for t in (step_tables, event_tables)]
    parts += [key(SAVING, r.lever, d, g) for r, d, g in ramp_rows]
    if c is not None:
        parts.append(key(SAVING, c.lever, 0, c.group))
    if a.size:
        parts += [key(SAVING, a.lever, 0, a.group), key(PEOPLE, 0, a.lever, a.group)]
    slots = _Slots(parts, ch.groups)
    chan_slot = np.full(ch.size, -1)
    used = np.unique(np.concatenate([s.channel for s in (steps, events)] + [t.channel for t in (step_tables, event_tables)]))
    chan_slot[used] = slots(chan_keys[used])

    def stream(s: Stream) -> Spread:
        pair = np.repeat(np.arange(s.sums.size), np.diff(np.r_[s.sums, s.size]))  # each entry's (row, channel) pair
        sp, amount = _pack(chan_slot[s.channel[pair]], s.row[pair], s.mult, s.amount[:, None], plan.timing)
        return _with_amount(sp, amount[:, 0])

    curve = None
    if c is not None:
        sp, weights = _pack(slots(key(SAVING, c.lever, 0, c.group)), c.row, c.mult, c.weights, plan.timing)
        curve = CurveRows(spread=_with_amount(sp, np.ones(sp.size)), weights=sparse.csr_array(weights), areas=c.areas)
    ramps = []
    for r, d, g in ramp_rows:
        rs = slots(key(SAVING, r.lever, d, g))
        uniq, inverse = np.unique(rs, return_inverse=True)
        amount = np.zeros((uniq.size, r.amounts.shape[2]))
        np.add.at(amount, inverse.reshape(-1), r.amounts[d, g])
        ramps.append(RampRows(lever=r.lever, mults=r.mults, amount=amount, slots=uniq))
    attrition = None
    if a.size:
        save, people = slots(key(SAVING, a.lever, 0, a.group)), slots(key(PEOPLE, 0, a.lever, a.group))
        s_at, p_at = _runs(save), _runs(people)
        attrition = AttritionRows(rows=a, save_starts=s_at, save_slots=save[s_at], people_starts=p_at,
                                  people_slots=people[p_at])
    return Program(keys=slots.keys, steps=stream(steps), events=stream(events),
                   step_tables=_merge(step_tables, chan_slot), event_tables=_merge(event_tables, chan_slot),
                   curve=curve, ramps=tuple(ramps), attrition=attrition)


def _runs(slot: np.ndarray) -> np.ndarray:
    """First index of each run of equal ``slot`` values (the rows come sorted so that each slot is one run)."""
    starts = np.flatnonzero(np.r_[True, slot[1:] != slot[:-1]]) if slot.size else np.zeros(0, dtype=int)
    if np.unique(slot).size != starts.size:
        raise ValueError("rows of one slot must be consecutive")
    return starts


def _pack(slot: np.ndarray, row: np.ndarray, mult: np.ndarray, payload: np.ndarray,
          timing: tuple[np.ndarray, np.ndarray, np.ndarray]) -> tuple[Spread, np.ndarray]:
    """Entries (slot, timing row, multiplier, payload rows) sorted, those alike merged (payloads added),
    and grouped into (slot, row) pairs and slots."""
    lever_t, tender_t, onset_t = timing
    if not slot.size:
        empty = np.zeros(0, dtype=int)
        return Spread(mult=empty, amount=np.zeros(0), sums=empty, onset=np.zeros(0), lever=empty,
                      tender=np.zeros(0, dtype=bool), starts=empty, slots=empty, pair_slots=[]), payload
    order = np.lexsort((mult, row, slot))
    slot, row, mult, payload = slot[order], row[order], mult[order], payload[order]
    at = np.flatnonzero(np.r_[True, (slot[1:] != slot[:-1]) | (row[1:] != row[:-1]) | (mult[1:] != mult[:-1])])
    payload = np.add.reduceat(payload, at, axis=0)
    slot, row, mult = slot[at], row[at], mult[at]
    sums = np.flatnonzero(np.r_[True, (slot[1:] != slot[:-1]) | (row[1:] != row[:-1])])
    p_slot, p_row = slot[sums], row[sums]
    starts = np.flatnonzero(np.r_[True, p_slot[1:] != p_slot[:-1]])
    return Spread(mult=mult, amount=np.zeros(0), sums=sums, onset=onset_t[p_row], lever=lever_t[p_row],
                  tender=tender_t[p_row], starts=starts, slots=p_slot[starts], pair_slots=p_slot.tolist()), payload


def _with_amount(sp: Spread, amount: np.ndarray) -> Spread:
    return replace(sp, amount=amount)


def _merge(t: Table, chan_slot: np.ndarray) -> tuple[Tabled, ...]:
    """Tables whose combinations land in one slot with one multiplier added up, by lever and tender flag."""
    if not t.size:
        return ()
    slot = chan_slot[t.channel]
    key = ((t.lever * 2 + t.tender) * (int(slot.max()) + 1) + slot) * (int(t.mult.max()) + 1) + t.mult
    uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    table = np.zeros((uniq.size, *t.table.shape[1:]))
    np.add.at(table, inverse, t.table)
    total = np.zeros(uniq.size)
    np.add.at(total, inverse, t.total)
    merged = Table(lever=t.lever[first], tender=t.tender[first], channel=slot[first], mult=t.mult[first], table=table,
                   total=total)
    out = []
    for lever, tender, sl in merged.classes():
        tab = merged.table[sl]
        slope = np.diff(tab, axis=2)
        out.append(Tabled(lever=lever, tender=tender, slots=merged.channel[sl].tolist(), mult=merged.mult[sl], table=tab,
                          slope=slope, total=merged.total[sl],
                          changes=[[np.flatnonzero(row != 0).tolist() for row in q] for q in slope]))
    return tuple(out)
