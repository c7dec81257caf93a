"""A scenario's levers (方案参数): the schema, its checks, the canonical JSON it is saved as, and the short code a shared link carries."""
from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.store.models import DeliveryType, ServiceCode

LEVERS: tuple[str, ...] = (
    "conversion", "unified_management", "fee_cap", "bundling", "staff_pooling", "energy", "quality_gate",
)


DELIVERIES: tuple[str, ...] = tuple(d.value for d in DeliveryType)


OUTSIDE: frozenset[str] = frozenset({"labour_only", "contracted"})


class LeverError(ValueError):
    """Levers that cannot be simulated (unknown key, building or service; value out of range)."""


# --- the levers ---------------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Scope(_Strict):
    """Which buildings (by name) and services (by code) the scenario covers; empty = all."""

    buildings: tuple[str, ...] = ()
    services: tuple[ServiceCode, ...] = ()


class FeeCap(_Strict):
    """Cap fees above the unified standard × (1 + tolerance); tolerance ``None`` = the book's.
    ``"fee_cap": true`` is short for ``{"enabled": true}``."""

    enabled: bool = False
    tolerance: Annotated[float, Field(ge=0, le=1)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_bool(cls, data: Any) -> Any:
        return {"enabled": data} if isinstance(data, bool) else data


class Conversion(_Strict):
    """Deliver one building's service another way."""

    building: str
    service: ServiceCode
    to: DeliveryType


class ConvertRule(_Strict):
    """Convert every item delivered ``from`` to ``to`` (for ``services``, or all) within the scope."""

    from_: DeliveryType = Field(alias="from")
    to: DeliveryType
    services: tuple[ServiceCode, ...] = ()


class Levers(_Strict):
    """A scenario's levers, as stored (JSON) in :class:`core.store.models.Scenario`. Omitted = not used."""

    horizon_years: Annotated[int, Field(ge=3, le=10)] | None = None  # None = the book's horizon_years
    start_year: int | None = None  # None = the year after the base year
    scope: Scope = Scope()
    unified_management: bool = False
    fee_cap: FeeCap = FeeCap()
    bundling: dict[ServiceCode, Annotated[int, Field(ge=1, le=50)]] = Field(default_factory=dict)
    conversions: tuple[Conversion, ...] = ()
    convert_rule: ConvertRule | None = None
    staff_pooling: bool = False
    energy: bool = False
    quality_gate: bool = False

    def enabled(self) -> tuple[str, ...]:
        """The levers this scenario uses, in the model's order."""
        on = {
            "conversion": bool(self.conversions) or self.convert_rule is not None,
            "unified_management": self.unified_management, "fee_cap": self.fee_cap.enabled,
            "bundling": bool(self.bundling), "staff_pooling": self.staff_pooling, "energy": self.energy,
            "quality_gate": self.quality_gate,
        }
        return tuple(k for k in LEVERS if on[k])


# The page's starting point: what the Bureau can do without restructuring anything.
DEFAULT_LEVERS = Levers(unified_management=True, fee_cap=FeeCap(enabled=True), energy=True, quality_gate=True)


def parse_levers(data: Any) -> Levers:
    """Levers from a dict or JSON text, checked; :class:`LeverError` says what is wrong and where."""
    if isinstance(data, Levers):
        return data
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data or "{}")
        except json.JSONDecodeError as exc:
            raise LeverError(f"levers are not valid JSON ({exc.msg}, position {exc.pos})") from None
    if not isinstance(data, dict):
        raise LeverError("levers must be a JSON object")
    try:
        return Levers.model_validate(data)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e["loc"]) or "levers"
            if e["type"] == "extra_forbidden":
                problems.append(f"unknown key {where!r}")
            else:
                problems.append(f"{where}: {e['msg']}")
        raise LeverError("levers: " + "; ".join(problems)) from None


def to_json(levers: Levers) -> str:
    """The levers as canonical JSON (a cache key, and how they are saved): only what differs from the
    defaults, keys sorted, lists in a fixed order; a later conversion of the same item wins."""
    data = levers.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if "conversions" in data:
        last = {(c["building"], c["service"]): c for c in data["conversions"]}
        data["conversions"] = [last[k] for k in sorted(last)]
    for part, key in (("scope", "buildings"), ("scope", "services"), ("convert_rule", "services")):
        if key in data.get(part, {}):
            data[part][key] = sorted(set(data[part][key]))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def encode(levers: Levers) -> str:
    """The levers as a short URL-safe text (for a shareable link's ``levers=`` parameter)."""
    packed = zlib.compress(to_json(levers).encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(text: str) -> Levers:
    """The levers of :func:`encode`; :class:`LeverError` if the text is damaged."""
    try:
        raw = zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, zlib.error, ValueError):
        raise LeverError("the levers in the link are damaged (copy the whole link)") from None
    return parse_levers(raw.decode("utf-8", errors="replace"))
