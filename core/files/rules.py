"""The rules between the fields of a row, checked on the row as it will be once written (the input's
values, else the stored row's): a contract ends after it starts and is reviewed within its term, an area
band's bounds are in order,
and an arrangement's delivery agrees with its service, its contract and its staff.

For arrangements (保障安排):

- a service paid at actual (能耗, 房屋维修) has no delivery; every other service has one;
- an outsourced item (派人不配物, 整体外包) names its contract and has no in-house staff;
- an in-house item (自我保障) has no outsourcing contract;
- the established, contract and dispatched staff together are no more than the in-house staff;
- a contract serves one building (whatever services) or one service (whatever buildings): an item
  linked to a contract that serves neither its building nor its service names the wrong contract.

Import and the editor run the same rules (:func:`core.files.checks.plan_sources`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import pandas as pd

from core.files.values import Reason
from core.i18n import join, label, t


class Where(Protocol):
    """Where the rows come from, and how a broken rule is reported (:class:`core.files.checks.Where`)."""

    @property
    def lang(self) -> str: ...

    def report(self, code: str, mask: pd.Series, columns: Iterable[str], values: pd.Series,
               reason: Reason = None, **params: object) -> None: ...

OUTSOURCED = ("labour_only", "contracted")


def _shown(frame: pd.DataFrame, whole: pd.DataFrame, col: str) -> pd.Series:
    """The cell as the input wrote it, or (for a column the input left out) the stored value."""
    return frame[col] if col in frame else whole[col].astype(object)


def _flag(values: Any) -> pd.Series:
    return pd.Series(values).fillna(False).astype(bool)


def row_rules(table: str, whole: pd.DataFrame, frame: pd.DataFrame, where: Where,
              context: dict[str, pd.DataFrame], store: pd.DataFrame, judge: pd.Series) -> None:
    """Check the rules between fields of ``table``'s rows (those of ``judge``: a row with a cell
    already refused is not judged again), reporting each broken one on its column."""
    if not judge.any():
        return
    whole, frame = whole[judge], frame[judge]

    def pair(a: str, b: str, code: str, bad: Callable[[pd.Series, pd.Series], Any]) -> None:
        mask = whole[a].notna() & whole[b].notna()
        mask &= _flag(pd.Series(bad(whole[a], whole[b]), index=whole.index))
        where.report(code, mask, [b], _shown(frame, whole, b))

    if table == "contracts":
        pair("start_date", "end_date", "end_before_start",
             lambda s, e: [x is not None and y is not None and y < x for x, y in zip(s, e)])
        if "review_date" in whole:  # a price review (the day the fee cap can act) falls within the term
            pair("start_date", "review_date", "review_outside_term",
                 lambda s, r: [isinstance(x, dt.date) and isinstance(y, dt.date) and not x <= y for x, y in zip(s, r)])
            pair("end_date", "review_date", "review_outside_term",
                 lambda e, r: [isinstance(x, dt.date) and isinstance(y, dt.date) and not y <= x for x, y in zip(e, r)])
    elif table == "fee_standards":
        pair("area_min_m2", "area_max_m2", "band_order", lambda lo, hi: pd.to_numeric(hi) <= pd.to_numeric(lo))
    elif table == "assumptions":
        pair("low", "high", "low_high", lambda lo, hi: pd.to_numeric(lo) > pd.to_numeric(hi))
    elif table == "arrangements":
        _staff_types(whole, frame, where)
        _arrangement_rules(whole, frame, where, context, store)


STAFF_TYPES = ("staff_established", "staff_contract", "staff_dispatched")


def _staff_types(whole: pd.DataFrame, frame: pd.DataFrame, where: Where) -> None:
    """The employment types split the in-house staff: together never more than it (a blank type is 0)."""
    types = [c for c in STAFF_TYPES if c in whole]
    if not types or "staff_in_house" not in whole:
        return
    split = sum(pd.to_numeric(whole[c], errors="coerce").fillna(0.0) for c in types)
    total = pd.to_numeric(whole["staff_in_house"], errors="coerce")
    over = _flag(total.notna() & (split > total + 0.001))
    shown = [_shown(frame, whole, c).astype(str) for c in types]
    values = shown[0].str.cat(shown[1:], sep="+") if len(shown) > 1 else shown[0]
    where.report("staff_types_exceed", over, types, values)


def _paid_at_actual(context: dict[str, pd.DataFrame]) -> dict[str, bool]:
    """Service code → paid at actual, as stored and as this batch changes it."""
    out: dict[str, bool] = {}
    for name in ("stored:services", "services"):
        s = context.get(name)
        if s is not None and len(s):
            out.update({str(c): bool(p) for c, p in zip(s["code"], s["paid_at_actual"]) if isinstance(c, str)})
    return out


def _arrangement_rules(whole: pd.DataFrame, frame: pd.DataFrame, where: Where, context: dict[str, pd.DataFrame],
                       store: pd.DataFrame) -> None:
    lang = where.lang
    service, delivery, contract = whole["service"], whole["delivery"].astype(object), whole["contract"].astype(object)
    known = service.map(lambda s: isinstance(s, str))
    paid = service.map(_paid_at_actual(context)).astype(object)
    has_delivery = delivery.map(lambda d: isinstance(d, str) and d != "")
    has_contract = contract.map(lambda c: isinstance(c, str) and c != "")
    outsourced = delivery.isin(OUTSOURCED)
    in_house = delivery.eq("in_house")
    staff = pd.to_numeric(whole["staff_in_house"], errors="coerce").fillna(0)
    outsourced &= ~paid.eq(True)  # a paid-at-actual item is told once: it has no delivery at all
    in_house &= ~paid.eq(True)

    def svc(i: Any) -> str:
        return label("service", service[i], lang)

    def dlv(i: Any) -> str:
        return label("delivery", delivery[i], lang)

    def why(code: str, **values: Callable[[Any], object]) -> Callable[[pd.Index], pd.Series]:
        return lambda idx: pd.Series([t(f"data.problem.{code}", lang, **{k: f(i) for k, f in values.items()})
                                      for i in idx], index=idx)

    shown = {c: _shown(frame, whole, c) for c in ("delivery", "contract", "staff_in_house")}
    where.report("delivery_paid_at_actual", _flag(known & paid.eq(True) & has_delivery), ["delivery"],
                 shown["delivery"], reason=why("delivery_paid_at_actual", service=svc))
    allowed = join((label("delivery", d, lang) for d in ("in_house", *OUTSOURCED)), lang)
    where.report("delivery_missing", _flag(known & paid.eq(False) & ~has_delivery), ["delivery"], shown["delivery"],
                 reason=why("delivery_missing", service=svc, allowed=lambda i: allowed))
    where.report("contract_missing", _flag(outsourced & ~has_contract), ["contract"], shown["contract"],
                 reason=why("contract_missing", delivery=dlv))
    where.report("staff_outsourced", _flag(outsourced & (staff > 0)), ["staff_in_house"], shown["staff_in_house"],
                 reason=why("staff_outsourced", delivery=dlv, n=lambda i: f"{staff[i]:g}"))
    where.report("contract_in_house", _flag(in_house & has_contract), ["contract"], shown["contract"],
                 reason=why("contract_in_house", contract=lambda i: contract[i]))
    _contract_elsewhere(whole, shown["contract"], where, store, outsourced & has_contract)


def _contract_elsewhere(whole: pd.DataFrame, shown: pd.Series, where: Where, store: pd.DataFrame,
                        linked: pd.Series) -> None:
    """An item linked to a contract whose other items share neither its building nor its service."""
    if not linked.any():
        return
    lang = where.lang
    mine = whole[["building", "service", "contract"]]
    mine_keys = set(zip(mine["building"], mine["service"]))
    stored = store[["building", "service", "contract"]] if len(store) else mine.iloc[0:0]
    others = stored[[k not in mine_keys for k in zip(stored["building"], stored["service"])]]
    every = pd.concat([others, mine], ignore_index=True)
    every = every[every["contract"].map(lambda c: isinstance(c, str) and c != "")]
    serves = {c: list(zip(g["building"], g["service"])) for c, g in every.groupby("contract")}
    bad = pd.Series(False, index=whole.index)
    where_served: dict[Any, str] = {}
    for i in linked[linked].index:
        b, s, c = whole.at[i, "building"], whole.at[i, "service"], whole.at[i, "contract"]
        rest = [(ob, os_) for ob, os_ in serves.get(c, []) if (ob, os_) != (b, s)]
        if rest and not any(ob == b or os_ == s for ob, os_ in rest):
            bad[i] = True
            items = [f"{ob} · {label('service', os_, lang)}" for ob, os_ in rest[:3]]
            more = t("data.problem.and_others", lang, n=len(rest) - 3) if len(rest) > 3 else ""
            where_served[i] = join(items, lang) + more
    where.report("contract_elsewhere", bad, ["contract"], shown, reason=lambda idx: pd.Series(
        [t("data.problem.contract_elsewhere", lang, contract=whole.at[i, "contract"], where=where_served[i])
         for i in idx], index=idx))
