"""The optimiser's constraint catalogue (约束条件) and its settings, as checked, canonical data.

Every constraint is on or off with a value, except those that are always on: restricted items
(core, key, confidential) never go to an outside vendor, and the model's own rule that a conversion
counts only when it saves money. A constraint set is saved as JSON (``--constraints FILE.json``)::

    {"people_per_year": {"enabled": true, "value": 20},
     "budget_per_year": {"enabled": true, "value": 800000},
     "locks": [{"building": "市档案馆", "service": "security"}],
     "forces": [{"building": "群团大楼", "service": "security", "to": "contracted"}]}

Values left out take the defaults below; a value of ``null`` takes the assumption book's (the
hurdle rate, the admission score).
"""
from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from core.simulation.levers import LeverError, json_depth
from core.store.limits import MAX_LEVERS_BYTES, MAX_LEVERS_DEPTH
from core.store.models import DeliveryType, ServiceCode

OBJECTIVES: tuple[str, ...] = ("expected", "cvar", "mix")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Limit(_Strict):
    """A constraint that is on or off, with its value (``None``: the assumption book's)."""

    enabled: bool = False
    value: Annotated[float, Field(ge=0)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_bool(cls, data: Any) -> Any:
        return {"enabled": data} if isinstance(data, bool) else data


class Cell(_Strict):
    """One building × service."""

    building: str
    service: ServiceCode


class Force(Cell):
    """Deliver one building × service a given way."""

    to: DeliveryType


class Constraints(_Strict):
    """The constraints a recommended plan must meet. Each limit is on or off; per-year limits hold in
    every simulated year (``extra`` adds to one year's limit, as the relaxation of a binding year does)."""

    locks: tuple[Cell, ...] = ()  # keep as delivered today
    forces: tuple[Force, ...] = ()  # deliver this way
    contract_ends: bool = True  # a vendor-delivered item changes only when its contract ends within the horizon
    attrition: bool = True  # established posts go no faster than attrition and redeployment
    hurdle: Limit = Limit(enabled=True)  # each conversion beats the minimum conversion differential (share)
    people_per_year: Limit = Limit(enabled=False, value=20)  # at most this many people affected a year
    budget_per_year: Limit = Limit(enabled=False, value=1_000_000)  # one-time transition costs a year [CNY]
    max_lots: Limit = Limit(enabled=False, value=3)  # at most K lots or vendors per service line
    hhi_cap: Limit = Limit(enabled=False, value=2_500)  # concentration of each service line's vendors
    vendor_quality: Limit = Limit(enabled=True)  # admitted vendors with a mean score above this (None: book)
    noncost_floor: Limit = Limit(enabled=False, value=3.5)  # the plan's non-cost score, 1-5
    extra_people: tuple[tuple[int, float], ...] = ()  # (year, people) added to that year's limit
    extra_budget: tuple[tuple[int, float], ...] = ()  # (year, CNY) added to that year's budget

    @model_validator(mode="before")
    @classmethod
    def _limits_keep_their_default_value(cls, data: Any) -> Any:
        """``"budget_per_year": true`` (or a dict without a value) switches a limit on at its default value."""
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for name, field in cls.model_fields.items():
            given, default = out.get(name), field.default
            if not isinstance(default, Limit) or given is None or isinstance(given, Limit):
                continue
            given = {"enabled": given} if isinstance(given, bool) else given
            if isinstance(given, dict) and "value" not in given:
                out[name] = {**given, "value": default.value}
        return out

    @field_validator("locks", "forces")
    @classmethod
    def _one_per_cell(cls, v: tuple[Cell, ...]) -> tuple[Cell, ...]:
        last = {(c.building, c.service.value): c for c in v}  # a later entry for the same cell wins
        return tuple(last[k] for k in sorted(last))

    @model_validator(mode="after")
    def _lock_or_force(self) -> Constraints:
        both = {(c.building, c.service) for c in self.locks} & {(c.building, c.service) for c in self.forces}
        if both:
            b, s = sorted(both)[0]
            raise ValueError(f"{b} · {s.value} is both locked and forced")
        return self

    def extra(self, kind: str, year: int) -> float:
        """What a relaxation adds to ``kind`` (``people`` or ``budget``) in ``year``."""
        pairs = self.extra_people if kind == "people" else self.extra_budget
        return sum(v for y, v in pairs if y == year)


class Settings(_Strict):
    """What the optimiser maximises and how hard it tries."""

    objective: Literal["expected", "cvar", "mix"] = "expected"
    alpha: Annotated[float, Field(gt=0, le=0.5)] = 0.10  # CVaR: the mean of the worst alpha of the draws
    mix: Annotated[float, Field(ge=0, le=1)] = 0.5  # mix: weight of the expected NPV (the rest on CVaR)
    # the sample the options are valued and the CVaR linearised over; None: as many as the city's size
    # allows in reasonable time (core.simulation.options.auto_draws)
    draws: Annotated[int, Field(ge=20, le=2_000)] | None = None
    seed: int = 20_260_101
    time_limit: Annotated[float, Field(gt=0, le=3_600)] = 30.0  # [s]
    mip_rel_gap: Annotated[float, Field(ge=0, le=0.2)] = 0.001
    bundle: bool = True  # the optimiser may bundle services into lots
    pool: bool = True  # and pool staff

    @property
    def expected_weight(self) -> float:
        """Weight of the expected NPV in the objective (the rest goes on the CVaR)."""
        return {"expected": 1.0, "cvar": 0.0}.get(self.objective, self.mix)


def parse_constraints(data: Any) -> Constraints:
    """Constraints from a dict or JSON text, checked; :class:`LeverError` says what is wrong and where."""
    if isinstance(data, Constraints):
        return data
    if isinstance(data, str | bytes):
        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        if len(text) > MAX_LEVERS_BYTES:  # a constraints file is as small as levers are
            raise LeverError("constraints.err.long", n=f"{len(text):,}", limit=f"{MAX_LEVERS_BYTES:,}")
        if json_depth(text) > MAX_LEVERS_DEPTH:  # measured before parsing: json.loads recurses
            raise LeverError("constraints.err.depth", depth=MAX_LEVERS_DEPTH)
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError as exc:
            raise LeverError("constraints.err.json", msg=exc.msg, pos=exc.pos) from None
    if not isinstance(data, dict):
        raise LeverError("constraints.err.object")
    try:
        return Constraints.model_validate(data)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e["loc"]) or "constraints"
            problems.append(f"unknown key {where!r}" if e["type"] == "extra_forbidden" else f"{where}: {e['msg']}")
        raise LeverError("constraints.err.fields", problems="; ".join(problems)) from None


def constraints_json(c: Constraints) -> str:
    """The constraints as canonical JSON (what differs from the defaults)."""
    data = c.model_dump(mode="json", exclude_defaults=True)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# The groups a plan's constraints fall in: each named to a leader, switched off or relaxed as a whole.
ALWAYS_ON: tuple[str, ...] = ("restricted", "model")
GROUPS: tuple[str, ...] = (*ALWAYS_ON, "contract_ends", "attrition", "hurdle", "vendor_quality", "people",
                           "budget", "max_lots", "hhi", "noncost", "lock", "force")
