"""Text as it leaves the store for a spreadsheet: cells that would run as formulas neutralised."""
from __future__ import annotations

import pandas as pd

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which text cells a spreadsheet would run as a formula start with an apostrophe.

    Cells beginning with ``=``, ``+``, ``-``, ``@`` (or tab / carriage return) are prefixed with
    ``'`` (OWASP CSV injection); numbers, including negative ones, are left as numbers.
    """
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col]):
            continue
        out[col] = out[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v)
    return out

