"""How a value reads in a table people see (page, PDF, slide, workbook): booleans as 是/否, missing
values as "—", no negative zero, numbers grouped. One place, so no screen or file shows True, None,
NaN or −0."""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from core.i18n import t

MISSING = "—"


def is_missing(value: Any) -> bool:
    """None, NaN or NaT."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def yes_no(value: Any, lang: str) -> str:
    """是 / 否 (Yes / No)."""
    return t("common.yes" if value else "common.no", lang)


def cell_text(value: Any, lang: str) -> str:
    """A value as text: 是/否 for booleans, "—" when missing, numbers grouped (no −0), text as is."""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, bool):
        return yes_no(value, lang)
    if is_missing(value):
        return MISSING
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return MISSING
        if value.is_integer():
            text = f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.0f}"
        else:
            text = f"{value:,.1f}" if abs(value) >= 100 else f"{value:,.2f}"
        return no_negative_zero(text)
    return no_negative_zero(str(value))


def no_negative_zero(text: str) -> str:
    """"-0", "-0.0 %", "−0.00" → without the sign (a rounded zero has none)."""
    stripped = text.lstrip("-−").replace(",", "").rstrip("%").strip()
    if text[:1] in "-−" and stripped.replace(".", "", 1).isdigit() and float(stripped) == 0:
        return text[1:]
    return text


def for_display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A frame ready to show: boolean columns as 是/否, missing text as "—", −0 as 0; numbers stay numbers
    (a number column's missing values are left for the table to show as blank or "—")."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_bool_dtype(values):
            out[col] = values.map(lambda v: yes_no(v, lang)).astype(object)
        elif pd.api.types.is_float_dtype(values):
            arr = values.to_numpy(dtype=float, copy=True)
            arr[arr == 0] = 0.0  # −0.0 == 0.0: this writes +0.0
            out[col] = np.where(np.isfinite(arr) | np.isnan(arr), arr, np.nan)
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            out[col] = values.map(lambda v: _object_cell(v, lang)).astype(object)
    return out


def _object_cell(value: Any, lang: str) -> Any:
    if isinstance(value, bool | np.bool_):
        return yes_no(value, lang)
    if isinstance(value, list | tuple | dict):
        return value
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        return no_negative_zero(value)
    if isinstance(value, float) and value == 0:
        return 0.0
    return value
