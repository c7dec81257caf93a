"""Text as it leaves the store: cells a spreadsheet would run as formulas neutralised, pieces of file
names made safe."""
from __future__ import annotations

import re

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


# --- file names --------------------------------------------------------------------------------------
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def safe_part(text: str) -> str:
    """A piece of a file name: characters Windows or a shell would choke on become ``_``."""
    return _UNSAFE.sub("_", text.strip()).strip("._-")[:60]
