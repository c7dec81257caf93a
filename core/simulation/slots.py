"""A plan compiled into slots (方案编译): where each flow's money or people land, in the layout asked for,
ready for :func:`core.simulation.kernel.place`.

A *slot* is one row of the results: a lever's saving that grows with wages or with prices, a one-time
cost, the conversions' minimum differential, or people released by type — in the **by-channel** layout
each also by lever, kind and group (what :func:`core.simulation.model.evaluate` returns: the forecast
by building, an item's options); in the **totals** layout only what the Monte Carlo keeps
(:func:`core.simulation.model.totals`): each lever's saving by driver, one-time costs by driver, the
differential and people by type, over all groups. Compiling the totals layout merges, once per plan,
the flows that land in one total, so each draw spreads fewer rows over the years; both layouts hold
the same flows, so the totals are the by-channel results added up (up to the order of floating-point
additions).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy import sparse

from core.simulation.blocks import ONCE, PEOPLE, SAVING, Attrition, Mult, Ramp, Stream, Table
from core.simulation.conversions import BASIS
from core.simulation.plan import Plan


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
    runs: np.ndarray  # the first table of each slot (a slot's tables, one per multiplier, are consecutive)


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
        """The size of the largest temporary array :func:`core.simulation.kernel.place` makes, per draw."""
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
    """Slot numbers for keys (k, 4): one per distinct key, in key order (each key as one integer: the
    lever, kind, driver and type numbers are all below 16)."""

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
    """The plan's flows (:mod:`core.simulation.blocks`) by slot of the layout."""
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
        return replace(sp, amount=amount[:, 0])

    curve = None
    if c is not None:
        sp, weights = _pack(slots(key(SAVING, c.lever, 0, c.group)), c.row, c.mult, c.weights, plan.timing)
        curve = CurveRows(spread=replace(sp, amount=np.ones(sp.size)), weights=sparse.csr_array(weights), areas=c.areas)
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
                          changes=[[np.flatnonzero(row != 0).tolist() for row in q] for q in slope],
                          runs=_runs(merged.channel[sl])))
    return tuple(out)
