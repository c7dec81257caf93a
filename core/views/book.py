"""How the assumption book reads: a factor's value in its unit (shares as percentages), and the book
as a table in Chinese first (units, bases and sources in the reader's language)."""
from __future__ import annotations

import pandas as pd

from core.i18n import fmt_pct, is_share, label, t, unit_text
from core.store.book import AssumptionBook, Factor


def book_value(f: Factor, lang: str) -> str:
    """A factor's value as a reader expects it: shares as percentages, other values grouped."""
    if is_share(f.unit):
        return fmt_pct(f.value, 1 if abs(f.value * 100 - round(f.value * 100)) > 1e-9 else 0)
    return f"{f.value:,.0f}" if f.value == int(f.value) else f"{f.value:,.2f}"


def book_table(book: AssumptionBook, lang: str) -> pd.DataFrame:
    """Every factor in force today: name, value, unit, basis, source and effective date, in ``lang``."""
    rows = []
    for key in book.latest()["key"]:
        f = book.factor(key)
        rows.append((f.name(lang), book_value(f, lang), unit_text(f.unit, lang), label("basis", f.basis, lang),
                     f.source_in(lang), f.effective_date.isoformat()))
    return pd.DataFrame(rows, columns=[t(f"pack.col.{c}", lang) for c in
                                       ("factor", "value", "unit", "basis", "source", "effective")])
