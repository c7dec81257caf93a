"""A scenario's levers (方案参数): the schema, its checks, the canonical JSON it is saved as, and the
short code a shared link carries.

:class:`Levers` is immutable and canonical: lists are sorted and free of repeats, a later conversion
of the same item replaces an earlier one, lots per service are pairs in the services' order. Two
levers that simulate the same are equal and hash the same, so pages cache a simulation on the levers
themselves.
"""
from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_serializer, field_validator, model_validator

from core.i18n import STRINGS, t
from core.store.limits import MAX_LEVERS_BYTES, MAX_LEVERS_DEPTH, MAX_LINK_CHARS
from core.store.models import DeliveryType, ServiceCode

LEVERS: tuple[str, ...] = (
    "conversion", "unified_management", "fee_cap", "staffing_standard", "bundling", "staff_pooling", "energy",
    "quality_gate",
)
DELIVERIES: tuple[str, ...] = tuple(d.value for d in DeliveryType)
OUTSIDE: frozenset[str] = frozenset({"labour_only", "contracted"})


class LeverError(ValueError):
    """Levers that cannot be simulated (unknown key, building or service; value out of range), said in
    either language: an i18n key and its values (a value may be a function of the language). ``str()``
    is the English text (the CLI's); pages show :meth:`text` in the reader's language, naming levers
    by their labels, never by their codes."""

    def __init__(self, key: str, **fmt: object) -> None:
        self.key, self.fmt = key, fmt
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **{k: v(lang) if callable(v) else v for k, v in self.fmt.items()})


def _where(loc: tuple[Any, ...], lang: str) -> str:
    """A place in the levers as a reader names it: the lever's label, then the rest of the path
    (``收费封顶 · tolerance``); in English the path as written (``fee_cap.tolerance``)."""
    path = ".".join(str(x) for x in loc) or "levers"
    if lang == "en":
        return path
    names = [t(k, lang) if (k := f"sim.lever.{x}") in STRINGS else (t(f"lever.field.{x}", lang)
             if f"lever.field.{x}" in STRINGS else str(x)) for x in loc if not isinstance(x, int)]
    return " · ".join(names) or path


# --- the levers ---------------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Scope(_Strict):
    """Which buildings (by name) and services (by code) the scenario covers; empty = all."""

    buildings: tuple[str, ...] = ()
    services: tuple[ServiceCode, ...] = ()

    _canonical = field_validator("buildings", "services")(classmethod(lambda cls, v: _sorted_set(v)))


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

    _canonical = field_validator("services")(classmethod(lambda cls, v: _sorted_set(v)))


class Levers(_Strict):
    """A scenario's levers, as stored (JSON) in :class:`core.store.models.Scenario`. Omitted = not used."""

    horizon_years: Annotated[int, Field(ge=3, le=10)] | None = None  # None = the book's horizon_years
    start_year: int | None = None  # None = the year after the base year
    scope: Scope = Scope()
    unified_management: bool = False
    fee_cap: FeeCap = FeeCap()
    staffing_standard: bool = False  # in-house teams to the unified staffing norm, posts released by the people rules
    # lots per bundled service: (service, lots) pairs, in the services' order; JSON writes {service: lots}
    bundling: tuple[tuple[ServiceCode, Annotated[int, Field(ge=1, le=50)]], ...] = ()
    conversions: tuple[Conversion, ...] = ()
    convert_rule: ConvertRule | None = None
    staff_pooling: bool = False
    energy: bool = False
    quality_gate: bool = False
    # the minimum conversion differential as a share of in-house personnel cost (None = the book's
    # hurdle_rate): a plan recommended under a lower or no hurdle carries it, so it simulates the same
    hurdle_rate: Annotated[float, Field(ge=0, le=1)] | None = None

    @field_validator("bundling", mode="before")
    @classmethod
    def _bundling_pairs(cls, v: Any) -> Any:
        return tuple(v.items()) if isinstance(v, dict) else v

    @field_validator("bundling")
    @classmethod
    def _bundling_order(cls, v: tuple[tuple[ServiceCode, int], ...]) -> tuple[tuple[ServiceCode, int], ...]:
        last = dict(v)  # a service named twice: the later number of lots wins
        return tuple((s, last[s]) for s in ServiceCode if s in last)

    @field_serializer("bundling")
    def _bundling_json(self, v: tuple[tuple[ServiceCode, int], ...]) -> dict[str, int]:
        return {s.value: n for s, n in v}

    @field_validator("conversions")
    @classmethod
    def _one_per_item(cls, v: tuple[Conversion, ...]) -> tuple[Conversion, ...]:
        last = {(c.building, c.service.value): c for c in v}  # a later conversion of the same item wins
        return tuple(last[k] for k in sorted(last))

    def lots(self, service: str) -> int | None:
        """The number of lots ``service`` is bundled into (None when it is not bundled)."""
        return next((n for s, n in self.bundling if s == service), None)

    def enabled(self) -> tuple[str, ...]:
        """The levers this scenario uses, in the model's order."""
        on = {
            "conversion": bool(self.conversions) or self.convert_rule is not None,
            "unified_management": self.unified_management, "fee_cap": self.fee_cap.enabled,
            "staffing_standard": self.staffing_standard, "bundling": bool(self.bundling), "staff_pooling": self.staff_pooling, "energy": self.energy,
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
        text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
        if len(text) > MAX_LEVERS_BYTES:
            raise LeverError("lever.err.long", n=f"{len(text):,}", limit=f"{MAX_LEVERS_BYTES:,}")
        if json_depth(text) > MAX_LEVERS_DEPTH:  # measured before parsing: json.loads recurses
            raise LeverError("lever.err.depth", depth=MAX_LEVERS_DEPTH)
        try:
            data = json.loads(text or "{}")
        except json.JSONDecodeError as exc:
            raise LeverError("lever.err.json", msg=exc.msg, pos=exc.pos) from None
        except RecursionError:
            raise LeverError("lever.err.depth", depth=MAX_LEVERS_DEPTH) from None
    if not isinstance(data, dict):
        raise LeverError("lever.err.object")
    try:
        return Levers.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()

        def problems(lang: str) -> str:
            out = []
            for e in errors:
                if e["type"] == "extra_forbidden":
                    out.append(t("lever.err.unknown", lang, where=repr(".".join(str(x) for x in e["loc"]))))
                else:  # pydantic's own words are English: in Chinese, the lever and that its value is refused
                    out.append(f"{_where(e['loc'], lang)}: {e['msg']}" if lang == "en"
                               else t("lever.err.value", lang, where=_where(e["loc"], lang)))
            return "; ".join(out) if lang == "en" else "；".join(out)

        raise LeverError("lever.err.fields", problems=problems) from None


def json_depth(text: str, stop: int = MAX_LEVERS_DEPTH) -> int:
    """How deeply lists and objects nest in a JSON text (strings skipped); counting stops past ``stop``."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop:
                    break
        elif ch in "]}":
            depth -= 1
    return deepest


def _sorted_set(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(sorted(set(values)))


def to_json(levers: Levers) -> str:
    """The levers as canonical JSON (how they are saved and shared): only what differs from the
    defaults, keys sorted (the levers themselves are already in canonical order)."""
    data = levers.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if not data.get("bundling"):  # its serialiser hides that the empty default is the default
        data.pop("bundling", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def encode(levers: Levers) -> str:
    """The levers as a short URL-safe text (for a shareable link's ``levers=`` parameter)."""
    packed = zlib.compress(to_json(levers).encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(text: str) -> Levers:
    """The levers of :func:`encode`; :class:`LeverError` if the text is damaged, longer than a link's
    levers may be, unpacks to more than levers may, or nests too deeply (each checked before the
    next, more expensive step)."""
    if len(text) > MAX_LINK_CHARS:
        raise LeverError("lever.err.link_long", n=f"{len(text):,}", limit=f"{MAX_LINK_CHARS:,}")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        unpacker = zlib.decompressobj()
        raw = unpacker.decompress(packed, MAX_LEVERS_BYTES + 1)  # never more than this much memory
    except (binascii.Error, zlib.error, ValueError):
        raise LeverError("lever.err.damaged") from None
    if len(raw) > MAX_LEVERS_BYTES or unpacker.unconsumed_tail:
        raise LeverError("lever.err.unpacked", limit=f"{MAX_LEVERS_BYTES:,}")
    return parse_levers(raw.decode("utf-8", errors="replace"))
