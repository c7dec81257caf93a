"""Rows from files or the in-app editor: checked in full, then written in one transaction, audited.

Nothing is written until every row of every table has passed every check, and every problem found
names file, sheet, row, column and value. A row whose natural key (building name; building +
service + year + month …) is already in the store is an UPDATE, and columns the file leaves out
keep their stored values; every other row is an INSERT. An import never deletes; the editor may.
Checks are vectorised per column (no per-row Python on the hot path): 100,000 cost records are
checked and written in a few seconds.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.files.io import (
    Problems,
    Source,
    as_text,
    display_frame,
    frame_source,
    read_upload,
    show_value,
    to_csv,
    to_xlsx,
    to_zip,
)
from core.i18n import join, labels, t
from core.store import audit, db, models, repo
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
from core.store.models import AuditAction
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


@dataclass
class Plan:
    """The outcome of checking a batch: what it would write, or every problem that stops it."""

    tables: dict[str, TablePlan]
    problems: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    written: bool = False
    stale: bool = False  # the store changed between the dry run and the write

    @property
    def ok(self) -> bool:
        """Whether nothing stands in the way of writing."""
        return self.problems.empty

    def counts(self) -> dict[str, int]:
        """Rows to insert, update, delete and left unchanged, over every table."""
        return {
            "insert": sum(len(p.inserts) for p in self.tables.values()),
            "update": sum(len(p.updates) for p in self.tables.values()),
            "delete": sum(len(p.deletes) for p in self.tables.values()),
            "unchanged": sum(p.unchanged for p in self.tables.values()),
        }

    def fingerprint(self) -> tuple[tuple[str, int, int, int], ...]:
        """Rows per table and action: equal fingerprints mean the same write."""
        return tuple((n, len(p.inserts), len(p.updates), len(p.deletes)) for n, p in self.tables.items())

    def summary(self, lang: str) -> pd.DataFrame:
        """One row per table: rows to insert, update, delete, and unchanged."""
        return pd.DataFrame(
            [(table_label(n, lang), len(p.inserts), len(p.updates), len(p.deletes), p.unchanged)
             for n, p in self.tables.items()],
            columns=[t(f"data.col.{c}", lang) for c in ("table", "insert", "update", "delete", "unchanged")],
        )

    def preview(self, lang: str, limit: int = 1_000) -> pd.DataFrame:
        """The rows that would change: table, row, action and, for updates, before → after."""
        out: list[tuple[str, str, str, str]] = []
        for name, p in self.tables.items():
            label = table_label(name, lang)
            for key in p.inserts["_key"].head(limit):
                out.append((label, key, t("data.action.insert", lang), ""))
            for i in p.updates.index[:limit]:
                changes = [f"{column_label(name, c, lang)}: {_show(p.before.at[i, c])} → {_show(p.updates.at[i, c])}"
                           for c in p.columns if c in p.before and not _same_value(p.before.at[i, c], p.updates.at[i, c])]
                out.append((label, p.updates.at[i, "_key"], t("data.action.update", lang), "; ".join(changes)))
            for key in p.deletes.get("_key", pd.Series(dtype=object)).head(limit):
                out.append((label, key, t("data.action.delete", lang), ""))
        return pd.DataFrame(out[:limit], columns=[t(f"data.col.{c}", lang) for c in ("table", "key", "action", "changes")])


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


# --- writing --------------------------------------------------------------------------------------
def _py(values: pd.Series, kind: type) -> pd.Series:
    """Canonical values as the Python objects the database driver takes (None for missing)."""
    present = values.notna()
    if kind is int:
        return values.astype(float).astype("Int64").astype(object).where(present, None)
    if kind is float:
        return values.astype(float).astype(object).where(present, None)
    return values.astype(object).where(present, None)


def _db_rows(table: str, frame: pd.DataFrame, columns: Iterable[str], keys: dict[str, dict[str, int]],
             with_self: bool = False) -> list[dict[str, Any]]:
    """Rows for the database: plain columns converted, references resolved to ids."""
    spec = SPECS[table]
    cols = set(columns)
    out: dict[str, pd.Series] = {}
    if "id" in frame:
        out["id"] = frame["id"].astype(object)
    for col in spec.plain_columns:
        if col in cols:
            out[col] = _py(frame[col], column_kind(table, col))
    for ref in spec.refs:
        if not set(ref.columns) <= cols or (ref.table == table and not with_self):
            continue
        names = _keys(table, frame, ref.columns)
        ids = names.map(keys[ref.table])
        lost = names.notna() & ids.isna()
        if lost.any():  # only if the store changed under a plan made outside the write lock
            raise ValueError(f"{table}: no {ref.table} row named {names[lost].iloc[0]!r}")
        out[ref.field] = pd.Series([None if pd.isna(v) else int(v) for v in ids], index=ids.index, dtype=object)
    return _records(out)


def _records(columns: dict[str, pd.Series]) -> list[dict[str, Any]]:
    """Columns → row dicts (faster than ``DataFrame.to_dict``; values already Python objects).

    A missing value is always None here, never a float NaN: pandas turns ``[1, None]`` back into
    ``[1.0, nan]`` at the slightest touch, SQLite quietly stores NaN as NULL, but PostgreSQL refuses
    it in an integer column and keeps it as a number in a float one.
    """
    names = list(columns)
    values = [_no_nan(s.tolist()) for s in columns.values()]
    return [dict(zip(names, row)) for row in zip(*values)]


def _no_nan(values: list[Any]) -> list[Any]:
    """The list with float NaN replaced by None (NaN is the only value not equal to itself)."""
    return [None if isinstance(v, float) and v != v else v for v in values]


def _json_rows(table: str, frame: pd.DataFrame, columns: Iterable[str]) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts in file layout (names, not ids) for the audit log."""
    out: dict[str, pd.Series] = {}
    for col in columns:
        kind = column_kind(table, col)
        s = frame[col]
        out[col] = _py(_text(s, kind), str) if kind is dt.date else _py(s, kind)
    return _records(out) if out else [{} for _ in range(len(frame))]


def _key_ids(session: Session, table: str) -> dict[str, int]:
    return {SEP.join(k): v for k, v in repo.key_map(session, table=table).items()}


_REFERENCED = {r.table for s in SPECS.values() for r in s.refs}


def apply_plan(session: Session, plan: dict[str, TablePlan], *, actor: str, source: str) -> None:
    """Write a checked plan in the caller's transaction, with one audit entry per row changed."""
    keys: dict[str, dict[str, int]] = {}
    for name, spec in SPECS.items():
        p = plan.get(name)
        if p is None:
            continue
        for ref in spec.refs:
            if ref.table != name and ref.table not in keys:
                keys[ref.table] = _key_ids(session, ref.table)
        self_refs = [r for r in spec.refs if r.table == name]
        repo.insert_rows(session, table=name, rows=_db_rows(name, p.inserts, spec.columns, keys))
        repo.update_rows(session, table=name, rows=_db_rows(name, p.updates, p.columns, keys))
        if self_refs:  # a department's parent may be a row inserted just now
            keys[name] = _key_ids(session, name)
            cols = [c for r in self_refs for c in r.columns]
            parts = [p.inserts, p.updates] if set(cols) <= set(p.columns) else [p.inserts]
            linked = pd.concat([x[[*spec.key, *cols]] for x in parts], ignore_index=True)
            linked["id"] = _keys(name, linked, spec.key).map(keys[name])
            rows = _db_rows(name, linked, cols, keys, with_self=True)
            repo.update_rows(session, table=name, rows=[r for r in rows if r.get("id") is not None])
        if len(p.deletes):
            repo.delete_rows(session, table=name, ids=[int(i) for i in p.deletes["id"]])
        entries: list[tuple[str, str, AuditAction, dict[str, Any] | None, dict[str, Any] | None]] = []
        entries += [(name, k, AuditAction.insert, None, row)
                    for k, row in zip(p.inserts["_key"], _json_rows(name, p.inserts, spec.columns))]
        after = _json_rows(name, p.updates, p.columns)
        prior = _json_rows(name, p.before, p.columns)
        for k, new, old in zip(p.updates["_key"], after, prior):
            diff = [c for c in p.columns if not _same_value(old.get(c), new.get(c))]
            entries.append((name, k, AuditAction.update, {c: old[c] for c in diff}, {c: new[c] for c in diff}))
        if len(p.deletes):
            entries += [(name, k, AuditAction.delete, row, None)
                        for k, row in zip(p.deletes["_key"], _json_rows(name, p.deletes, spec.columns))]
        audit.record_many(session, actor=actor, source=source, entries=entries)
        if name in _REFERENCED:
            keys[name] = _key_ids(session, name)


# --- the three ways in: files, frames, the editor ---------------------------------------------------
def _plan(tables: dict[str, TablePlan], problems: Problems) -> Plan:
    return Plan(tables, problems.frame(), list(problems.notes))


def read_files(files: list[tuple[str, bytes]], *, problems: Problems, table: str | None = None,
               encoding: str = "auto") -> list[Source]:
    """Every table in every file (CSV or XLSX), with file-level problems recorded."""
    return [s for name, data in files for s in read_upload(name, data, problems=problems, table=table,
                                                             encoding=encoding)]


def import_files(
    engine: Engine,
    files: list[tuple[str, bytes]],
    *,
    table: str | None = None,
    encoding: str = "auto",
    lang: str = "en",
    dry_run: bool = False,
    actor: str = "",
    source: str = "import",
    expect: tuple[tuple[str, int, int, int], ...] | None = None,
) -> Plan:
    """Check files in full and, unless ``dry_run`` or anything is wrong, write them in one transaction.

    With ``expect`` (a dry run's :meth:`Plan.fingerprint`) nothing is written if the store has
    changed since so that the write would differ from what was reviewed (``plan.stale``).
    """
    problems = Problems(lang)
    sources = read_files(files, problems=problems, table=table, encoding=encoding)
    scope = db.snapshot(engine) if dry_run else db.write_scope(engine)
    try:
        with scope as session:
            tables = plan_sources(session, sources, problems)
            plan = _plan(tables, problems)
            if not plan.ok or dry_run:
                return plan
            if expect is not None and plan.fingerprint() != expect:
                plan.stale = True
                return plan
            apply_plan(session, tables, actor=actor, source=source)
            plan.written = True
        return plan
    except SQLAlchemyError as exc:
        return _refused(exc, problems, files)


def _refused(exc: SQLAlchemyError, problems: Problems, files: list[tuple[str, bytes]] | None = None) -> Plan:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    problems.add("database", file=", ".join(n for n, _ in files or []), detail=detail)
    return _plan({}, problems)


def load_frames(session: Session, *, frames: dict[str, pd.DataFrame], actor: str = "system",
                source: str = "init-db") -> dict[str, int]:
    """Check and write natural-key frames in the caller's transaction; ``ValueError`` if any row is bad."""
    problems = Problems("en")
    sources = [frame_source(n, f) for n, f in frames.items() if n in SPECS and len(f)]
    tables = plan_sources(session, sources, problems)
    found = problems.frame()
    if len(found):
        lines = [format_problem(r) for _, r in found.head(5).iterrows()]
        more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
        raise ValueError("; ".join(lines) + more)
    apply_plan(session, tables, actor=actor, source=source)
    return {n: len(frames[n]) for n in SPECS if n in frames}


def editor_frame(loaded: pd.DataFrame, table: str, lang: str) -> pd.DataFrame:
    """A stored table as the editor shows it: ``id`` kept, enum values as their names in ``lang``."""
    out = loaded[["id", *SPECS[table].columns]].copy()
    for col in SPECS[table].columns:
        kind = column_kind(table, col)
        group = enum_group(kind)
        if kind is int:
            out[col] = out[col].round().astype("Int64")
        elif group:
            out[col] = out[col].map(labels(group, lang)).astype(object).where(out[col].notna(), None)
    return out


def plan_edit(session: Session, *, table: str, loaded: pd.DataFrame, edited: pd.DataFrame,
              problems: Problems) -> Plan:
    """What saving the editor would do, checked like an import and against concurrent edits.

    ``loaded`` is the table as it was read when the editor opened (:func:`core.store.repo.natural_frames`
    made :func:`canonical`), ``edited`` what the editor returns (:func:`editor_frame` plus edits).
    A row changed or deleted here that someone else changed or deleted meanwhile is refused.
    """
    spec, lang = SPECS[table], problems.lang
    cols = list(spec.columns)
    shown = as_text(editor_frame(loaded, table, lang).set_index("id")[cols])
    edits = edited.reset_index(drop=True)
    ids = pd.to_numeric(edits["id"], errors="coerce") if "id" in edits else pd.Series(np.nan, index=edits.index)
    text = as_text(edits[cols])
    existing = ids.notna() & ids.isin(shown.index)
    old = shown.reindex(ids[existing].astype(int).to_numpy())
    differs = pd.Series(False, index=edits.index)
    for col in cols:
        a, b = text.loc[existing, col], old[col]
        diff = ~(a.to_numpy() == b.to_numpy()) & ~(a.isna().to_numpy() & b.isna().to_numpy())
        differs.loc[existing] = differs.loc[existing].to_numpy() | diff
    changed = existing & differs
    added = ~existing & text.notna().any(axis=1)
    deleted = sorted(set(shown.index) - set(ids[existing].astype(int)))
    batch = text[changed | added].copy()
    batch["_id"] = ids[changed | added].where(changed, None)
    grid = table_label(table, lang)
    source = Source(t("data.tab.edit", lang), grid, table, batch, (batch.index + 1).to_numpy(),
                    {c: column_label(table, c, lang) for c in cols}, 0)
    current = canonical(table, repo.natural_frames(session, tables=[table])[table])
    tables = plan_sources(session, [source], problems, existing="refuse") if len(batch) else {}
    mine = loaded.set_index("id")
    now = current.set_index("id")
    names = pd.Series(_keys(table, loaded, spec.key, "/").to_numpy(), index=loaded["id"].to_numpy())
    for ident in [int(i) for i in ids[changed]] + deleted:
        row = int(edits.index[ids == ident][0]) + 1 if ident in set(ids[changed]) else None
        key = names[ident]
        if ident not in now.index:
            problems.add("conflict_deleted", file=t("data.tab.edit", lang), sheet=grid, row=row, value=key)
        elif not all(_same_value(_plainv(mine.at[ident, c]), _plainv(now.at[ident, c])) for c in cols):
            problems.add("conflict", file=t("data.tab.edit", lang), sheet=grid, row=row, value=key)
    for other, counts in repo.referrers(session, table=table, ids=deleted).items():
        for ident, n in counts.items():
            problems.add("referenced", file=t("data.tab.edit", lang), sheet=grid, value=names[ident], n=n,
                         table=table_label(other, lang))
    if deleted:
        p = tables.get(table) or TablePlan(table, tuple(cols), pd.DataFrame(columns=[*cols, "_key"]),
                                           pd.DataFrame(columns=[*cols, "id", "_key"]), pd.DataFrame(columns=cols))
        gone = loaded[loaded["id"].isin(deleted)].copy()
        gone["_key"] = _keys(table, gone, spec.key, "/")
        p.deletes = gone
        tables[table] = p
    return _plan(tables, problems)


def _plainv(v: object) -> object:
    return None if _na(v) else v


def save_edit(engine: Engine, *, table: str, loaded: pd.DataFrame, edited: pd.DataFrame, actor: str,
              lang: str) -> Plan:
    """Check the editor's changes and, if all is well, write them in one transaction (audited)."""
    problems = Problems(lang)
    try:
        with db.write_scope(engine) as session:
            plan = plan_edit(session, table=table, loaded=loaded, edited=edited, problems=problems)
            if plan.ok and any(plan.counts()[k] for k in ("insert", "update", "delete")):
                apply_plan(session, plan.tables, actor=actor, source="editor")
                plan.written = True
        return plan
    except SQLAlchemyError as exc:
        return _refused(exc, problems)


def load_table(engine: Engine, table: str) -> pd.DataFrame:
    """One table as the editor loads it (canonical values, with ids)."""
    with Session(engine) as session:
        return canonical(table, repo.natural_frames(session, tables=[table])[table])


# --- out: exports and the audit log -------------------------------------------------------------------
def export_frames(session: Session, lang: str) -> dict[str, pd.DataFrame]:
    """Every table, the scenarios and the audit log, as files hold them in ``lang`` (sheet name → frame)."""
    def sheet(name: str) -> str:
        return table_label(name, lang) if lang == "zh" else name

    out: dict[str, pd.DataFrame] = {}
    for name, frame in repo.natural_frames(session).items():
        out[sheet(name)] = display_frame(canonical(name, frame), name, lang)
    scenarios = repo.scenario_frame(session).drop(columns="id")
    for col in ("created_at", "updated_at"):
        scenarios[col] = pd.to_datetime(scenarios[col], utc=True).dt.strftime("%Y-%m-%d %H:%M:%S")
    out[sheet("scenarios")] = scenarios.rename(columns=lambda c: column_label("scenarios", c, lang) if lang == "zh" else c)
    log, _ = repo.audit_frame(session, limit=10_000_000)
    out[sheet("audit_log")] = audit_view(log.iloc[::-1], lang, raw=True)
    return out


def audit_view(log: pd.DataFrame, lang: str, *, raw: bool = False) -> pd.DataFrame:
    """Audit entries as people read them: table and action names, and before → after in words."""
    cols = ["at", "actor", "source", "table_name", "row_key", "action"]
    out = log[cols].copy() if len(log) else pd.DataFrame(columns=cols)
    out["at"] = pd.to_datetime(out["at"], utc=True).dt.strftime("%Y-%m-%d %H:%M:%S")
    out["source"] = out["source"].map(lambda s: t(f"data.source.{s}", lang) if f"data.source.{s}" in _SOURCES else s)
    out["table_name"] = out["table_name"].map(lambda n: table_label(n, lang) if n in SPECS else n)
    out["action"] = out["action"].map(lambda a: t(f"data.action.{a}", lang))
    if raw:
        out["before"], out["after"] = log.get("before"), log.get("after")
    else:
        out["changes"] = [_changes(b, a, n, lang) for b, a, n in zip(log.get("before", []), log.get("after", []),
                                                                        log.get("table_name", []))]
    out.columns = [column_label("audit_log", c, lang) for c in out.columns]
    return out.reset_index(drop=True)


_SOURCES = {f"data.source.{s}" for s in ("import", "editor", "cli", "init-db", "restore")}


def _changes(before: str | None, after: str | None, table: str, lang: str) -> str:
    """``column: old → new; …`` from an entry's JSON (inserts and deletes show the row)."""
    b = json.loads(before) if isinstance(before, str) and before else {}
    a = json.loads(after) if isinstance(after, str) and after else {}

    def name(c: str) -> str:
        return column_label(table, c, lang) if table in SPECS and c in SPECS[table].columns else c

    if b and a:
        return "; ".join(f"{name(c)}: {_show(b.get(c))} → {_show(a.get(c))}" for c in a)
    row = a or b
    return "; ".join(f"{name(c)}: {_show(v)}" for c, v in row.items() if v not in (None, ""))



def export_file(engine: Engine, lang: str, fmt: str) -> bytes:
    """Every table and the audit log, read in one snapshot, as one XLSX workbook or a zip of CSV files."""
    with db.snapshot(engine) as session:
        frames = export_frames(session, lang)
    if fmt == "xlsx":
        return to_xlsx(frames)
    return to_zip({f"{name}.csv": to_csv(frame) for name, frame in frames.items()})


def read_audit(engine: Engine, lang: str, **filters: Any) -> tuple[pd.DataFrame, int]:
    """Audit entries matching ``filters`` (see :func:`core.store.repo.audit_frame`) as people read them, and how many."""
    with Session(engine) as session:
        log, total = repo.audit_frame(session, **filters)
    return audit_view(log, lang), total


def ref_options(engine: Engine, table: str, lang: str) -> dict[str, list[str]]:
    """For each reference column of ``table``: the names the editor offers (services by their name in ``lang``)."""
    spec = SPECS[table]
    wanted = {r.table for r in spec.refs}
    with Session(engine) as session:
        frames = repo.natural_frames(session, tables=wanted)
    out: dict[str, list[str]] = {}
    for ref in spec.refs:
        for col, key_col in zip(ref.columns, SPECS[ref.table].key):
            kind = column_kind(table, col)
            group = enum_group(kind)
            if group:
                out[col] = list(labels(group, lang).values())
            else:
                out[col] = sorted({str(v) for v in frames[ref.table][key_col].dropna()})
    return out
