"""Tables out as files: the workbook and CSV layouts of exports and templates, formula-safe."""
from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import numpy as np
import pandas as pd

from core.files.io import DATA_DIR, read_csv_table
from core.i18n import labels, t
from core.store.layout import (
    SPECS,
    column_kind,
    column_label,
    enum_group,
)
from core.store.text import neutralise_formulas


# --- writing files ----------------------------------------------------------------------------------
def display_frame(frame: pd.DataFrame, table: str, lang: str) -> pd.DataFrame:
    """A table in file layout as people read it in ``lang``: headers, enum names, 是/否 in Chinese.

    In English the headers are the column names and values their codes (the layout of the demo
    CSV files); both read back through the importer.
    """
    out = pd.DataFrame(index=frame.index)
    for col in SPECS[table].columns:
        if col not in frame:
            continue
        s = frame[col]
        kind = column_kind(table, col)
        group = enum_group(kind)
        if kind is int:
            s = pd.to_numeric(s, errors="coerce").round().astype("Int64")
        elif group and lang == "zh":
            s = s.map(lambda v, g=group: labels(g, "zh").get(v, v) if isinstance(v, str) else v)
        elif kind is bool:
            names = {True: t("data.bool.true", lang), False: t("data.bool.false", lang)}
            s = s.map(lambda v, n=names: n.get(v, None) if isinstance(v, bool | np.bool_) else v)
        out[column_label(table, col, lang) if lang == "zh" else col] = s
    return out


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per frame, header row frozen; formula-like text neutralised."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, frame in sheets.items():
        ws = wb.create_sheet(_sheet_title(title))
        ws.freeze_panes = "A2"
        safe = neutralise_formulas(frame)
        for i, col in enumerate(safe.columns, start=1):
            width = max([len(str(col)) * 2] + [min(len(str(v)), 40) for v in safe[col].head(50)])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 50)
        header = []
        for col in safe.columns:
            cell = WriteOnlyCell(ws, value=str(col))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        values = safe.astype(object).where(safe.notna(), None)
        for row in values.itertuples(index=False, name=None):
            ws.append([_xlsx_value(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_value(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    return v


def _sheet_title(title: str) -> str:
    """A valid sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", "_", title)[:31]


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a BOM (Excel then reads Chinese correctly); formula-like text neutralised."""
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def to_zip(files: dict[str, bytes]) -> bytes:
    """Files packed into one zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


def example_row(table: str) -> pd.DataFrame:
    """One row of the table from the shipped reference or demo data, as the template's example."""
    for folder in ("reference", "demo"):
        path = DATA_DIR / folder / f"{table}.csv"
        if path.exists():
            return read_csv_table(path).head(1)
    return pd.DataFrame(columns=list(SPECS[table].columns))
