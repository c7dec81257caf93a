"""The plan's flows as a few flat arrays (方案的资金流): what :func:`core.simulation.model.evaluate`
multiplies by the factors and spreads over the calendar, in a handful of array operations whatever the
size of the city.

Every flow belongs to a lever and a *group* (the whole scope; or each building, or each item, when a
forecast by building or an item's options are wanted), starts at an *onset* (months from the start of
the first simulated year, see :mod:`core.simulation.calendar`), is linear in a product of named factor
terms (a *multiplier*, see :func:`core.simulation.model.multipliers`; a lever's realisation share is
the term ``rho:<lever>``) and grows with wages, with prices, or not at all (a *driver*). It lands in
one *channel* of the results (:class:`Channels`): a lever's saving, a kind of one-time cost, the
conversions' minimum differential, or the contract or dispatched staff a lever releases.

Flows with the same timing row (lever, tender, onset), channel and multiplier add up when packed; the
model first sums the multipliers per timing row and channel, then spreads each sum over the years.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

DRIVERS: tuple[str, ...] = ("wage", "price", "flat")
KINDS = 3  # one-time costs: severance, tendering, handover (core.simulation.flows.TRANSITION_KINDS)
Mult = tuple[str, ...]  # a product of named factor terms; () is 1
SAVING, ONCE, HURDLE, PEOPLE = range(4)  # what a channel holds (Channels.keys)


@dataclass(frozen=True)
class Channels:
    """Where each flow lands, as one flat index: savings by lever, driver and group; one-time costs by
    kind, driver and group; the minimum differential by group; leavers by type, lever and group."""

    levers: int
    groups: int

    @property
    def size(self) -> int:
        """All channels."""
        return self.levers * 2 * self.groups + KINDS * 3 * self.groups + self.groups + 2 * self.levers * self.groups

    def saving(self, lever: int, driver: int, group: np.ndarray) -> np.ndarray:
        """A lever's saving that grows with ``driver`` (0 wages, 1 prices)."""
        return (lever * 2 + driver) * self.groups + group

    def once(self, kind: int, driver: int, group: np.ndarray) -> np.ndarray:
        """A one-time cost of ``kind``."""
        return self.levers * 2 * self.groups + (kind * 3 + driver) * self.groups + group

    def hurdle(self, group: np.ndarray) -> np.ndarray:
        """The conversions' minimum differential."""
        return self.levers * 2 * self.groups + KINDS * 3 * self.groups + group

    def leavers(self, kind: int, lever: int, group: np.ndarray) -> np.ndarray:
        """Staff who leave: ``kind`` 0 contract, 1 dispatched."""
        base = self.levers * 2 * self.groups + KINDS * 3 * self.groups + self.groups
        return base + (kind * self.levers + lever) * self.groups + group

    def keys(self) -> np.ndarray:
        """(C, 4) what each channel holds: (SAVING, lever, driver, group), (ONCE, kind, driver, group),
        (HURDLE, 0, 0, group) or (PEOPLE, type, lever, group), the type as in core.simulation.people.TYPES
        (leavers are contract staff, type 1, or dispatched, type 2)."""
        g, lv = self.groups, self.levers
        group = np.arange(g)
        saving = np.stack(np.broadcast_arrays(SAVING, *np.meshgrid(np.arange(lv), np.arange(2), group, indexing="ij")),
                          axis=-1)
        once = np.stack(np.broadcast_arrays(ONCE, *np.meshgrid(np.arange(KINDS), np.arange(3), group, indexing="ij")),
                        axis=-1)
        hurdle = np.stack(np.broadcast_arrays(HURDLE, 0, 0, group), axis=-1)
        leavers = np.stack(np.broadcast_arrays(PEOPLE, *np.meshgrid(1 + np.arange(2), np.arange(lv), group,
                                                                     indexing="ij")), axis=-1)
        return np.concatenate([x.reshape(-1, 4) for x in (saving, once, hurdle, leavers)])


@dataclass(frozen=True)
class Stream:
    """Flows spread over the years from their onset (``step``: savings and differentials) or falling in
    the onset's year (one-time costs and leavers), packed for :mod:`core.simulation.slots`.

    Entries are sorted by timing row and channel; ``sums`` marks where each (row, channel) pair starts
    (multipliers are summed over it first)."""

    mult: np.ndarray  # (E,) index into the plan's multipliers
    amount: np.ndarray  # (E,) [CNY/yr, CNY or persons, base-year prices]
    sums: np.ndarray  # (P,) first entry of each (row, channel) pair
    row: np.ndarray  # (P,) timing row of each pair
    channel: np.ndarray  # (P,) channel of each pair

    @property
    def size(self) -> int:
        """Entries."""
        return int(self.amount.shape[0])


@dataclass(frozen=True)
class Table:
    """Flows of levers with many onsets, spread over the years once and for all: for each (lever,
    tender, channel, multiplier) the yearly shares as a function of the lever's start slipping by
    ``i`` months (``table[q, h, i]``). The share of a year is piecewise linear in the slip with corners
    on whole months, so reading the table between months by linear interpolation is exact (a one-time
    cost falls in one year: read at the whole month below). Cheaper than spreading each onset when a
    lever has more onsets than multipliers (the fee cap at each contract's renewal)."""

    lever: np.ndarray  # (Q,) int; sorted by lever and tender (one slip each), then channel
    tender: np.ndarray  # (Q,) bool
    channel: np.ndarray  # (Q,)
    mult: np.ndarray  # (Q,)
    table: np.ndarray  # (Q, H, 12H + 2) [CNY/yr, CNY or persons, base-year prices]
    total: np.ndarray  # (Q,) the amount at full effect

    @property
    def size(self) -> int:
        """Combinations."""
        return int(self.lever.shape[0])

    def classes(self) -> list[tuple[int, bool, slice]]:
        """The combinations of each (lever, tender), as slices."""
        if not self.size:
            return []
        key = self.lever * 2 + self.tender
        at = [*np.flatnonzero(np.r_[True, key[1:] != key[:-1]]).tolist(), self.size]
        return [(int(self.lever[a]), bool(self.tender[a]), slice(a, b)) for a, b in itertools.pairwise(at)]


@dataclass(frozen=True)
class Attrition:
    """Surplus established (and protected) posts released over time by attrition and redeployment:
    one row per lever, group and onset. The posts cost ``wages`` × the in-house multiplier until they go."""

    lever: np.ndarray  # (R,) int
    tender: np.ndarray  # (R,) bool
    realised: np.ndarray  # (R,) bool
    group: np.ndarray  # (R,) int
    onset: np.ndarray  # (R,) [years]
    posts: np.ndarray  # (R,) surplus posts [persons]
    base: np.ndarray  # (R,) the teams' established and protected staff, whose attrition frees them [persons]
    wages: np.ndarray  # (R,) wages of the surplus posts [CNY/yr]

    @property
    def size(self) -> int:
        """Rows."""
        return int(self.lever.shape[0])


@dataclass(frozen=True)
class Ramp:
    """A saving that builds up after a lever's set-up period (unified management, energy management)."""

    lever: int
    mults: tuple[Mult, ...]
    amounts: np.ndarray  # (2, G, K) [CNY/yr, base-year prices, at full effect] by driver (wage, price)


@dataclass(frozen=True)
class Curve:
    """Bundled procurement: savings on the lot-size price curve, Σ w·(exp(−A_today/c) − exp(−A_lot/c)),
    one row per group, timing row and multiplier (its items' weights added up), starting at the row's
    onset (a timing row of the plan)."""

    lever: int
    row: np.ndarray  # (R,) timing row; rows sorted by group, then timing row, then multiplier
    group: np.ndarray  # (R,)
    mult: np.ndarray  # (R,) index into the plan's multipliers
    weights: np.ndarray  # (R, U) +w at today's area, −w at the lot's [CNY/yr]
    areas: np.ndarray  # (U,) [m²]


@dataclass
class Collector:
    """Gathers flows item by item (long format) and packs them (:meth:`pack`)."""

    channels: Channels
    horizon: int
    _rows: dict[tuple[int, bool, int], int] = field(default_factory=dict)  # (lever, tender, onset) → row
    _mults: dict[Mult, int] = field(default_factory=dict)
    _entries: dict[bool, list[tuple[np.ndarray, np.ndarray, int, np.ndarray]]] = field(
        default_factory=lambda: defaultdict(list))

    def rows(self, lever: int, tender: np.ndarray | bool, onset: np.ndarray) -> np.ndarray:
        """The timing rows of flows of ``lever`` (one per flow)."""
        code = np.asarray(onset, dtype=int) * 2 + np.broadcast_to(np.asarray(tender, dtype=bool), np.shape(onset))
        uniq, inverse = np.unique(code, return_inverse=True)
        index = np.array([self._rows.setdefault((lever, bool(c % 2), int(c // 2)), len(self._rows))
                          for c in uniq.tolist()], dtype=int)
        return index[inverse]

    def mult(self, mult: Mult) -> int:
        """The index of a multiplier."""
        return self._mults.setdefault(mult, len(self._mults))

    def add(self, *, lever: int, group: np.ndarray, onset: np.ndarray, amount: np.ndarray, mult: Mult = (),
            driver: str = "wage", tender: bool | np.ndarray = False, realised: bool = True, kind: int = -1) -> None:
        """Add item flows (``group``, ``onset`` [months], ``amount``: one each): a saving of ``lever``
        (``kind`` −1), a one-time cost of ``kind`` ≥ 0, or a minimum differential (``kind`` −2)."""
        from core.simulation.levers import LEVERS

        amount = np.asarray(amount, dtype=float)
        keep = np.abs(amount) > 0
        if not keep.any():
            return
        g = np.asarray(group, dtype=int)[keep]
        tender = np.broadcast_to(np.asarray(tender, dtype=bool), amount.shape)[keep]
        full = (*mult, f"rho:{LEVERS[lever]}") if realised else mult
        d = DRIVERS.index(driver)
        ch = self.channels
        if kind == -1:
            channel, step = ch.saving(lever, d, g), True
        elif kind == -2:
            channel, step = ch.hurdle(g), True
        else:
            channel, step = ch.once(kind, d, g), False
        self._entries[step].append((self.rows(lever, tender, np.asarray(onset)[keep]), channel, self.mult(full),
                                    amount[keep]))

    def leave(self, *, lever: int, group: np.ndarray, onset: np.ndarray, contract: np.ndarray,
              dispatched: np.ndarray, tender: bool | np.ndarray = False, realised: bool = True) -> None:
        """Add staff who leave at the onsets [persons]."""
        from core.simulation.levers import LEVERS

        mult = self.mult((f"rho:{LEVERS[lever]}",) if realised else ())
        for kind, count in enumerate((contract, dispatched)):
            count = np.asarray(count, dtype=float)
            keep = count > 0
            if keep.any():
                g = np.asarray(group, dtype=int)[keep]
                tnd = np.broadcast_to(np.asarray(tender, dtype=bool), count.shape)[keep]
                self._entries[False].append((self.rows(lever, tnd, np.asarray(onset)[keep]),
                                             self.channels.leavers(kind, lever, g), mult, count[keep]))

    def timing(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The timing rows: lever, tender flag, onset [years]."""
        keys = sorted(self._rows, key=self._rows.__getitem__)
        lever = np.array([k[0] for k in keys], dtype=int)
        tender = np.array([k[1] for k in keys], dtype=bool)
        onset = np.array([k[2] for k in keys], dtype=float) / 12.0
        return lever, tender, onset

    def multipliers(self) -> tuple[Mult, ...]:
        """The multipliers, in index order."""
        return tuple(sorted(self._mults, key=self._mults.__getitem__))

    def stream(self, step: bool) -> tuple[Stream, Table]:
        """The flows that spread over the years (``step``) or fall in their onset's year, packed: levers
        with more (onset, channel) pairs than (channel, multiplier) pairs as a :class:`Table`, the rest
        onset by onset as a :class:`Stream`."""
        parts = self._entries.get(step, [])
        row = np.concatenate([np.asarray(p[0]) for p in parts]) if parts else np.zeros(0, dtype=int)
        channel = np.concatenate([np.asarray(p[1]) for p in parts]) if parts else np.zeros(0, dtype=int)
        mult = np.concatenate([np.full(len(p[3]), p[2]) for p in parts]) if parts else np.zeros(0, dtype=int)
        amount = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0)
        lever_t, tender_t, onset_t = self.timing()
        cls = lever_t[row] * 2 + tender_t[row] if row.size else row
        tabulate = np.zeros(row.size, dtype=bool)
        for c in np.unique(cls):
            sel = cls == c
            direct = np.unique(row[sel] * self.channels.size + channel[sel]).size
            combos = np.unique(channel[sel] * (len(self._mults) + 1) + mult[sel]).size
            tabulate[sel] = combos < direct
        return (_direct(row[~tabulate], channel[~tabulate], mult[~tabulate], amount[~tabulate]),
                _table(step, self.horizon, cls[tabulate], channel[tabulate], mult[tabulate], amount[tabulate],
                       onset_t[row[tabulate]] * 12, len(self._mults)))


def _direct(row: np.ndarray, channel: np.ndarray, mult: np.ndarray, amount: np.ndarray) -> Stream:
    """Flows packed onset by onset: entries merged per (row, channel, multiplier), pairs per (row, channel)."""
    if not row.size:
        empty = np.zeros(0, dtype=int)
        return Stream(mult=empty, amount=np.zeros(0), sums=empty, row=empty, channel=empty)
    key = np.lexsort((mult, channel, row))
    row, channel, mult, amount = row[key], channel[key], mult[key], amount[key]
    new = np.r_[True, (row[1:] != row[:-1]) | (channel[1:] != channel[:-1]) | (mult[1:] != mult[:-1])]
    at = np.flatnonzero(new)
    amount = np.add.reduceat(amount, at)
    row, channel, mult = row[at], channel[at], mult[at]
    sums = np.flatnonzero(np.r_[True, (row[1:] != row[:-1]) | (channel[1:] != channel[:-1])])
    return Stream(mult=mult, amount=amount, sums=sums, row=row[sums], channel=channel[sums])


def _table(step: bool, horizon: int, cls: np.ndarray, channel: np.ndarray, mult: np.ndarray, amount: np.ndarray,
           months: np.ndarray, n_mults: int) -> Table:
    """Flows packed as yearly shares by slip (see :class:`Table`), one row per (class, channel, multiplier)."""
    grid = np.arange(12 * horizon + 2)
    key = (cls * (channel.max(initial=0) + 1) + channel) * (n_mults + 1) + mult
    combos, inverse = np.unique(key, return_inverse=True)
    year = np.arange(horizon)[:, None]
    start = months[:, None] + grid[None, :]  # (E, I) months from the first year's start, after the slip
    if step:
        share = np.clip(year[None] + 1 - start[:, None, :] / 12, 0.0, 1.0)  # (E, H, I)
    else:
        share = ((start[:, None, :] >= 12 * year[None]) & (start[:, None, :] < 12 * (year[None] + 1))).astype(float)
    table = np.zeros((combos.size, horizon, grid.size))
    np.add.at(table, inverse, amount[:, None, None] * share)
    total = np.zeros(combos.size)
    np.add.at(total, inverse, amount)
    first = np.zeros(combos.size, dtype=int)
    first[inverse[::-1]] = np.arange(inverse.size)[::-1]  # an entry of each combination
    q_cls, q_channel, q_mult = cls[first], channel[first], mult[first]
    order = np.lexsort((q_mult, q_channel, q_cls))
    return Table(lever=(q_cls // 2)[order], tender=(q_cls % 2 == 1)[order], channel=q_channel[order],
                 mult=q_mult[order], table=table[order], total=total[order])
