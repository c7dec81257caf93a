"""The three gates (三关) and the unified-management scorecard.

- Vendor admission (企业准入关): the register, the Bureau's admission rules and every decision.
- Fee control (项目收费关): the contract register against the unified standard, spend by channel,
  contracts about to expire, non-competitive awards above a threshold and vendor concentration.
- Quality assessment (服务质量关): scores, rankings, bands and the replacement flag live in
  :mod:`core.domain.quality`; this module puts them beside the other gates.
- The scorecard: for every building and department, which unified-management checks hold. Only
  统一管理 and 统一标准 are named by the source article; the other checks are the dashboard's own.

Money is CNY, prices per m² are CNY/(m²·month), the Herfindahl index is on the 0-10,000 scale.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

import numpy as np
import pandas as pd
from sqlmodel import Session

from core.domain import quality
from core.domain.standards import benchmark
from core.i18n import label, t
from core.store import access, repo
from core.store.access import Actor, Permission
from core.store.db import Refused
from core.store.models import AdmissionStatus, ProcurementChannel, ServiceCode, Vendor, VendorDecision
from core.store.repo import Portfolio
from core.store.text import gate

NON_COMPETITIVE: tuple[str, ...] = (ProcurementChannel.single_source.value, ProcurementChannel.direct_award.value)
CHANNEL_ORDER: tuple[str, ...] = tuple(c.value for c in ProcurementChannel)
STATE_ORDER: tuple[str, ...] = ("lapsed", "expiring", "running", "future", "ended")
RULES: tuple[str, ...] = ("min_qualification", "no_blacklist", "min_score")
# The scorecard's checks, in display order. The first two are the source article's own words.
SCORECARD: tuple[str, ...] = (
    "unified_management", "unified_standard", "vendors_admitted", "fees_within_standard", "quality_passed",
    "restricted_kept",
)
SOURCED_CHECKS: frozenset[str] = frozenset({"unified_management", "unified_standard"})
T = TypeVar("T")


def per_portfolio(fn: Callable[[Portfolio, GateSettings], T]) -> Callable[[Portfolio, GateSettings], T]:
    """Remember ``fn(p, s)`` for as long as that very portfolio lives, so that the tables and charts
    of one page share one register, ranking and scorecard. Frames are handed out as copies."""
    memo: dict[tuple[int, GateSettings], tuple[weakref.ref[Portfolio], T]] = {}

    @functools.wraps(fn)
    def inner(p: Portfolio, s: GateSettings) -> T:
        key = (id(p), s)
        hit = memo.get(key)
        if hit is None or hit[0]() is not p:
            for k in [k for k, (ref, _) in list(memo.items()) if ref() is None]:
                memo.pop(k, None)
            while len(memo) >= 32:
                memo.pop(next(iter(memo)), None)
            hit = (weakref.ref(p), fn(p, s))
            memo[key] = hit
        out = hit[1]
        return out.copy() if isinstance(out, pd.DataFrame) else out  # type: ignore[return-value]

    return inner


@dataclass(frozen=True)
class GateSettings:
    """Everything the gates are judged by: the reference date, the year of the ledger and the
    assessments, and the rules the Bureau can set (defaults from the assumption book)."""

    on: dt.date  # reference date: contract states and expiry are judged on it
    year: int  # ledger year (fees, budgets) and assessment year (bonus/penalty)
    expiring_months: int
    flag_above: float  # single-source and direct awards above this are flagged [CNY/yr]
    amber: float  # "within standard" up to this share above the standard
    red: float
    min_qualification: int  # 1 is the highest level: admitted vendors need this level or better
    min_score: float  # mean over the last four assessed quarters
    replace_below: float  # two consecutive quarters below: flagged for replacement
    hhi_moderate: float
    hhi_high: float
    weights: tuple[tuple[str, float], ...]  # criterion → weight
    bands: quality.Bands = field(repr=False)

    @classmethod
    def from_book(cls, p: Portfolio, on: dt.date | None = None) -> GateSettings:
        """The settings in the assumption book, judged today (or ``on``) on the latest ledger year."""
        b = p.book
        return cls(
            on=on or dt.date.today(), year=p.latest_year,
            expiring_months=int(b.value("contract_expiry_window_months")),
            flag_above=b.value("direct_award_flag_threshold"),
            amber=b.value("std_amber_pct"), red=b.value("std_red_pct"),
            min_qualification=int(b.value("admission_min_qualification")),
            min_score=b.value("admission_min_score"), replace_below=b.value("quality_replace_below"),
            hhi_moderate=b.value("hhi_moderate"), hhi_high=b.value("hhi_high"),
            weights=tuple((c, float(v)) for c, v in quality.weights(b).items()),
            bands=quality.Bands.from_book(b),
        )

    @property
    def weight_series(self) -> pd.Series:
        """The criteria's weights as a Series (criterion → weight, summing to one)."""
        w = pd.Series(dict(self.weights), dtype=float)
        return w / w.sum() if w.sum() > 0 else w

    def book_values(self) -> dict[str, float]:
        """The settable rules as assumption-book keys and values (what saving them writes)."""
        return {
            "admission_min_qualification": float(self.min_qualification), "admission_min_score": self.min_score,
            "quality_replace_below": self.replace_below, "direct_award_flag_threshold": self.flag_above,
            "contract_expiry_window_months": float(self.expiring_months),
            **{f"qw_{c}": w for c, w in self.weights},
        }


def changed_rules(p: Portfolio, s: GateSettings) -> dict[str, float]:
    """The settable rules whose value in ``s`` differs from the assumption book's."""
    book = p.book
    return {k: v for k, v in s.book_values().items() if not np.isclose(book.value(k), v)}


def ranking(p: Portfolio, s: GateSettings) -> pd.DataFrame:
    """The vendors ranked by quality under ``s``'s weights and threshold (:func:`core.domain.quality.vendor_ranking`)."""
    return _ranking(p, s)


@per_portfolio
def _ranking(p: Portfolio, s: GateSettings) -> pd.DataFrame:
    return quality.vendor_ranking(p, w=s.weight_series, threshold=s.replace_below)


# --- vendor admission (企业准入关) ---------------------------------------------------------------
@dataclass(frozen=True)
class RuleOutcome:
    """One admission rule checked against one vendor."""

    rule: str
    required: str
    actual: str
    passed: bool


def admission_check(
    *, qualification_level: int, blacklist_entry: bool, score_mean: float | None,
    min_qualification: int, min_score: float,
) -> list[RuleOutcome]:
    """The admission rules for one vendor: qualification level ``min_qualification`` or better
    (1 is best), no blacklist entry on record, and a mean score over the last four quarters of at
    least ``min_score``. A vendor with no assessments (a new entrant) cannot fail the score rule."""
    has_score = score_mean is not None and not pd.isna(score_mean)
    return [
        RuleOutcome("min_qualification", f"<= {min_qualification}", str(qualification_level),
                    qualification_level <= min_qualification),
        RuleOutcome("no_blacklist", "none", "on record" if blacklist_entry else "none", not blacklist_entry),
        RuleOutcome("min_score", f">= {min_score:g}", f"{score_mean:.1f}" if has_score else "not assessed",
                    (not has_score) or float(score_mean) >= min_score),  # type: ignore[arg-type]
    ]


def blacklist_entries(p: Portfolio) -> pd.Series:
    """Per vendor id: whether it has ever been blacklisted (now or in any recorded decision)."""
    d = p.vendor_decisions
    past = set(d.loc[d["to_status"] == AdmissionStatus.blacklisted.value, "vendor_id"])
    now = p.vendors["status"] == AdmissionStatus.blacklisted.value
    return pd.Series(now.to_numpy() | p.vendors["id"].isin(past).to_numpy(), index=p.vendors["id"], name="blacklist")


@per_portfolio
def admission_table(p: Portfolio, s: GateSettings) -> pd.DataFrame:
    """The vendor register with each admission rule's outcome today and the criteria of the
    decision that admitted the vendor. One row per vendor, by name."""
    v = p.vendors.copy()
    ranked = ranking(p, s).set_index("vendor_id")
    v["score_mean"] = v["id"].map(ranked["score_mean"])
    v["blacklist_entry"] = v["id"].map(blacklist_entries(p)).astype(bool)
    checks = [admission_check(qualification_level=int(r.qualification_level), blacklist_entry=bool(r.blacklist_entry),
                              score_mean=r.score_mean, min_qualification=s.min_qualification,
                              min_score=s.min_score) for r in v.itertuples()]
    for i, rule in enumerate(RULES):
        v[f"rule_{rule}"] = [c[i].passed for c in checks]
    v["eligible"] = v[[f"rule_{r}" for r in RULES]].all(axis=1)
    d = p.vendor_decisions
    admits = d.loc[d["to_status"] == AdmissionStatus.admitted.value].sort_values("decided_on").groupby("vendor_id").last()
    v["admitted_on"] = v["id"].map(admits["decided_on"])
    v["admitted_because"] = v["id"].map(admits.apply(_criteria_text, axis=1) if len(admits) else pd.Series(dtype=str))
    return v


def _criteria_text(decision: pd.Series) -> str:
    """A decision's recorded criteria in one line (its reason when no rules were recorded)."""
    try:
        rules = json.loads(decision["criteria"] or "{}").get("rules", [])
    except (json.JSONDecodeError, AttributeError):
        rules = []
    if not rules:
        return str(decision["reason"] or "")
    return "; ".join(f"{r['rule']} {r['actual']} ({'ok' if r['passed'] else 'fail'})" for r in rules)


def decide(
    session: Session, p: Portfolio, s: GateSettings, *, vendor_id: int, to_status: AdmissionStatus | str,
    reason: str, actor: Actor, source: str = "app", decided_on: dt.date | None = None,
) -> None:
    """Record an admission decision (dated today unless ``decided_on``): the vendor's status, the
    decision with the rules checked, and their audit entries, in the caller's transaction.
    Admission is refused (:class:`Refused`) when a rule fails; every decision
    needs a reason."""
    access.require(actor, Permission.vendor_decision)
    to_status = AdmissionStatus(to_status)
    vendor = repo.get_vendor(session, vendor_id=vendor_id)
    if vendor is None:
        raise Refused("gates.err.no_vendor", id=vendor_id)
    if vendor.status == to_status:
        raise Refused("gates.err.same_status", vendor=vendor.name, status=partial(label, "status", to_status.value))
    reason = gate(reason, model=VendorDecision, field="reason", multiline=True)
    if not reason:
        raise Refused("gates.err.reason")
    row = admission_table(p, s).set_index("id")
    score = row.at[vendor_id, "score_mean"] if vendor_id in row.index else None
    blacklisted = bool(row.at[vendor_id, "blacklist_entry"]) if vendor_id in row.index else False
    outcomes = admission_check(qualification_level=vendor.qualification_level,
                               blacklist_entry=blacklisted or vendor.status == AdmissionStatus.blacklisted,
                               score_mean=None if score is None or pd.isna(score) else float(score),
                               min_qualification=s.min_qualification, min_score=s.min_score)
    failed = [o for o in outcomes if not o.passed]
    if to_status == AdmissionStatus.admitted and failed:
        raise Refused("gates.err.rules", vendor=vendor.name, rules=lambda lang: "; ".join(
            f"{t(f'gates.rule.{o.rule}', lang)} ({o.actual})" for o in failed))
    criteria = json.dumps({
        "rules": [o.__dict__ for o in outcomes], "passed": not failed,
        "quarters": [f"{y}Q{q}" for y, q in quality.last_quarters(p)],
    }, ensure_ascii=False)
    repo.record_vendor_decision(session, vendor_id=vendor_id, to_status=to_status, reason=reason,
                                criteria=criteria, decided_on=decided_on or dt.date.today(), actor=actor,
                                source=source)


def register(
    session: Session, *, name: str, credit_code: str, qualification_level: int, service_lines: list[str],
    registered_capital_wan: float, founded_year: int | None, applied_on: dt.date, actor: Actor,
    source: str = "app", lang: str = "zh",
) -> None:
    """Register a vendor as an applicant (with its application decision), checking its details."""
    access.require(actor, Permission.register_vendor)
    name = gate(name, model=Vendor, field="name")
    credit_code = gate(credit_code, model=Vendor, field="credit_code").upper()
    if not name:
        raise Refused("gates.err.name")
    if len(credit_code) != 18 or not credit_code.isalnum():
        raise Refused("gates.err.credit_code")
    if not service_lines or any(x not in ServiceCode.__members__ for x in service_lines):
        raise Refused("gates.err.lines")
    if repo.vendor_exists(session, name=name, credit_code=credit_code):
        raise Refused("gates.err.exists", name=name)
    vendor = Vendor(name=name, credit_code=credit_code, qualification_level=qualification_level,
                    service_lines=";".join(service_lines), registered_capital_wan=registered_capital_wan,
                    founded_year=founded_year, status=AdmissionStatus.applied,
                    status_reason=t("gates.applied_reason", lang))
    repo.register_vendor(session, vendor=vendor, applied_on=applied_on, actor=actor, source=source)


def save_rules(
    session: Session, p: Portfolio, s: GateSettings, *, actor: Actor, source: str = "app", on: dt.date | None = None,
) -> int:
    """Write the rules that differ from the book as new book rows in force from today (or ``on``),
    audited; the earlier rows stay as the rules' history. Returns the rows written."""
    access.require(actor, Permission.gate_rules)
    values = changed_rules(p, s)
    if not values:
        return 0
    when = on or dt.date.today()
    return repo.set_assumptions(session, values=values, effective_date=when, actor=actor, source=source,
                                note=f"Set by {actor.audit_name} on the Vendors & quality page ({when.isoformat()})",
                                permission=Permission.gate_rules)


# --- fee control (项目收费关) -------------------------------------------------------------------
def herfindahl(spend: pd.Series) -> float:
    """The Herfindahl-Hirschman index of spend across suppliers: Σ (share in %)², 0-10,000."""
    total = float(spend.sum())
    if total <= 0:
        return float("nan")
    return float((((spend / total) * 100) ** 2).sum())


def _status_on(p: Portfolio, dates: pd.DataFrame) -> pd.Series:
    """Each vendor's admission status on a date (``vendor_id``, ``date``), from its decisions."""
    d = p.vendor_decisions[["vendor_id", "decided_on", "to_status"]].copy()
    if d.empty or dates.empty:
        return pd.Series([None] * len(dates), index=dates.index, dtype=object)
    d["decided_on"] = pd.to_datetime(d["decided_on"])
    d["vendor_id"] = d["vendor_id"].astype("int64")
    q = dates.assign(date=pd.to_datetime(dates["date"]), _row=np.arange(len(dates)),
                     vendor_id=dates["vendor_id"].astype("int64")).sort_values("date")
    m = pd.merge_asof(q, d.sort_values("decided_on"), left_on="date", right_on="decided_on", by="vendor_id",
                      direction="backward")
    return m.set_index("_row")["to_status"].sort_index().set_axis(dates.index)


@per_portfolio
def contract_register(p: Portfolio, s: GateSettings) -> pd.DataFrame:
    """Every contract with its buildings and services, price per m² against the unified standard for
    the buildings' tiers, state on the reference date and the fee gate's flags.

    Price per m²·month = annual price / the covered buildings' floor area / 12; the standard is the
    area-weighted sum of the covered arrangements' standards (so a whole-building contract is held
    to the sum of its services' standards), NaN when any covered item has none. ``state``:
    ``running``, ``expiring`` (ends within the window), ``lapsed`` (ended, still serving),
    ``ended`` (history), ``future``. ``in_use`` = running, expiring or lapsed.
    """
    c = p.contracts.copy()
    bench = benchmark(p, s.year, amber=s.amber, red=s.red)
    a = p.arrangements[["id", "building_id", "service", "contract_id"]].merge(
        bench[["arrangement_id", "standard_per_m2_month", "gross_floor_area_m2"]],
        left_on="id", right_on="arrangement_id").dropna(subset=["contract_id"])
    a["std_amount"] = a["standard_per_m2_month"] * a["gross_floor_area_m2"]
    names = p.buildings.set_index("id")["name"]
    g = a.groupby("contract_id")
    area = a.drop_duplicates(["contract_id", "building_id"]).groupby("contract_id")["gross_floor_area_m2"].sum()
    c["buildings"] = c["id"].map(g["building_id"].agg(lambda x: tuple(names[i] for i in dict.fromkeys(x))))
    c["services"] = c["id"].map(g["service"].agg(lambda x: list(dict.fromkeys(x))))
    c["services"] = c["services"].map(lambda x: x if isinstance(x, list) else [])
    c["arrangements"] = c["id"].map(g.size()).fillna(0).astype(int)
    c["area_m2"] = c["id"].map(area)
    complete = g["standard_per_m2_month"].agg(lambda x: x.notna().all())
    std = (g["std_amount"].sum() / area).where(complete)
    c["price_per_m2_month"] = c["annual_price"] / c["area_m2"] / 12
    c["standard_per_m2_month"] = c["id"].map(std)
    c["deviation"] = c["price_per_m2_month"] / c["standard_per_m2_month"] - 1
    c["fee_status"] = np.select([c["deviation"].isna(), c["deviation"] > s.red, c["deviation"] > s.amber],
                                ["none", "red", "amber"], default="green")
    on = pd.Timestamp(s.on)
    start, end = pd.to_datetime(c["start_date"]), pd.to_datetime(c["end_date"])
    linked = c["arrangements"] > 0
    c["state"] = np.select(
        [start > on, (end < on) & linked, end < on, end <= on + pd.DateOffset(months=s.expiring_months)],
        ["future", "lapsed", "ended", "expiring"], default="running")
    c["in_use"] = c["state"].isin(["running", "expiring", "lapsed"])
    c["months_left"] = ((end - on).dt.days / 30.4375).round(1)
    c["term_months"] = ((end - start).dt.days / 30.4375).round().astype(int)
    v = p.vendors.set_index("id")
    c["vendor"] = c["vendor_id"].map(v["name"])
    c["vendor_status"] = c["vendor_id"].map(v["status"])
    c["noncompetitive_flag"] = c["channel"].isin(NON_COMPETITIVE) & (c["annual_price"] > s.flag_above)
    signed_status = _status_on(p, c[["vendor_id"]].assign(date=c["signed_on"]))
    c["signed_while_barred"] = signed_status.notna() & (signed_status != AdmissionStatus.admitted.value)
    return c


def channel_shares(register: pd.DataFrame) -> pd.DataFrame:
    """Contracts in use and their annual spend per channel, with each channel's share of spend."""
    r = register.loc[register["in_use"]]
    g = r.groupby("channel").agg(contracts=("id", "size"), spend=("annual_price", "sum"))
    g = g.reindex(list(CHANNEL_ORDER)).fillna(0)
    g["share"] = g["spend"] / g["spend"].sum() if g["spend"].sum() > 0 else 0.0
    return g.reset_index()


def spend_by_vendor_service(p: Portfolio, s: GateSettings, register: pd.DataFrame) -> pd.DataFrame:
    """Annual spend of the contracts in use split by vendor and service line.

    A contract covering several services is split in proportion to what the vendor billed for
    each of its arrangements in the ledger year (equally when nothing was billed).
    """
    a = p.arrangements[["contract_id", "service"]].assign(fee=quality.billed_fees(p, s.year).to_numpy())
    r = register.loc[register["in_use"], ["id", "vendor_id", "vendor", "annual_price"]]
    m = a.merge(r, left_on="contract_id", right_on="id")
    total = m.groupby("contract_id")["fee"].transform("sum")
    n = m.groupby("contract_id")["fee"].transform("size")
    m["spend"] = m["annual_price"] * np.where(total > 0, m["fee"] / total.where(total > 0), 1 / n)
    return m.groupby(["service", "vendor_id", "vendor"], as_index=False)["spend"].sum()


def concentration(p: Portfolio, s: GateSettings, register: pd.DataFrame) -> pd.DataFrame:
    """Per service line: vendors, spend, the Herfindahl index, the largest vendor and its share,
    and the level (``low`` / ``moderate`` / ``high``) by the book's thresholds."""
    sv = spend_by_vendor_service(p, s, register)
    rows = []
    for service, g in sv.groupby("service"):
        top = g.sort_values("spend", ascending=False).iloc[0]
        hhi = herfindahl(g["spend"])
        rows.append({"service": service, "vendors": len(g), "spend": float(g["spend"].sum()), "hhi": hhi,
                     "top_vendor": top["vendor"], "top_share": float(top["spend"] / g["spend"].sum()),
                     "level": "high" if hhi > s.hhi_high else "moderate" if hhi > s.hhi_moderate else "low"})
    order = {c.value: i for i, c in enumerate(ServiceCode)}
    out = pd.DataFrame(rows, columns=["service", "vendors", "spend", "hhi", "top_vendor", "top_share", "level"])
    return out.sort_values("service", key=lambda x: x.map(order)).reset_index(drop=True)


@per_portfolio
def vendor_summary(p: Portfolio, s: GateSettings) -> pd.DataFrame:
    """One row per vendor: status, contracts in use, their annual spend and share, mean score over
    the last four quarters, replacement flag and every gate flag that concerns it."""
    reg = contract_register(p, s)
    use = reg.loc[reg["in_use"]]
    admission = admission_table(p, s).set_index("id")
    ranked = ranking(p, s).set_index("vendor_id")
    v = p.vendors[["id", "name", "status", "qualification_level", "confidential_cleared"]].copy()
    v["contracts"] = v["id"].map(use.groupby("vendor_id").size()).fillna(0).astype(int)
    v["spend"] = v["id"].map(use.groupby("vendor_id")["annual_price"].sum()).fillna(0.0)
    total = float(v["spend"].sum())
    v["share"] = v["spend"] / total if total > 0 else 0.0
    for col in ("score_mean", "latest", "change", "trend", "low_streak", "flagged"):
        v[col] = v["id"].map(ranked[col])
    v["eligible"] = v["id"].map(admission["eligible"])
    restricted = p.arrangements.loc[p.arrangements["restricted"] & p.arrangements["vendor_id"].notna(), "vendor_id"]
    flags = {
        "replacement": v["flagged"].astype(bool),
        "not_admitted_in_use": (v["status"] != AdmissionStatus.admitted.value) & (v["contracts"] > 0),
        "noncompetitive": v["id"].isin(use.loc[use["noncompetitive_flag"], "vendor_id"]),
        "signed_while_barred": v["id"].isin(reg.loc[reg["signed_while_barred"], "vendor_id"]),
        "restricted_not_cleared": v["id"].isin(restricted) & ~v["confidential_cleared"].astype(bool),
        "fails_rules": (v["status"] == AdmissionStatus.admitted.value) & ~v["eligible"].astype(bool),
    }
    v["flags"] = [[k for k, f in flags.items() if f.iloc[i]] for i in range(len(v))]
    return v.rename(columns={"name": "vendor"}).sort_values(["spend", "vendor"], ascending=[False, True]).reset_index(drop=True)
