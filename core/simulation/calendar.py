"""When a saving can start (时间安排): contract renewals, set-up periods, ramps, and the share of each
simulated year a saving is in effect.

Time is measured in years from 1 January of the first simulated year; year ``k`` is ``[k, k + 1)``.
A price can change only when a contract ends or at a price-review date it carries (《政府采购法》
art. 50: no unilateral change of a running contract): :func:`renewals` gives each item's first such
date as an onset in whole months (a saving starts on the first day of a month: a contract ending on
30 June saves from 1 July; a review on 24 September from 1 October). Items with no contract on record
can change at once; a contract that ended before the first year is due at once and must be re-tendered.

Three shapes of phase-in, each vectorised over draws (the last axis):

- a **step** at ``t``: in year ``k`` the share ``clip(k + 1 − t, 0, 1)`` (:func:`step_share`);
- a **ramp** from ``t`` over ``r`` years (unified management and energy management after their set-up
  period; established posts released by attrition): the in-effect share at time x is
  ``clip((x − t) / r, 0, 1)``, averaged over each year (:func:`ramp_share`);
- a one-time **event** at ``t``: all of it in the year that contains ``t`` (:func:`event_share`).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from core.store.repo import Portfolio


def month_index(day: dt.date, first_year: int) -> int:
    """The first month starting on or after ``day``, counted from January of ``first_year`` (≥ 0)."""
    months = (day.year - first_year) * 12 + day.month - 1 + (1 if day.day > 1 else 0)
    return max(0, months)


def renewals(p: Portfolio, items: pd.DataFrame, first_year: int) -> pd.DataFrame:
    """Each item's first chance to change its vendor's price: ``onset`` [months from the start of
    ``first_year``], ``tender`` (True at a contract's end: a new procurement that can fail; False at a
    review date or without a contract), ``renewal`` (the date) and ``contract`` (its code); and
    ``end_onset``, the month its contract ends (0 without one): the first chance to change *who*
    delivers it."""
    start = dt.date(first_year, 1, 1)
    c = p.contracts.set_index("id")
    cid = items["contract_id"]
    has = cid.notna() & cid.isin(c.index)
    ends = cid.map(c["end_date"]) if len(c) else pd.Series(None, index=items.index)
    reviews = cid.map(c["review_date"]) if len(c) and "review_date" in c else pd.Series(None, index=items.index)
    codes = cid.map(c["code"]) if len(c) else pd.Series("", index=items.index)
    onset: list[int] = []
    tender: list[bool] = []
    when: list[dt.date | None] = []
    end_onset: list[int] = []
    for ok, end, review in zip(has, ends, reviews):
        if not ok:
            onset.append(0)
            tender.append(False)
            when.append(None)
            end_onset.append(0)
            continue
        after_end = _date(end) + dt.timedelta(days=1)
        end_onset.append(month_index(after_end, first_year))
        rv = _date(review) if review is not None and not pd.isna(review) else None
        if rv is not None and start <= rv < after_end:
            onset.append(month_index(rv, first_year))
            tender.append(False)
            when.append(rv)
        else:
            onset.append(month_index(after_end, first_year))
            tender.append(True)
            when.append(after_end)
    return pd.DataFrame({"onset": onset, "tender": tender, "renewal": when, "end_onset": end_onset,
                         "contract": codes.where(has, "")}, index=items.index)


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(str(value)).date()


# --- shares of each year in effect (vectorised: years on axis −2, draws on axis −1) -----------------
# Written with one new array per call and in-place operations: the draws come in chunks of thousands,
# and every fresh temporary of that size costs more in page faults than the arithmetic on it.
def _until(t: np.ndarray, horizon: int, shift: float = 0.0) -> np.ndarray:
    """k + shift − t for every year k: ``t`` (…, n) → a new (…, H, n) array."""
    t = np.asarray(t, dtype=float)
    years = np.arange(horizon, dtype=float)[:, None] + shift
    return np.subtract(years, t[..., None, :])


def step_share(t: np.ndarray, horizon: int) -> np.ndarray:
    """Share of each year after ``t`` [years]: ``t`` (…, n) → (…, H, n)."""
    t = np.asarray(t, dtype=float)
    y = np.empty((*t.shape[:-1], horizon, t.shape[-1]))
    for k in range(horizon):  # year by year into one array: cheaper than broadcasting the years against t
        np.subtract(k + 1.0, t, out=y[..., k, :])
    return np.clip(y, 0.0, 1.0, out=y)


def ramp_share(t: np.ndarray, r: np.ndarray, horizon: int) -> np.ndarray:
    """Mean in-effect share of each year for a ramp from ``t`` to ``t + r`` [years], then full:
    ``t``, ``r`` (…, n) → (…, H, n). A ramp of no length is a step."""
    t, r = np.broadcast_arrays(np.asarray(t, dtype=float), np.asarray(r, dtype=float))
    rr = r[..., None, :]
    wide = rr > 1e-9
    share = np.zeros((*t.shape[:-1], horizon, t.shape[-1]))
    # only the years some draw's ramp overlaps need the integral: before, nothing; after, full effect
    lo, hi = (float(t.min()), float((t + r).max())) if t.size else (0.0, 0.0)
    first = int(min(max(np.floor(lo), 0), horizon)) if np.isfinite(lo) else 0
    last = int(min(max(np.ceil(hi), 0), horizon)) if np.isfinite(hi) else horizon
    share[..., last:, :] = 1.0
    if first < last:
        # the in-effect time up to y, F(y) = a² / 2r + e with a = clip(y − t, 0, r), the time on the ramp,
        # and e = max(y − t − r, 0), the time at full effect, at the year boundaries first … last; the
        # share of year k is F(k + 1) − F(k)
        u = _until(t, last - first + 1, float(first))  # y − t
        np.maximum(u, 0.0, out=u)
        a = np.minimum(u, rr)  # (np.clip with an array bound is several times slower)
        u -= a  # e
        np.square(a, out=a)
        a *= 0.5 / np.where(wide, rr, 1.0)
        u += a
        np.subtract(u[..., 1:, :], u[..., :-1, :], out=share[..., first:last, :])
    if not wide.all():  # a ramp of no length: a step
        share = np.where(wide, share, step_share(t, horizon))
    return share


def reached(t: np.ndarray, r: np.ndarray, horizon: int) -> np.ndarray:
    """Share of a ramp from ``t`` over ``r`` [years] reached at the end of each year: (…, n) → (…, H, n)."""
    t, r = np.broadcast_arrays(np.asarray(t, dtype=float), np.asarray(r, dtype=float))
    y = _until(t, horizon, 1.0)  # k + 1 − t
    rr = r[..., None, :]
    wide = rr > 1e-9
    np.divide(y, np.where(wide, rr, 1.0), out=y)
    np.maximum(y, 0.0, out=y)
    np.minimum(y, 1.0, out=y)
    if not wide.all():
        y = np.where(wide, y, np.ceil(np.minimum(y, 1.0)))
    return y


def event_share(t: np.ndarray, horizon: int) -> np.ndarray:
    """1 in the year that contains ``t`` [years], else 0: (…, n) → (…, H, n)."""
    year = np.floor(np.asarray(t, dtype=float))[..., None, :]
    return (year == np.arange(horizon, dtype=float)[:, None]).astype(float)
