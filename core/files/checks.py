"""Checking rows before anything is written: every cell's type, range and enum, natural keys within the file and against the store, references, duplicates and the rules between fields. Each problem is recorded with file, sheet, row, column and value; the result per table is a :class:`TablePlan` of inserts and updates.

What a cell may say, beyond the plain value: an enumerated column takes codes, Chinese and English
names and the Bureau's synonyms (:mod:`core.store.wording`); numbers and dates may be written with
full-width digits and separators; a date column uses one format throughout (a date that reads two
ways is refused with both readings). In a file's update a blank cell keeps the stored value and the
marker ``（清空）`` clears it; in the editor a cell emptied is cleared.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from sqlmodel import Session

from core.files.io import Source
from core.files.problems import Problems, show_value
from core.files.rules import row_rules
from core.files.values import Reason, convert
from core.i18n import t
from core.store import models, repo
from core.store.layout import (
    BOUNDS,
    SPECS,
    column_kind,
    column_label,
    column_limit,
    default_of,
    enum_group,
    table_label,
)
from core.store.text import FORMULA_START
from core.store.wording import is_clear_marker, row_labels

SEP = "\x1f"  # joins the parts of a natural key for matching (never in a name)


@dataclass
class TablePlan:
    """What a batch would do to one table."""

    table: str
    columns: tuple[str, ...]  # file columns the input provided: updates write only these
    inserts: pd.DataFrame  # canonical values of every column, plus "_key" (codes, for the audit log)
    updates: pd.DataFrame  # canonical values of ``columns`` plus "id", "_key"
    before: pd.DataFrame  # the stored values of the updated rows (same index as ``updates``)
    deletes: pd.DataFrame = field(default_factory=pd.DataFrame)  # "id", "_key" and the stored values
    # rows are named as people name them (core.store.wording.row_labels) only when shown: from the key
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
class Where:
    """File, sheet, row and header of each row of a combined frame, for problem reports."""

    def __init__(self, table: str, sources: list[Source], frame: pd.DataFrame, problems: Problems) -> None:
        self.table, self.sources, self.frame, self.problems = table, sources, frame, problems
        self.files = {i: s.file for i, s in enumerate(sources)}
        self.sheets = {i: s.sheet for i, s in enumerate(sources)}

    @property
    def lang(self) -> str:
        return self.problems.lang

    def header(self, columns: Iterable[str]) -> dict[int, str]:
        return {i: "/".join(s.headers.get(c) or column_label(self.table, c, self.lang) for c in columns)
                for i, s in enumerate(self.sources)}

    def report(self, code: str, mask: pd.Series, columns: Iterable[str], values: pd.Series,
               reason: Reason = None, **params: object) -> None:
        """Record the cells of ``mask`` as problems of ``code``; only as many as are kept one by one are
        looked at (``reason`` may be a function of their index, computed for those alone)."""
        idx = mask[mask].index
        if not len(idx):
            return
        total = len(idx)
        idx = idx[: max(1, self.problems.room(code))]
        src = self.frame.loc[idx, "_src"]
        why = reason(idx) if callable(reason) else (reason.loc[idx] if reason is not None else None)
        self.problems.add_cells(code, file=src.map(self.files), sheet=src.map(self.sheets),
                                row=self.frame.loc[idx, "_row"], column=src.map(self.header(columns)),
                                value=values.loc[idx], reason=why, total=total, **params)


def _too_long_reason(n: Any, *, lang: str, limit: int) -> str:
    return t("data.problem.too_long", lang, n=f"{int(n):,}", limit=limit)


def _each(values: pd.Series, fn: Callable[[Any], str]) -> Callable[[pd.Index], pd.Series]:
    """A reason per reported cell: ``fn`` of the cell's entry in ``values``, computed only for the cells kept."""
    def reasons(idx: pd.Index) -> pd.Series:
        return pd.Series([fn(v) for v in values.loc[idx]], index=idx)
    return reasons


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


@dataclass
class Cells:
    """One table's cells checked: canonical values (bad cells missing), and which cells were left
    blank or held the clear marker."""

    values: pd.DataFrame
    blank: pd.DataFrame
    clear: pd.DataFrame
    bad: pd.Series  # rows with a cell already refused: the rules between fields do not judge them


def _plan_table(table: str, sources: list[Source], store: pd.DataFrame, store_keys: dict[str, set[str]],
                batch_keys: dict[str, set[str]], problems: Problems, existing: str,
                context: dict[str, pd.DataFrame]) -> TablePlan:
    """Check one table's rows (every check, every row) and sort them into inserts and updates."""
    frame = _combine(sources)
    where = Where(table, sources, frame, problems)
    cells = _check_cells(table, frame, where)
    keys, shown = _check_keys(table, cells.values, frame, where, store_keys, batch_keys)
    target = _targets(table, cells.values, frame, keys, shown, store, where, existing)
    canon = _fill(table, cells, frame, target, store, where)
    whole = _whole_rows(table, canon, target, store)
    row_rules(table, whole, frame, where, context, store, judge=~cells.bad)
    context[table] = whole.assign(_target=target)
    return _sort(table, canon, frame, target, shown, store, where)


def _check_cells(table: str, frame: pd.DataFrame, where: Where) -> Cells:
    """Every cell of every column the input has: length, type, formula, range (the text gate's length
    and formula steps; its cleaning happened as the file was read)."""
    lang = where.lang
    values = pd.DataFrame(index=frame.index)
    blank = pd.DataFrame(index=frame.index)
    clear = pd.DataFrame(index=frame.index)
    refused = pd.Series(False, index=frame.index)
    for col in (c for c in SPECS[table].columns if c in frame.columns):
        raw = frame[col]
        kind = column_kind(table, col)
        marker = is_clear_marker(raw)
        limit = column_limit(table, col) if kind is str or enum_group(kind) else 100
        lengths = raw.str.len()
        long = _mask(lengths > limit) & ~marker
        where.report("too_long", long, [col], raw, reason=_each(
            lengths, partial(_too_long_reason, lang=lang, limit=limit)))
        cells = raw.where(~long & ~marker)
        converted, failures = convert(cells, kind, lang, frame["_row"], frame["_src"])
        bad = long.copy()
        for mask, code, params, reason in failures:
            where.report(code, mask, [col], raw, reason=reason, **params)
            bad |= mask
        if kind is str:
            formula = _mask(cells.str.startswith(FORMULA_START))
            where.report("formula", formula, [col], raw, reason=_each(
                cells, lambda v: t("data.problem.formula", lang, char=str(v)[0])))
            bad |= formula
        bound = BOUNDS.get(col)
        if bound is not None and kind in (int, float):
            ok = converted.notna()
            if bound.low is not None:
                low = ok & ((converted <= bound.low) if bound.low_open else (converted < bound.low))
                where.report("not_above" if bound.low_open else "below", low, [col], raw, bound=_num(bound.low))
                bad |= low
            if bound.high is not None:
                high = ok & (converted > bound.high)
                where.report("above", high, [col], raw, bound=_num(bound.high))
                bad |= high
        blank[col] = raw.isna()
        clear[col] = marker
        refused |= bad
        values[col] = converted.where(~bad, None) if converted.dtype == object else converted.where(~bad)
    return Cells(values, blank, clear, refused)


def _fill(table: str, cells: Cells, frame: pd.DataFrame, target: pd.Series, store: pd.DataFrame,
          where: Where) -> pd.DataFrame:
    """Values for the cells left blank or cleared.

    In a file's update a blank cell keeps the stored value (a file is often a partial copy) and the
    clear marker empties it; in the editor, and in a new row, an empty cell takes the column's
    default, and a column that needs a value says so.
    """
    canon = cells.values.copy()
    from_file = "_id" not in frame
    update = target.notna()
    before = _stored_rows(store, target)
    for col in canon.columns:
        blank, clear = cells.blank[col], cells.clear[col]
        keep = blank & update & from_file
        if keep.any():
            canon[col] = _put(canon[col], keep, before[col])
        empty = (blank & ~keep) | clear
        allowed, default = default_of(table, col)
        if not allowed:
            where.report("required", empty & ~clear, [col], frame[col])
            where.report("cannot_clear", empty & clear, [col], frame[col])
        elif empty.any():
            canon[col] = _put(canon[col], empty, pd.Series(default, index=canon.index, dtype=object))
    return canon


def _put(values: pd.Series, mask: pd.Series, new: pd.Series) -> pd.Series:
    """``values`` with the cells of ``mask`` taken from ``new`` (numbers stay float64)."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.where(~mask, pd.to_numeric(new, errors="coerce"))
    return values.astype(object).where(~mask, new.astype(object).where(new.notna(), None))


def _stored_rows(store: pd.DataFrame, target: pd.Series) -> pd.DataFrame:
    """The stored row each input row updates (aligned with the input; empty for new rows)."""
    if not len(store):
        return pd.DataFrame(index=target.index, columns=store.columns)
    by_id = store.set_index("id")
    out = by_id.reindex(target.to_numpy())
    out.index = target.index
    return out


def _whole_rows(table: str, canon: pd.DataFrame, target: pd.Series, store: pd.DataFrame) -> pd.DataFrame:
    """Each input row with every column: its own values, else the stored row's, else the default
    (what the row will be once written, for the rules between fields)."""
    before = _stored_rows(store, target)
    out = pd.DataFrame(index=canon.index)
    for col in SPECS[table].columns:
        if col in canon:
            out[col] = canon[col]
        else:
            default = default_of(table, col)[1]
            stored = before[col] if col in before else pd.Series(None, index=canon.index, dtype=object)
            out[col] = stored.astype(object).where(target.notna(), default)
    return out


def _check_keys(table: str, canon: pd.DataFrame, frame: pd.DataFrame, where: Where,
                store_keys: dict[str, set[str]], batch_keys: dict[str, set[str]]) -> tuple[pd.Series, pd.Series]:
    """References resolve (to the store or this batch) and natural keys are unique within the batch.

    Returns each row's key for matching and as the audit log records it; records this table's keys
    in ``batch_keys`` for the tables that refer to it.
    """
    spec, lang = SPECS[table], where.lang
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
        where.report("duplicate_key", dup, spec.key, shown, reason=lambda idx: pd.Series(
            [t("data.problem.duplicate_key", lang, first=int(first[i]), key=k)
             for i, k in zip(idx, row_labels(table, canon.loc[idx], lang))], index=idx))
    batch_keys[table] = own
    return keys, shown


def _targets(table: str, canon: pd.DataFrame, frame: pd.DataFrame, keys: pd.Series, shown: pd.Series,
             store: pd.DataFrame, where: Where, existing: str) -> pd.Series:
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
        if clash.any():
            where.report("duplicate_store", clash, spec.key, shown, reason=lambda idx: row_labels(
                table, canon.loc[idx], where.lang).map(lambda k: t("data.problem.duplicate_store", where.lang, key=k)))
        target = given
    _unique_checks(table, canon, store, target, where)
    return target


def _sort(table: str, canon: pd.DataFrame, frame: pd.DataFrame, target: pd.Series, shown: pd.Series,
          store: pd.DataFrame, where: Where) -> TablePlan:
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


def _unique_checks(table: str, canon: pd.DataFrame, store: pd.DataFrame, target: pd.Series, where: Where) -> None:
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
            where.report("duplicate_key", dup, [col], values, reason=_each(
                pd.Series(list(zip(first, values)), index=values.index),
                lambda fv: t("data.problem.duplicate_key", where.lang, first=int(fv[0]), key=fv[1])))
        if len(store):
            owner = pd.Series(store["id"].to_numpy(), index=store[col].to_numpy())
            owner = owner[~owner.index.duplicated()]
            hit = values.map(owner.to_dict()).astype(float)
            names = store.set_index("id")[spec.key[0]]
            clash = hit.notna() & (hit != target) & ~hit.isin(set(target.dropna()))
            other = hit.map(names.to_dict())
            where.report("duplicate_unique", clash, [col], values, reason=_each(
                other, lambda x: t("data.problem.duplicate_unique", where.lang, other=x if isinstance(x, str) else "")))


def plan_sources(session: Session, sources: list[Source], problems: Problems, *, existing: str = "update",
                 store: dict[str, pd.DataFrame] | None = None) -> dict[str, TablePlan]:
    """Check every source against each other and the store; one :class:`TablePlan` per table."""
    by_table: dict[str, list[Source]] = {}
    for s in sources:
        by_table.setdefault(s.table, []).append(s)
    if not by_table:
        return {}
    needed = set(by_table) | {r.table for n in by_table for r in SPECS[n].refs} | _RULE_TABLES
    stored = store or {n: canonical(n, f) for n, f in repo.natural_frames(session, tables=needed).items()}
    store_keys = {n: set(_keys(n, f, SPECS[n].key).dropna()) for n, f in stored.items()}
    batch_keys: dict[str, set[str]] = {}
    context: dict[str, pd.DataFrame] = {f"stored:{n}": f for n, f in stored.items()}
    return {name: _plan_table(name, by_table[name], stored[name], store_keys, batch_keys, problems, existing, context)
            for name in SPECS if name in by_table}


_RULE_TABLES = {"services", "arrangements"}  # the rules between fields read these as stored
