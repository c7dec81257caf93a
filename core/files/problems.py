"""Problems found while reading and checking files: each names file, sheet, row, column and value,
with its reason in the reader's language; kept one by one up to a limit and counted by kind beyond it."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from core.i18n import t
from core.store.limits import MAX_PROBLEMS

PROBLEM_COLUMNS: tuple[str, ...] = ("file", "sheet", "row", "column", "value", "code", "reason")


def show_value(value: object, limit: int = 60) -> str:
    """A cell as a problem report shows it: text, cut to ``limit`` characters."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    s = str(value)
    return s if len(s) <= limit else s[:limit] + f"…（{len(s):,}）"


class Problems:
    """Every problem found, each naming file, sheet, row, column and value, with its reason in ``lang``.

    Only the first :data:`~core.store.limits.MAX_PROBLEMS` of each kind are kept one by one (a file
    with millions of bad cells must not become millions of rows of report); every problem is
    counted by kind (:attr:`counts`), with the reason of its first instance (:attr:`examples`).
    """

    def __init__(self, lang: str, limit: int | None = None) -> None:
        self.lang = lang
        self.limit = MAX_PROBLEMS if limit is None else limit
        self._rows: list[dict[str, Any]] = []
        self._parts: list[pd.DataFrame] = []
        self.notes: list[str] = []  # things worth saying that stop nothing (a sheet left out)
        self.counts: dict[str, int] = {}  # problem code → how many were found
        self.examples: dict[str, str] = {}  # problem code → the reason of the first one

    def _count(self, code: str, n: int, reason: str) -> int:
        """Count ``n`` problems of ``code``; how many more of that code may still be kept."""
        room = max(0, self.limit - self.counts.get(code, 0))
        self.counts[code] = self.counts.get(code, 0) + n
        self.examples.setdefault(code, reason)
        return room

    def add(self, code: str, *, file: str, sheet: str = "", row: int | None = None, column: str = "",
            value: object = "", **params: object) -> None:
        """Record one problem."""
        reason = t(f"data.problem.{code}", self.lang, **params)
        if self._count(code, 1, reason):
            self._rows.append({"file": file, "sheet": sheet, "row": row, "column": column, "value": show_value(value),
                               "code": code, "reason": reason})

    def add_cells(self, code: str, *, file: pd.Series, sheet: pd.Series, row: pd.Series, column: pd.Series | str,
                  value: pd.Series, reason: pd.Series | None = None, total: int | None = None,
                  **params: object) -> None:
        """Record one problem per cell of a selection (vectorised: one reason text unless ``reason``).

        ``total`` is how many cells had the problem when the caller passes only the first of them.
        """
        if not len(row):
            return
        text = t(f"data.problem.{code}", self.lang, **params) if reason is None else str(reason.iloc[0])
        keep = self._count(code, total if total is not None else len(row), text)
        if not keep:
            return
        n = min(keep, len(row))
        part = pd.DataFrame({
            "file": file.to_numpy()[:n], "sheet": sheet.to_numpy()[:n], "row": row.to_numpy()[:n],
            "column": column.to_numpy()[:n] if isinstance(column, pd.Series) else column,
            "value": [show_value(v) for v in value.to_numpy()[:n]], "code": code,
            "reason": reason.to_numpy()[:n] if reason is not None else text,
        })
        self._parts.append(part)

    def __len__(self) -> int:
        return sum(self.counts.values())

    def room(self, code: str) -> int:
        """How many more problems of ``code`` would be kept one by one."""
        return max(0, self.limit - self.counts.get(code, 0))

    def frame(self) -> pd.DataFrame:
        """The problems kept (at most :attr:`limit`), ordered by file, sheet and row."""
        parts = [pd.DataFrame(self._rows, columns=list(PROBLEM_COLUMNS)), *self._parts]
        kept = [p for p in parts if len(p)]
        out = pd.concat(kept, ignore_index=True) if kept else parts[0]
        out["row"] = pd.array(out["row"], dtype="Int64")
        out = out.sort_values(["file", "sheet", "row"], kind="stable", na_position="first")
        return out.head(self.limit).reset_index(drop=True)
