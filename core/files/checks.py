"""Checking rows before anything is written: every cell's type, range and enum, natural keys within the file and against the store, references, duplicates and the rules between fields. Each problem is recorded with file, sheet, row, column and value; the result per table is a :class:`TablePlan` of inserts and updates."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlmodel import Session

from core.files.io import Problems, Source, show_value
from core.i18n import join, labels, t
from core.store import models, repo
from core.store.layout import (
    BOUNDS,
    MAX_CELL_CHARS,
    SPECS,
    column_kind,
    column_label,
    column_limit,
    default_of,
    enum_group,
    table_label,
)
from core.store.text import FORMULA_PREFIXES

SEP = "\x1f"  # joins the parts of a natural key for matching (never in a name)


_TRUE = {"true", "1", "yes", "y", "t", "是", "√", "✓"}


_FALSE = {"false", "0", "no", "n", "f", "否", "×", "✗"}


_BOOLS = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}


@dataclass
class TablePlan:
    """What a batch would do to one table."""

    table: str
    columns: tuple[str, ...]  # file columns the input provided: updates write only these
    inserts: pd.DataFrame  # canonical values of every column, plus "_key" (display key)
    updates: pd.DataFrame  # canonical values of ``columns`` plus "id", "_key"
    before: pd.DataFrame  # the stored values of the updated rows (same index as ``updates``)
    deletes: pd.DataFrame = field(default_factory=pd.DataFrame)  # "id", "_key" and the stored values
    unchanged: int = 0


def _show(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return show_value(v, 40) or "∅"


def _same_value(a: object, b: object) -> bool:
    if _na(a) and _na(b):
        return True
    return bool(a == b)


def _na(v: object) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v))


def format_problem(row: pd.Series) -> str:
    """One problem as a line: ``file[:sheet]:row: column: value — reason``."""
    where = ":".join(str(x) for x in (row["file"], row["sheet"], row["row"]) if not pd.isna(x) and x != "")
    what = ": ".join(str(x) for x in (row["column"], row["value"]) if x)
    return f"{where}: {what + ' — ' if what else ''}{row['reason']}"


# --- text → values, column by column --------------------------------------------------------------
def _convert(s: pd.Series, kind: type, lang: str) -> tuple[pd.Series, list[tuple[pd.Series, str, dict[str, Any]]]]:
    """Text cells → canonical values of ``kind`` (numbers as float64; None where missing or bad),
    with the masks of the cells that do not convert and the problem code of each."""
    present = s.notna()
    text = s.astype("str")
    if kind in (int, float):
        num = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
        num = num.astype(float)
        bad = present & ~np.isfinite(num)
        found: list[tuple[pd.Series, str, dict[str, Any]]] = [(bad, "not_number", {})]
        if kind is int:
            frac = present & ~bad & (num % 1 != 0)
            found.append((frac, "not_whole", {}))
            bad = bad | frac
        return num.where(~bad), found
    if kind is bool:
        value = text.str.lower().map(_BOOLS)
        bad = present & value.isna()
        return value.astype(object).where(~bad & present, None), [(bad, "not_bool", {})]
    if kind is dt.date:
        v = text.str.replace("年", "-", regex=False).str.replace("月", "-", regex=False).str.replace("日", "", regex=False)
        v = v.str.replace("/", "-", regex=False)
        stamp = pd.to_datetime(v, format="ISO8601", errors="coerce")
        retry = present & stamp.isna()
        if retry.any():
            stamp[retry] = pd.to_datetime(v[retry], format="mixed", errors="coerce")
        bad = present & stamp.isna()
        days = pd.Series(None, index=s.index, dtype=object)
        ok = present & ~bad
        days[ok] = stamp[ok].dt.date
        return days, [(bad, "not_date", {})]
    group = enum_group(kind)
    if group is not None:
        aliases = {}
        for lg in ("en", "zh"):
            for value, name in labels(group, lg).items():
                aliases[name.lower()] = value
        aliases.update({m.value: m.value for m in kind})  # type: ignore[attr-defined]
        value = text.str.lower().map(aliases)
        bad = present & value.isna()
        allowed = join(labels(group, lang).values(), lang) if lang == "zh" else join(labels(group, "en"), "en")
        return value.astype("str").where(~bad), [(bad, "not_enum", {"allowed": allowed})]
    return text, []


def _text(values: pd.Series, kind: type) -> pd.Series:
    """Canonical values as the text a natural key is matched on (whole numbers without ``.0``)."""
    if kind in (int, float):
        x = values.astype(float)
        out = x.astype("str")
        whole = x.notna() & np.isfinite(x) & (x % 1 == 0) & (x.abs() < 1e15)
        out[whole] = x[whole].astype("int64").astype("str")
        return out.where(x.notna())
    if kind is dt.date:
        return values.map(lambda d: d.isoformat() if isinstance(d, dt.date) else None).astype("str")
    if kind is bool:
        return values.map({True: "true", False: "false"}).astype("str")
    return values.astype("str")


def _join(parts: list[pd.Series], sep: str) -> pd.Series:
    """Key parts joined by ``sep``; missing if any part is (Arrow strings propagate missing)."""
    out = parts[0].astype("str")
    for p in parts[1:]:
        out = out + sep + p.astype("str")
    return out


def _mask(x: pd.Series) -> pd.Series:
    """A comparison over cells that may be missing as a plain boolean mask (missing → False)."""
    return x.fillna(False).astype(bool)


def _keys(table: str, canon: pd.DataFrame, columns: Iterable[str], sep: str = SEP) -> pd.Series:
    cols = list(columns)
    return _join([_text(canon[c], column_kind(table, c)) for c in cols], sep)


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    """Cell-by-cell equality with missing equal to missing."""
    a, b = a.reset_index(drop=True), b.reset_index(drop=True)
    if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
        x, y = a.astype(float), b.astype(float)
        return ((x == y) | (x.isna() & y.isna())).reset_index(drop=True)
    return (a.astype(object).eq(b.astype(object)) | (a.isna() & b.isna())).reset_index(drop=True)


def canonical(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A stored table (from :func:`core.store.repo.natural_frames`) with values as the checks produce them."""
    out = frame.copy()
    for col in SPECS[table].columns:
        kind = column_kind(table, col)
        if kind in (int, float):
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
        elif kind is dt.date:
            out[col] = out[col].map(lambda d: d if isinstance(d, dt.date) and not isinstance(d, dt.datetime)
                                    else d.date() if isinstance(d, dt.datetime) else None).astype(object)
        elif kind is bool:
            out[col] = out[col].map(lambda v: None if _na(v) else bool(v)).astype(object)
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


# --- checking a batch -----------------------------------------------------------------------------
class _Where:
    """File, sheet, row and header of each row of a combined frame, for problem reports."""

    def __init__(self, table: str, sources: list[Source], frame: pd.DataFrame, problems: Problems) -> None:
        self.table, self.sources, self.frame, self.problems = table, sources, frame, problems
        self.files = {i: s.file for i, s in enumerate(sources)}
        self.sheets = {i: s.sheet for i, s in enumerate(sources)}

    def header(self, columns: Iterable[str]) -> dict[int, str]:
        lang = self.problems.lang
        return {i: "/".join(s.headers.get(c) or column_label(self.table, c, lang) for c in columns)
                for i, s in enumerate(self.sources)}

    def report(self, code: str, mask: pd.Series, columns: Iterable[str], values: pd.Series,
               reason: pd.Series | None = None, **params: object) -> None:
        idx = mask[mask].index
        if not len(idx):
            return
        src = self.frame.loc[idx, "_src"]
        self.problems.add_cells(code, file=src.map(self.files), sheet=src.map(self.sheets),
                                row=self.frame.loc[idx, "_row"], column=src.map(self.header(columns)),
                                value=values.loc[idx], reason=None if reason is None else reason.loc[idx], **params)


def _combine(sources: list[Source]) -> pd.DataFrame:
    parts = []
    for i, s in enumerate(sources):
        part = s.frame.copy()
        part["_src"] = i
        part["_row"] = s.rows
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    for col in frame.columns:
        if col not in ("_src", "_row", "_id"):
            frame[col] = frame[col].astype("str")
    return frame


def _plan_table(table: str, sources: list[Source], store: pd.DataFrame, store_keys: dict[str, set[str]],
                batch_keys: dict[str, set[str]], problems: Problems, existing: str) -> TablePlan:
    """Check one table's rows (every check, every row) and sort them into inserts and updates."""
    frame = _combine(sources)
    where = _Where(table, sources, frame, problems)
    canon = _check_cells(table, frame, where)
    keys, shown_keys = _check_keys(table, canon, frame, where, store_keys, batch_keys)
    target = _targets(table, canon, frame, keys, shown_keys, store, where, existing)
    return _sort(table, canon, frame, target, shown_keys, store, where)


def _check_cells(table: str, frame: pd.DataFrame, where: _Where) -> pd.DataFrame:
    """Every cell of every column the input has: length, type, formula, range, required; then row rules.

    Returns the canonical values (numbers as float64); cells with a problem are left missing.
    """
    lang = where.problems.lang
    canon = pd.DataFrame(index=frame.index)
    for col in (c for c in SPECS[table].columns if c in frame.columns):
        raw = frame[col]
        kind = column_kind(table, col)
        limit = min(column_limit(table, col), MAX_CELL_CHARS) if kind is str or enum_group(kind) else 100
        lengths = raw.str.len()
        long = _mask(lengths > limit)
        if long.any():
            where.report("too_long", long, [col], raw, reason=lengths[long].map(
                lambda n, lim=limit: t("data.problem.too_long", lang, n=f"{int(n):,}", limit=lim)))
        cells = raw.where(~long)
        values, failures = _convert(cells, kind, lang)
        bad = long.copy()
        for mask, code, params in failures:
            where.report(code, mask, [col], raw, **params)
            bad |= mask
        if kind is str:
            formula = _mask(cells.str.startswith(FORMULA_PREFIXES))
            if formula.any():
                where.report("formula", formula, [col], raw, reason=cells[formula].str[0].map(
                    lambda ch: t("data.problem.formula", lang, char=ch)))
            bad |= formula
        bound = BOUNDS.get(col)
        if bound is not None and kind in (int, float):
            ok = values.notna()
            if bound.low is not None:
                low = ok & ((values <= bound.low) if bound.low_open else (values < bound.low))
                where.report("not_above" if bound.low_open else "below", low, [col], raw, bound=_num(bound.low))
                bad |= low
            if bound.high is not None:
                high = ok & (values > bound.high)
                where.report("above", high, [col], raw, bound=_num(bound.high))
                bad |= high
        blank = raw.isna()
        allowed, default = default_of(table, col)
        if not allowed:
            where.report("required", blank, [col], raw)
        elif default is not None:
            values = values.where(~blank, default)
        canon[col] = values.where(~bad, None) if values.dtype == object else values.where(~bad)
    _cross_checks(table, canon, frame, where)
    return canon


def _check_keys(table: str, canon: pd.DataFrame, frame: pd.DataFrame, where: _Where,
                store_keys: dict[str, set[str]], batch_keys: dict[str, set[str]]) -> tuple[pd.Series, pd.Series]:
    """References resolve (to the store or this batch) and natural keys are unique within the batch.

    Returns each row's key for matching and as shown to people; records this table's keys in
    ``batch_keys`` for the tables that refer to it.
    """
    spec, lang = SPECS[table], where.problems.lang
    if not set(spec.key) <= set(canon.columns):
        nothing = pd.Series(None, index=frame.index, dtype="str")
        return nothing, nothing
    keys, shown = _keys(table, canon, spec.key), _keys(table, canon, spec.key, "/")
    own = set(keys.dropna())
    for ref in spec.refs:
        if not set(ref.columns) <= set(canon.columns):
            continue
        ref_keys = _keys(table, canon, ref.columns)
        valid = store_keys.get(ref.table, set()) | batch_keys.get(ref.table, set()) | (own if ref.table == table else set())
        missing = ref_keys.notna() & ~_mask(ref_keys.isin(valid))
        where.report("unknown_ref", missing, ref.columns, _join([frame[c] for c in ref.columns], "/"),
                     table=table_label(ref.table, lang))
        if ref.table == table:  # a department cannot be its own parent
            where.report("self_parent", _mask(ref_keys.eq(keys)), ref.columns, frame[ref.columns[0]])
    dup = keys.notna() & _mask(keys.duplicated(keep="first"))
    if dup.any():
        first = frame["_row"].groupby(keys).transform("first")
        where.report("duplicate_key", dup, spec.key, shown, reason=pd.Series(
            [t("data.problem.duplicate_key", lang, first=int(f), key=k) for f, k in zip(first[dup], shown[dup])],
            index=dup[dup].index))
    batch_keys[table] = own
    return keys, shown


def _targets(table: str, canon: pd.DataFrame, frame: pd.DataFrame, keys: pd.Series, shown: pd.Series,
             store: pd.DataFrame, where: _Where, existing: str) -> pd.Series:
    """The stored row each input row updates (its id), or missing for a new row.

    A file row updates the stored row with its natural key. An editor row (``_id``) updates the
    row it was loaded from; its key may not be another stored row's, and with ``existing="refuse"``
    a new editor row may not take a stored row's key either.
    """
    spec = SPECS[table]
    by_key = dict(zip(_keys(table, store, spec.key), store["id"])) if len(store) else {}
    found = keys.map(by_key).astype(float)
    target = found
    if "_id" in frame:
        given = pd.to_numeric(frame["_id"], errors="coerce")
        clash = found.notna() & (found != given) & ~found.isin(set(given.dropna()))
        if existing != "update":
            clash |= given.isna() & found.notna()
        where.report("duplicate_store", clash, spec.key, shown, reason=shown.map(
            lambda k: t("data.problem.duplicate_store", where.problems.lang, key=k)))
        target = given
    _unique_checks(table, canon, store, target, where)
    return target


def _sort(table: str, canon: pd.DataFrame, frame: pd.DataFrame, target: pd.Series, shown: pd.Series,
          store: pd.DataFrame, where: _Where) -> TablePlan:
    """Inserts (every column, defaults for those the input lacks) and the updates that change something."""
    spec, problems = SPECS[table], where.problems
    present = tuple(canon.columns)
    new = target.isna()
    inserts = canon.loc[new].copy()
    for col in spec.columns:
        if col in inserts:
            continue
        allowed, default = default_of(table, col)
        if not allowed and new.any():  # a column only new rows need
            for i, s in enumerate(where.sources):
                if new[frame["_src"] == i].any():
                    problems.add("missing_column", file=s.file, sheet=s.sheet, row=s.header_row,
                                 column=column_label(table, col, problems.lang))
        inserts[col] = default
    inserts = inserts[list(spec.columns)]
    inserts["_key"] = shown[new]
    upd = target.notna()
    before = store.set_index("id").reindex(target[upd].astype(int).to_numpy()) if upd.any() else store.iloc[0:0]
    before.index = upd[upd].index
    changed = pd.Series(False, index=upd[upd].index)
    for col in present:
        changed |= ~_same(canon.loc[upd, col], before[col]).to_numpy()
    rows = changed[changed].index
    updates = canon.loc[rows, list(present)].copy()
    updates["id"] = target[rows].astype(int)
    updates["_key"] = shown[rows]
    return TablePlan(table, present, inserts, updates, before.loc[rows, list(present)], unchanged=int((~changed).sum()))


def _num(x: float) -> str:
    return f"{x:g}"


def _cross_checks(table: str, canon: pd.DataFrame, frame: pd.DataFrame, where: _Where) -> None:
    """Rules between columns of one row (the database's CHECK constraints, said in words)."""
    def pair(a: str, b: str, code: str, bad: Any) -> None:
        if a in canon and b in canon:
            mask = canon[a].notna() & canon[b].notna()
            mask &= pd.Series(bad(canon[a], canon[b]), index=canon.index).fillna(False).astype(bool)
            where.report(code, mask, [b], frame[b])

    if table == "contracts":
        pair("start_date", "end_date", "end_before_start",
             lambda s, e: [x is not None and y is not None and y < x for x, y in zip(s, e)])
        pair("start_date", "review_date", "review_outside_term", lambda s, r: [
            isinstance(x, dt.date) and isinstance(y, dt.date) and not x <= y for x, y in zip(s, r)])
        pair("end_date", "review_date", "review_outside_term", lambda e, r: [
            isinstance(x, dt.date) and isinstance(y, dt.date) and not y <= x for x, y in zip(e, r)])
    elif table == "arrangements" and "staff_in_house" in canon:
        # the employment types split the in-house staff: together never more than it (a blank type is 0)
        types = [c for c in ("staff_established", "staff_contract", "staff_dispatched") if c in canon]
        if types:
            split = sum(canon[c].astype(float).fillna(0.0) for c in types)
            over = _mask(canon["staff_in_house"].notna() & (split > canon["staff_in_house"].astype(float) + 0.001))
            where.report("staff_types_exceed", over, types, _join([frame[c] for c in types], "+"))
    elif table == "fee_standards":
        pair("area_min_m2", "area_max_m2", "band_order", lambda lo, hi: hi <= lo)
    elif table == "assumptions":
        pair("low", "high", "low_high", lambda lo, hi: lo > hi)


def _unique_checks(table: str, canon: pd.DataFrame, store: pd.DataFrame, target: pd.Series, where: _Where) -> None:
    """Columns other than the key that must be unique (a vendor's credit code)."""
    spec = SPECS[table]
    tbl = models.table_of(spec.model)
    for col in spec.plain_columns:
        if col in spec.key or col not in canon or not tbl.c[col].unique:
            continue
        values = canon[col]
        dup = values.notna() & values.duplicated(keep="first")
        first = where.frame["_row"].groupby(values).transform("first")
        if dup.any():
            lang = where.problems.lang
            where.report("duplicate_key", dup, [col], values, reason=pd.Series(
                [t("data.problem.duplicate_key", lang, first=int(f), key=v) for f, v in zip(first[dup], values[dup])],
                index=dup[dup].index))
        if len(store):
            owner = pd.Series(store["id"].to_numpy(), index=store[col].to_numpy())
            owner = owner[~owner.index.duplicated()]
            hit = values.map(owner.to_dict()).astype(float)
            names = store.set_index("id")[spec.key[0]]
            clash = hit.notna() & (hit != target) & ~hit.isin(set(target.dropna()))
            where.report("duplicate_unique", clash, [col], values, reason=hit[clash].map(
                lambda h, n=names, lg=where.problems.lang: t("data.problem.duplicate_unique", lg, other=n.get(h, ""))))


def plan_sources(session: Session, sources: list[Source], problems: Problems, *, existing: str = "update",
                 store: dict[str, pd.DataFrame] | None = None) -> dict[str, TablePlan]:
    """Check every source against each other and the store; one :class:`TablePlan` per table."""
    by_table: dict[str, list[Source]] = {}
    for s in sources:
        by_table.setdefault(s.table, []).append(s)
    if not by_table:
        return {}
    needed = set(by_table) | {r.table for n in by_table for r in SPECS[n].refs}
    stored = store or {n: canonical(n, f) for n, f in repo.natural_frames(session, tables=needed).items()}
    store_keys = {n: set(_keys(n, f, SPECS[n].key).dropna()) for n, f in stored.items()}
    batch_keys: dict[str, set[str]] = {}
    return {name: _plan_table(name, by_table[name], stored[name], store_keys, batch_keys, problems, existing)
            for name in SPECS if name in by_table}
