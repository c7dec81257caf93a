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
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.files import changes
from core.files.changes import Change
from core.files.checks import SEP, TablePlan, _keys, _na, _same_value, _show, _text, format_problem, plan_sources
from core.files.io import Source, frame_source, read_upload
from core.files.problems import Problems
from core.i18n import label, t
from core.store import access, audit, db, repo
from core.store.access import Actor, Permission
from core.store.layout import (
    SPECS,
    column_kind,
    column_label,
    enum_group,
    table_label,
)
from core.store.models import AuditAction
from core.store.wording import row_labels


@dataclass
class Plan:
    """The outcome of checking a batch: what it would write, or every problem that stops it."""

    tables: dict[str, TablePlan]
    problems: pd.DataFrame  # the first problems found, one by one (at most limits.MAX_PROBLEMS)
    notes: list[str] = field(default_factory=list)
    written: bool = False
    stale: bool = False  # the store changed between the dry run and the write
    problem_counts: dict[str, int] = field(default_factory=dict)  # every problem, counted by kind
    problem_examples: dict[str, str] = field(default_factory=dict)  # each kind's first reason
    large: list[Change] = field(default_factory=list)  # stored figures moved beyond the tolerance
    tolerance: float | None = None  # the Bureau's tolerance the changes were measured against

    @property
    def ok(self) -> bool:
        """Whether nothing stands in the way of writing."""
        return self.problems.empty and not self.problem_counts

    @property
    def problem_total(self) -> int:
        """How many problems were found (more than :attr:`problems` lists when there are very many)."""
        return max(sum(self.problem_counts.values()), len(self.problems))

    def problem_kinds(self, lang: str) -> pd.DataFrame:
        """Every kind of problem found, most frequent first: an example of its reason and how many."""
        rows = sorted(self.problem_counts.items(), key=lambda kv: -kv[1])
        return pd.DataFrame([(self.problem_examples.get(code, code), n) for code, n in rows],
                            columns=[t("data.col.kind", lang), t("data.col.count", lang)])

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
            for key in _names(name, p.inserts.head(limit), lang):
                out.append((label, key, t("data.action.insert", lang), ""))
            names = _names(name, p.updates.head(limit), lang)
            for i in p.updates.index[:limit]:
                changes = [f"{column_label(name, c, lang)}: {value_text(name, c, p.before.at[i, c], lang)} → "
                           f"{value_text(name, c, p.updates.at[i, c], lang)}"
                           for c in p.columns if c in p.before and not _same_value(p.before.at[i, c], p.updates.at[i, c])]
                out.append((label, names[i], t("data.action.update", lang), "; ".join(changes)))
            for key in _names(name, p.deletes.head(limit), lang):
                out.append((label, key, t("data.action.delete", lang), ""))
        return pd.DataFrame(out[:limit], columns=[t(f"data.col.{c}", lang) for c in ("table", "key", "action", "changes")])


def _names(table: str, rows: pd.DataFrame, lang: str) -> pd.Series:
    """Rows as people name them in ``lang`` (from their key), for the rows shown only."""
    if len(rows) and set(SPECS[table].key) <= set(rows.columns):
        return row_labels(table, rows, lang)
    return rows["_key"].astype(object) if "_key" in rows else pd.Series(dtype=object)


def value_text(table: str, column: str, value: object, lang: str) -> str:
    """A canonical value as a person reads it: enum values and yes/no by name, numbers without ``.0``."""
    if _na(value):
        return "∅"
    kind = column_kind(table, column)
    group = enum_group(kind)
    if group and isinstance(value, str):
        return label(group, value, lang)
    if kind is bool:
        return t("data.bool.true" if value else "data.bool.false", lang)
    return _show(value)


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


def check_allowed(actor: Actor | None, plan: dict[str, TablePlan], permission: Permission) -> None:
    """Refuse (:class:`core.store.access.Refused`) unless ``actor`` may make this kind of write and
    may change every table the plan changes (the assumption book and the fee standards are the admin's)."""
    access.require(actor, permission)
    for name, p in plan.items():
        extra = access.TABLE_PERMISSIONS.get(name)
        if extra is not None and (len(p.inserts) or len(p.updates) or len(p.deletes)):
            access.require(actor, extra)


def apply_plan(session: Session, plan: dict[str, TablePlan], *, actor: Actor, source: str,
               permission: Permission = Permission.import_data) -> None:
    """Write a checked plan in the caller's transaction, with one audit entry per row changed;
    refused before anything is written unless the actor may (:func:`check_allowed`)."""
    check_allowed(actor, plan, permission)
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
    return Plan(tables, problems.frame(), list(problems.notes), problem_counts=dict(problems.counts),
                problem_examples=dict(problems.examples))


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
    actor: Actor,
    source: str = "import",
    expect: tuple[tuple[str, int, int, int], ...] | None = None,
    confirmed: bool | Collection[Change] = False,
) -> Plan:
    """Check files in full and, unless ``dry_run`` or anything is wrong, write them in one transaction.

    With ``expect`` (a dry run's :meth:`Plan.fingerprint`) nothing is written if the store has
    changed since so that the write would differ from what was reviewed (``plan.stale``). An actor
    who may not import, or may not change a table the files would change, is refused
    (:class:`core.store.access.Refused`), on the dry run already.

    Stored figures the files would move by more than the Bureau's tolerance are listed in
    ``plan.large`` (:mod:`core.files.changes`); unless ``confirmed`` (True, or the collection of the
    changes a person checked) covers every one of them, nothing is written and
    :class:`core.files.changes.Unconfirmed` is raised.
    """
    access.require(actor, Permission.import_data)
    problems = Problems(lang)
    sources = read_files(files, problems=problems, table=table, encoding=encoding)
    scope = db.snapshot(engine) if dry_run else db.write_scope(engine)
    try:
        with scope as session:
            tables = plan_sources(session, sources, problems)
            plan = _plan(tables, problems)
            if plan.ok:
                check_allowed(actor, tables, Permission.import_data)
                measure(session, plan)
            if not plan.ok or dry_run:
                return plan
            if expect is not None and plan.fingerprint() != expect:
                plan.stale = True
                return plan
            require_confirmed(plan, confirmed)
            apply_plan(session, tables, actor=actor, source=source)
            plan.written = True
        return plan
    except SQLAlchemyError as exc:
        return _refused(exc, problems, files)


def measure(session: Session, plan: Plan) -> None:
    """Fill in the plan's large changes against the stored values, at the tolerance in force."""
    plan.tolerance = changes.tolerance(session)
    plan.large = changes.large_changes(plan.tables, plan.tolerance)


def require_confirmed(plan: Plan, confirmed: bool | Collection[Change]) -> None:
    """Refuse (:class:`core.files.changes.Unconfirmed`, nothing written) unless ``confirmed`` covers
    every large change of the plan."""
    missing = changes.unconfirmed(plan.large, confirmed)
    if missing:
        raise changes.Unconfirmed(missing, plan.tolerance or 0.0)


def _refused(exc: SQLAlchemyError, problems: Problems, files: list[tuple[str, bytes]] | None = None) -> Plan:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    problems.add("database", file=", ".join(n for n, _ in files or []), detail=detail)
    return _plan({}, problems)


def load_frames(session: Session, *, frames: dict[str, pd.DataFrame], actor: Actor,
                source: str = "init-db") -> dict[str, int]:
    """Check and write natural-key frames in the caller's transaction; ``ValueError`` if any row is bad."""
    problems = Problems("en")
    sources = [frame_source(n, f) for n, f in frames.items() if n in SPECS and len(f)]
    tables = plan_sources(session, sources, problems)
    found = problems.frame()
    if len(problems):
        lines = [format_problem(r) for _, r in found.head(5).iterrows()]
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ValueError("; ".join(lines) + more)
    apply_plan(session, tables, actor=actor, source=source)
    return {n: len(frames[n]) for n in SPECS if n in frames}
