"""The Recommend page's settings panel as data: its widget keys, their starting values, and the mapping
from widget values to policy levers, constraints, optimiser settings and criteria weights (pure, so
the panel stays thin and the mapping is tested without a browser)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.simulation.constraints import Constraints, Settings, parse_constraints
from core.simulation.criteria import CRITERIA, Weights
from core.simulation.levers import DEFAULT_LEVERS, DELIVERIES, Levers, parse_levers
from core.store.repo import Portfolio
from core.views.lever_form import FormContext

PREFIX = "rec_"
UM, CAP, TOL, ENERGY, QUALITY, STD = (PREFIX + k for k in ("um", "cap", "tol", "energy", "quality", "std"))
BUILDINGS, SERVICES, HORIZON, START = (PREFIX + k for k in ("buildings", "services", "horizon", "start"))
OBJECTIVE, ALPHA, MIX, DRAWS = (PREFIX + k for k in ("objective", "alpha", "mix", "draws"))
TIME_LIMIT, GAP = PREFIX + "time_limit", PREFIX + "gap"
LOCKS = PREFIX + "locks"
# each limit: (constraint field, widget of its switch, widget of its value, the value's unit factor)
LIMITS: dict[str, tuple[str, float]] = {  # field → unit factor between the widget and the constraint
    "hurdle": ("hurdle", 0.01), "vendor_quality": ("vendor_quality", 1.0), "people_per_year": ("people_per_year", 1.0),
    "budget_per_year": ("budget_per_year", 1e4), "max_lots": ("max_lots", 1.0), "hhi_cap": ("hhi_cap", 1.0),
    "noncost_floor": ("noncost_floor", 1.0),
}
SWITCHES: tuple[str, ...] = ("contract_ends", "attrition")


def book_of(p: Portfolio) -> dict[str, float]:
    """The factors of the assumption book the panel shows as constraint defaults."""
    return {k: p.book.value(k) for k in ("admission_min_score", "hurdle_rate") if k in p.book}


def on_key(field: str) -> str:
    """The widget key of a constraint's switch."""
    return f"{PREFIX}on_{field}"


def value_key(field: str) -> str:
    """The widget key of a constraint's value."""
    return f"{PREFIX}value_{field}"


def force_key(delivery: str) -> str:
    """The widget key of the cells forced to ``delivery``."""
    return f"{PREFIX}force_{delivery}"


def weight_key(criterion: str) -> str:
    """The widget key of a criterion's weight."""
    return f"{PREFIX}w_{criterion}"


def form_values(ctx: FormContext, levers: Levers = DEFAULT_LEVERS, constraints: Constraints | None = None,
                settings: Settings | None = None, weights: Weights | None = None, *,
                book: Mapping[str, float] | None = None) -> dict[str, Any]:
    """The panel's widget values for these levers, constraints, settings and weights (values the
    book supplies — the hurdle, the admission score — shown as the book has them)."""
    c, s, w = constraints or Constraints(), settings or Settings(), weights or Weights()
    book = book or {}
    values: dict[str, Any] = {
        UM: levers.unified_management, CAP: levers.fee_cap.enabled, ENERGY: levers.energy, QUALITY: levers.quality_gate,
        STD: levers.staffing_standard,
        TOL: round(100 * (levers.fee_cap.tolerance if levers.fee_cap.tolerance is not None else ctx.tolerance), 1),
        BUILDINGS: list(levers.scope.buildings), SERVICES: [x.value for x in levers.scope.services],
        HORIZON: levers.horizon_years or ctx.horizon, START: levers.start_year or ctx.base_year + 1,
        OBJECTIVE: s.objective, ALPHA: round(100 * s.alpha), MIX: round(100 * s.mix), DRAWS: s.draws or 0,
        TIME_LIMIT: int(s.time_limit), GAP: round(100 * s.mip_rel_gap, 2),
        LOCKS: [f"{x.building}|{x.service.value}" for x in c.locks],
    }
    for d in DELIVERIES:
        values[force_key(d)] = [f"{f.building}|{f.service.value}" for f in c.forces if f.to.value == d]
    for field in SWITCHES:
        values[on_key(field)] = bool(getattr(c, field))
    defaults = {"hurdle": ctx.hurdle, "vendor_quality": book.get("admission_min_score", 80.0)}
    for field, (_, unit) in LIMITS.items():
        limit = getattr(c, field)
        value = limit.value if limit.value is not None else defaults.get(field, 0.0)
        values[on_key(field)] = limit.enabled
        values[value_key(field)] = round(float(value) / unit, 2)
    for crit in CRITERIA:
        values[weight_key(crit)] = float(getattr(w, crit))
    return values


def from_form(values: Mapping[str, Any], ctx: FormContext, *, book: Mapping[str, float] | None = None
              ) -> tuple[Levers, Constraints, Settings, Weights]:
    """The policy levers, constraints, settings and weights the widget values describe. A value equal
    to the book's (tolerance, hurdle, admission score) is left to follow the book."""
    book = book or {}
    tol = float(values[TOL]) / 100
    levers = parse_levers({
        "unified_management": bool(values[UM]), "energy": bool(values[ENERGY]), "quality_gate": bool(values[QUALITY]),
        "staffing_standard": bool(values.get(STD, False)),
        "fee_cap": {"enabled": bool(values[CAP]), "tolerance": None if abs(tol - ctx.tolerance) < 1e-9 else tol},
        "scope": {"buildings": list(values[BUILDINGS]), "services": list(values[SERVICES])},
        "horizon_years": None if int(values[HORIZON]) == ctx.horizon else int(values[HORIZON]),
        "start_year": None if int(values[START]) == ctx.base_year + 1 else int(values[START]),
    })
    follows = {"hurdle": ctx.hurdle, "vendor_quality": book.get("admission_min_score")}
    data: dict[str, Any] = {field: bool(values[on_key(field)]) for field in SWITCHES}
    for field, (_, unit) in LIMITS.items():
        value = float(values[value_key(field)]) * unit
        book_value = follows.get(field)
        same = book_value is not None and abs(value - book_value) < 1e-9
        data[field] = {"enabled": bool(values[on_key(field)]), "value": None if same else value}
    locked = [k for k in values.get(LOCKS, []) if k in ctx.items]
    data["locks"] = [{"building": k.split("|")[0], "service": k.split("|")[1]} for k in locked]
    forced: dict[str, str] = {}
    for d in DELIVERIES:
        for k in values.get(force_key(d), []):
            if k in ctx.items and k not in locked:
                forced[k] = d  # a cell named twice: the later delivery wins
    data["forces"] = [{"building": k.split("|")[0], "service": k.split("|")[1], "to": d} for k, d in forced.items()]
    settings = Settings(objective=values[OBJECTIVE], alpha=float(values[ALPHA]) / 100, mix=float(values[MIX]) / 100,
                        draws=int(values[DRAWS]) or None, time_limit=float(values[TIME_LIMIT]), mip_rel_gap=float(values[GAP]) / 100)
    weights = Weights(**{c: float(values[weight_key(c)]) for c in CRITERIA})
    return levers, parse_constraints(data), settings, weights
