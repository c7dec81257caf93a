"""A mixed-integer program assembled piece by piece, with its constraints in named groups, solved by
``scipy.optimize.milp`` (HiGHS).

Rows and variable bounds belong to groups, so that a group can be switched off (the infeasibility
diagnosis drops groups one at a time) or a row's bound moved (what relaxing a constraint is worth)
without assembling the program again. The program maximises; HiGHS minimises the negated objective.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize, sparse

# scipy.optimize.milp's status codes, by what a reader is told
STATUS: dict[int, str] = {0: "optimal", 1: "time_limit", 2: "infeasible", 3: "unbounded", 4: "error"}


@dataclass(frozen=True)
class Solution:
    """What the solver found: status, values, objective (maximised), MIP gap, time and size."""

    status: str  # optimal, time_limit (a plan, not proven best), infeasible, unbounded, error
    x: np.ndarray | None
    objective: float  # the maximised objective, constant included (NaN without a plan)
    gap: float  # relative MIP gap (0 when proven optimal)
    seconds: float
    variables: int
    constraints: int
    integers: int
    message: str = ""

    @property
    def found(self) -> bool:
        """Whether there is a plan (optimal, or the best found within the time limit)."""
        return self.x is not None


@dataclass
class Model:
    """A maximisation program: add variables and rows, then :meth:`solve`."""

    c: list[np.ndarray] = field(default_factory=list)
    lb: list[np.ndarray] = field(default_factory=list)
    ub: list[np.ndarray] = field(default_factory=list)
    integer: list[np.ndarray] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # COO row indices
    cols: list[int] = field(default_factory=list)
    vals: list[float] = field(default_factory=list)
    row_lo: list[float] = field(default_factory=list)
    row_hi: list[float] = field(default_factory=list)
    row_group: list[str] = field(default_factory=list)
    fixes: dict[str, list[tuple[np.ndarray, float | None, float | None]]] = field(default_factory=dict)
    constant: float = 0.0
    n: int = 0
    _coo: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)

    def add(self, count: int, *, lb: float | np.ndarray = 0.0, ub: float | np.ndarray = 1.0, integer: bool = False,
            obj: float | np.ndarray = 0.0) -> np.ndarray:
        """``count`` new variables; their indices."""
        idx = np.arange(self.n, self.n + count)
        self.c.append(np.broadcast_to(np.asarray(obj, dtype=float), (count,)).copy())
        self.lb.append(np.broadcast_to(np.asarray(lb, dtype=float), (count,)).copy())
        self.ub.append(np.broadcast_to(np.asarray(ub, dtype=float), (count,)).copy())
        self.integer.append(np.full(count, 1 if integer else 0, dtype=np.int8))
        self.n += count
        return idx

    def row(self, cols: Iterable[int] | np.ndarray, vals: Iterable[float] | np.ndarray, lo: float = -np.inf,
            hi: float = np.inf, group: str = "") -> int:
        """One row lo ≤ Σ vals·x[cols] ≤ hi in ``group`` ("" = always there); its index."""
        c = np.asarray(list(cols) if not isinstance(cols, np.ndarray) else cols, dtype=np.int64)
        v = np.asarray(list(vals) if not isinstance(vals, np.ndarray) else vals, dtype=float)
        keep = v != 0
        r = len(self.row_lo)
        self._coo.append((np.full(int(keep.sum()), r, dtype=np.int64), c[keep], v[keep]))
        self.row_lo.append(float(lo))
        self.row_hi.append(float(hi))
        self.row_group.append(group)
        return r

    def fix(self, group: str, cols: np.ndarray, *, lb: float | None = None, ub: float | None = None) -> None:
        """Bounds that hold while ``group`` is on (a lock, a restriction, a forced choice)."""
        if len(cols):
            self.fixes.setdefault(group, []).append((np.asarray(cols, dtype=np.int64), lb, ub))

    def groups(self) -> set[str]:
        """Every named group of rows or bounds."""
        return ({g for g in self.row_group if g} | set(self.fixes))

    def rows_of(self, group: str) -> np.ndarray:
        """The rows of ``group``."""
        return np.flatnonzero(np.asarray(self.row_group) == group)

    def matrix(self) -> sparse.csr_array:
        """The constraint matrix."""
        if self._coo:
            r = np.concatenate([x[0] for x in self._coo])
            c = np.concatenate([x[1] for x in self._coo])
            v = np.concatenate([x[2] for x in self._coo])
        else:
            r = c = np.zeros(0, dtype=np.int64)
            v = np.zeros(0)
        return sparse.csr_array((v, (r, c)), shape=(len(self.row_lo), self.n))

    def solve(self, *, off: Iterable[str] = (), shift: Mapping[int, float] | None = None, time_limit: float = 30.0,
              gap: float = 1e-3, feasibility: bool = False, matrix: sparse.csr_array | None = None) -> Solution:
        """Solve with the groups ``off`` switched off and rows relaxed by ``shift`` (row → amount: its
        upper bound up, or for a row with only a lower bound, that down); ``feasibility`` ignores
        the objective (any plan will do). ``matrix`` is :meth:`matrix`, when already at hand."""
        off = set(off)
        a = self.matrix() if matrix is None else matrix
        c = np.concatenate(self.c) if self.c else np.zeros(0)
        lb, ub = np.concatenate(self.lb), np.concatenate(self.ub)
        for group, fixes in self.fixes.items():
            if group in off:
                continue
            for cols, low, high in fixes:
                if low is not None:
                    lb[cols] = np.maximum(lb[cols], low)
                if high is not None:
                    ub[cols] = np.minimum(ub[cols], high)
        lo, hi = np.asarray(self.row_lo), np.asarray(self.row_hi)
        if off:
            free = np.isin(np.asarray(self.row_group), list(off))
            lo, hi = np.where(free, -np.inf, lo), np.where(free, np.inf, hi)
        for r, amount in (shift or {}).items():  # relax a row: its upper bound up, or its lower bound down
            if np.isfinite(hi[r]):
                hi[r] += amount
            else:
                lo[r] -= amount
        # the constant rides on a variable fixed at one, so that HiGHS measures the gap against the
        # whole objective (a plan's NPV saving) rather than against its variable part alone
        c = np.append(c, self.constant)
        lb, ub = np.append(lb, 1.0), np.append(ub, 1.0)
        a = sparse.hstack([a, sparse.csr_array((a.shape[0], 1))], format="csr")
        integrality = np.append(np.concatenate(self.integer), 0)
        crossed = lb > ub + 1e-9
        size = {"variables": self.n, "constraints": len(lo), "integers": int(integrality.sum())}
        if crossed.any():  # a variable forced to 1 and barred from it: infeasible before any search
            return Solution("infeasible", None, float("nan"), float("nan"), 0.0, message="bounds cross", **size)
        t0 = time.perf_counter()
        res = optimize.milp(
            c=np.zeros_like(c) if feasibility else -c, integrality=integrality, bounds=optimize.Bounds(lb, ub),
            constraints=optimize.LinearConstraint(a, lo, hi) if len(lo) else None,
            options={"time_limit": time_limit, "mip_rel_gap": gap, "presolve": True},
        )
        seconds = time.perf_counter() - t0
        status = STATUS.get(int(res.status), "error")
        x = None if res.x is None else np.asarray(res.x)
        if x is None and status == "optimal":
            status = "error"
        objective = float(c @ x) if x is not None else float("nan")
        x = None if x is None else x[:-1]
        mip_gap = float(getattr(res, "mip_gap", 0.0) or 0.0) if x is not None else float("nan")
        return Solution(status if x is not None or status != "time_limit" else "time_limit", x, objective,
                        0.0 if status == "optimal" and mip_gap < 0 else mip_gap, seconds,
                        message=str(res.message), **size)

    def activity(self, x: np.ndarray, matrix: sparse.csr_array | None = None) -> np.ndarray:
        """Each row's value at ``x``."""
        a = self.matrix() if matrix is None else matrix
        return np.asarray(a @ x)
