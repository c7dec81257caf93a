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


def column_decimals(values: pd.Series | list[Any]) -> int:
    """How many decimals a column of figures is shown with, everywhere (page, PDF, slide, workbook): the
    decimals its values already carry when a view rounded them (to at most 2: 72.3 stays 72.3, never
    72.30), else by size (2 below 10, 1 below 1,000, none above)."""
    arr = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    arr = arr[np.isfinite(arr)]
    if not len(arr):
        return 0
    for digits in (0, 1, 2):
        scaled = arr * 10**digits
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-9 * np.maximum(1.0, np.abs(scaled))):
            return digits
    top = float(np.abs(arr).max())
    return 2 if top < 10 else (1 if top < 1_000 else 0)


def cell_text(value: Any, lang: str, decimals: int | None = None) -> str:
    """A value as text: 是/否 for booleans, "—" when missing, numbers grouped (no −0), text as is; a
    decimal number with ``decimals`` places when given (its column's, see :func:`column_decimals`)."""
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
        if decimals is not None:
            return no_negative_zero(f"{value:,.{decimals}f}")
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


def table_texts(frame: pd.DataFrame, lang: str) -> list[list[str]]:
    """Every cell of ``frame`` as text, each decimal column with one number of decimals (its
    :func:`column_decimals`), so a figure reads the same in the PDF, on a slide and on the page."""
    digits = {col: column_decimals(frame[col]) if pd.api.types.is_float_dtype(frame[col]) else None
              for col in frame.columns}
    return [[cell_text(v, lang, digits[col]) for col, v in zip(frame.columns, rec)]
            for rec in frame.itertuples(index=False)]


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
