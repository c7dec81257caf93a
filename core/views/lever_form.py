"""The Consolidation page's lever panel as data: its widget keys and the mapping between widget values
and :class:`Levers` (pure, so the panel stays thin and the mapping is tested without a browser)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.i18n import label, t
from core.simulation.levers import DELIVERIES, Levers, parse_levers
from core.store.repo import Portfolio


@dataclass(frozen=True)
class FormContext:
    """What the lever panel needs to know of the portfolio and the book."""

    base_year: int
    horizon: int  # the book's horizon_years
    tolerance: float  # the book's fee_cap_tolerance (a fraction)
    hurdle: float  # the book's hurdle_rate (a fraction)
    buildings: tuple[str, ...]
    services: tuple[str, ...]  # every service code, in the services' order
    bundle_services: tuple[str, ...]  # services a vendor delivers somewhere (paid at actual excluded)
    items: dict[str, tuple[str, str, str, bool]]  # "building|service" → building, service, delivery, restricted

    @classmethod
    def of(cls, p: Portfolio) -> FormContext:
        """The context of a portfolio."""
        a = p.arrangements.loc[~p.arrangements["paid_at_actual"] & p.arrangements["delivery"].notna()]
        names = p.buildings.set_index("id")["name"]
        order = {c: i for i, c in enumerate(p.services["code"])}
        a = a.assign(building=a["building_id"].map(names), _o=a["service"].map(order)).sort_values(["building_id", "_o"])
        items = {f"{b}|{s}": (str(b), str(s), str(d), bool(r))
                 for b, s, d, r in zip(a["building"], a["service"], a["delivery"], a["restricted"])}
        paid = set(p.services.loc[p.services["paid_at_actual"].astype(bool), "code"])
        return cls(base_year=p.latest_year, horizon=int(p.book.value("horizon_years")),
                   tolerance=p.book.value("fee_cap_tolerance"), hurdle=p.book.value("hurdle_rate"), buildings=tuple(p.buildings["name"]),
                   services=tuple(p.services["code"]), bundle_services=tuple(c for c in p.services["code"] if c not in paid),
                   items=items)

    def item_label(self, key: str, lang: str) -> str:
        """“农业农村大楼 · 餐饮（自我保障）” for an item key, marked when restricted."""
        b, s, d, restricted = self.items[key]
        mark = t("sim.form.restricted_tag", lang) if restricted else ""
        paren = ("（{}）" if lang == "zh" else " ({})").format(label("delivery", d, lang))
        return f"{b} · {label('service', s, lang)}{paren}{mark}"


# Widget keys of the lever panel, one per lever setting; per-service and per-delivery keys via the helpers.
PREFIX = "sim_"
UM, POOL, ENERGY, CAP, TOL, BUNDLE, QUALITY = (PREFIX + k for k in ("um", "pool", "energy", "cap", "tol", "bundle", "quality"))
STD = PREFIX + "std"
RULE, RULE_FROM, RULE_TO, RULE_SERVICES = (PREFIX + k for k in ("rule", "rule_from", "rule_to", "rule_services"))
BUILDINGS, SERVICES, HORIZON, START = (PREFIX + k for k in ("buildings", "services", "horizon", "start"))
DRAWS, SEED, VIEW = PREFIX + "draws", PREFIX + "seed", PREFIX + "view"
HURDLE = PREFIX + "hurdle"


LOTS_MAX = 20  # the most lots the panel offers per service
START_AHEAD = 10  # the first simulated year may be at most this many years after the base year


def lots_key(service: str) -> str:
    """The widget key of the number of lots of a bundled service."""
    return f"{PREFIX}lots_{service}"


def to_key(delivery: str) -> str:
    """The widget key of the items to convert to ``delivery``."""
    return f"{PREFIX}to_{delivery}"


def form_values(levers: Levers, ctx: FormContext) -> dict[str, Any]:
    """The lever panel's widget values for ``levers``, by widget key."""
    rule = levers.convert_rule
    start = levers.start_year or ctx.base_year + 1
    values: dict[str, Any] = {
        BUILDINGS: [b for b in levers.scope.buildings if b in ctx.buildings],
        SERVICES: [s.value for s in levers.scope.services],
        HORIZON: levers.horizon_years or ctx.horizon,
        START: min(max(start, ctx.base_year + 1), ctx.base_year + START_AHEAD),
        UM: levers.unified_management, POOL: levers.staff_pooling, ENERGY: levers.energy,
        CAP: levers.fee_cap.enabled, STD: levers.staffing_standard,
        TOL: round(100 * (levers.fee_cap.tolerance if levers.fee_cap.tolerance is not None else ctx.tolerance), 1),
        BUNDLE: [s.value for s, _ in levers.bundling if s.value in ctx.bundle_services], QUALITY: levers.quality_gate,
        HURDLE: round(100 * (levers.hurdle_rate if levers.hurdle_rate is not None else ctx.hurdle), 1),
        RULE: rule is not None, RULE_FROM: rule.from_.value if rule else "in_house",
        RULE_TO: rule.to.value if rule else "contracted",
        RULE_SERVICES: [s.value for s in rule.services] if rule else [],
    }
    for s in ctx.bundle_services:
        values[lots_key(s)] = min(levers.lots(s) or 1, LOTS_MAX)
    for d in DELIVERIES:
        values[to_key(d)] = [k for c in levers.conversions if c.to.value == d
                             and (k := f"{c.building}|{c.service.value}") in ctx.items]
    return values


def out_of_reach(levers: Levers, ctx: FormContext, lang: str) -> list[str]:
    """What of ``levers`` the panel cannot show as it is (and :func:`form_values` changes), in words:
    a link or a scenario saved elsewhere may hold more lots, a later first year, or buildings and
    items this store does not have. The panel says so rather than change them silently."""
    out = []
    for s, n in levers.bundling:
        if s.value not in ctx.bundle_services:
            out.append(t("sim.reach.bundle", lang, service=label("service", s.value, lang)))
        elif n > LOTS_MAX:
            out.append(t("sim.reach.lots", lang, service=label("service", s.value, lang), n=n, max=LOTS_MAX))
    start = levers.start_year
    low, high = ctx.base_year + 1, ctx.base_year + START_AHEAD
    if start is not None and not low <= start <= high:
        out.append(t("sim.reach.start", lang, year=start, used=min(max(start, low), high), low=low, high=high))
    out += [t("sim.reach.building", lang, building=b) for b in levers.scope.buildings if b not in ctx.buildings]
    out += [t("sim.reach.item", lang, building=c.building, service=label("service", c.service.value, lang))
            for c in levers.conversions if f"{c.building}|{c.service.value}" not in ctx.items]
    return out


def levers_from_form(values: Mapping[str, Any], ctx: FormContext) -> Levers:
    """The levers the panel's widget values (by widget key) describe. Values equal to the book's
    defaults (horizon, first year, tolerance, hurdle) are left out, so that the scenario follows the book."""
    tol = float(values[TOL]) / 100
    hurdle = float(values.get(HURDLE, 100 * ctx.hurdle)) / 100
    conversions = [{"building": k.split("|")[0], "service": k.split("|")[1], "to": d}
                   for d in DELIVERIES for k in values.get(to_key(d), []) if k in ctx.items]
    data: dict[str, Any] = {
        "scope": {"buildings": list(values[BUILDINGS]), "services": list(values[SERVICES])},
        "horizon_years": None if int(values[HORIZON]) == ctx.horizon else int(values[HORIZON]),
        "start_year": None if int(values[START]) == ctx.base_year + 1 else int(values[START]),
        "unified_management": bool(values[UM]), "staff_pooling": bool(values[POOL]),
        "energy": bool(values[ENERGY]), "quality_gate": bool(values[QUALITY]),
        "fee_cap": {"enabled": bool(values[CAP]), "tolerance": None if abs(tol - ctx.tolerance) < 1e-9 else tol},
        "hurdle_rate": None if abs(hurdle - ctx.hurdle) < 1e-9 else hurdle,
        "staffing_standard": bool(values.get(STD, False)),
        "bundling": {s: int(values.get(lots_key(s), 1)) for s in values[BUNDLE]},
        "conversions": conversions,
        "convert_rule": ({"from": values[RULE_FROM], "to": values[RULE_TO], "services": list(values[RULE_SERVICES])}
                         if values[RULE] else None),
    }
    return parse_levers(data)
