"""Large changes against the stored value: the figures an import or an edit would move by more than the
Bureau's tolerance, listed for a person to confirm before anything is written.

A figure is a number the Bureau measures (money, areas, headcounts, scores, the book's values), not a
code that happens to be a number (a year, a month, a tier, a sort order). A change is large when it
moves the stored value by more than ``data_change_tolerance`` of it (0.30: 100 → 53 is −47 %, large;
100 → 80 is −20 %, not), when a stored 0 becomes anything else, or when a stored figure is cleared.
Filling in a figure that was empty is not a change against a stored value. New and deleted rows are
shown by the dry run and the save; they hold no stored value to compare with.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlmodel import Session

from core.files.checks import TablePlan, _show
from core.files.io import DATA_DIR, read_csv_table
from core.i18n import fmt_pct, t
from core.store import db, repo
from core.store.book import AssumptionBook
from core.store.layout import SPECS, column_kind, column_label, key_label, table_label

TOLERANCE_KEY = "data_change_tolerance"
COUNTS = frozenset({"staff_headcount", "staff"})  # whole numbers that are figures (people), not codes


@dataclass(frozen=True)
class Change:
    """One stored figure an import or an edit would change by more than the tolerance."""

    table: str
    key: str  # the row's natural key as the audit log records it (``市行政中心/cleaning/2025/0``)
    column: str
    old: float
    new: float | None  # None: the figure is cleared

    @property
    def share(self) -> float | None:
        """The change relative to the stored value (−0.47 for 100 → 53); None when the stored value is 0."""
        if self.old == 0:
            return None
        return ((0.0 if self.new is None else self.new) - self.old) / abs(self.old)


class Unconfirmed(db.Refused):
    """Large changes that nobody confirmed: nothing was written. ``changes`` lists them."""

    def __init__(self, changes: list[Change], tolerance: float) -> None:
        super().__init__("data.large.refused", n=len(changes), pct=fmt_pct(tolerance, 0))
        self.changes = changes


def figure_columns(table: str) -> list[str]:
    """The columns of ``table`` whose changes are measured: numbers that are figures, never key parts."""
    spec = SPECS[table]
    return [c for c in spec.plain_columns if c not in spec.key
            and (column_kind(table, c) is float or c in COUNTS)]


def is_large(old: float | None, new: float | None, tolerance: float) -> bool:
    """Whether changing a stored ``old`` to ``new`` needs confirming at ``tolerance`` (a share, 0.30)."""
    if old is None or (isinstance(old, float) and np.isnan(old)):
        return False  # nothing stored: filling in is not a change against a stored value
    if new is None or (isinstance(new, float) and np.isnan(new)):
        return old != 0
    if old == 0:
        return new != 0
    return abs(new - old) > tolerance * abs(old)


def large_changes(tables: dict[str, TablePlan], tolerance: float) -> list[Change]:
    """Every large change the plan's updates make, table by table, row by row (vectorised per column)."""
    out: list[Change] = []
    for name, p in tables.items():
        if not len(p.updates):
            continue
        found: list[tuple[int, int, Change]] = []
        for ci, col in enumerate(figure_columns(name)):
            if col not in p.columns or col not in p.before:
                continue
            old = pd.to_numeric(p.before[col], errors="coerce").astype(float)
            new = pd.to_numeric(p.updates[col], errors="coerce").astype(float)
            stored, cleared = old.notna(), new.isna()
            big = stored & (
                (cleared & (old != 0))
                | (~cleared & (old == 0) & (new != 0))
                | (~cleared & (old != 0) & ((new - old).abs() > tolerance * old.abs())))
            for i in big[big].index:
                pos = int(p.updates.index.get_loc(i))
                value = None if pd.isna(new[i]) else float(new[i])
                found.append((pos, ci, Change(name, str(p.updates.at[i, "_key"]), col, float(old[i]), value)))
        out += [c for _, _, c in sorted(found, key=lambda x: (x[0], x[1]))]
    return out


def unconfirmed(found: Iterable[Change], confirmed: bool | Collection[Change]) -> list[Change]:
    """The large changes ``confirmed`` does not cover (True covers all; a collection, those it holds)."""
    if confirmed is True:
        return []
    held = set(confirmed) if not isinstance(confirmed, bool) else set()
    return [c for c in found if c not in held]


def tolerance(session: Session, on: dt.date | None = None) -> float:
    """The Bureau's tolerance in force (the assumption book's ``data_change_tolerance``), or the shipped
    reference value when a store predates it."""
    book = AssumptionBook(repo.natural_frames(session, tables=["assumptions"])["assumptions"])
    if TOLERANCE_KEY in book:
        return book.value(TOLERANCE_KEY, on or dt.date.today())
    shipped = read_csv_table(DATA_DIR / "reference" / "assumptions.csv")
    return float(shipped.loc[shipped["key"] == TOLERANCE_KEY, "value"].iloc[0])


def change_text(change: Change, lang: str) -> str:
    """The change as a share of the stored value: ``-47%``; a stored 0 changed says so."""
    share = change.share
    if share is None:
        return t("data.large.from_zero", lang)
    return fmt_pct(share, 0, signed=True)


def changes_frame(changes: list[Change], lang: str, limit: int = 1_000) -> pd.DataFrame:
    """The changes as a table a reader checks: table, row, column, stored value, new value, change."""
    rows = [(table_label(c.table, lang), key_label(c.table, c.key, lang), column_label(c.table, c.column, lang),
             _show(c.old), "∅" if c.new is None else _show(c.new), change_text(c, lang)) for c in changes[:limit]]
    return pd.DataFrame(rows, columns=[t(f"data.large.col.{k}", lang)
                                       for k in ("table", "key", "column", "old", "new", "change")])
