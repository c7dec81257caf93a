"""Tables in and out as files: the natural-key layout of every table, reading CSV/XLSX, writing exports.

Files name rows by natural keys (building name, service code, vendor name …), never by database
ids. :data:`SPECS` says, per table, which columns form the key and which refer to other tables.
Reading turns an uploaded file into :class:`Source` frames of text cells with canonical column
names, recording every problem (file, sheet, row, column, value, reason) on a :class:`Problems`
collector instead of raising; :mod:`core.files.loader` validates and writes them.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.i18n import join, t
from core.store.layout import (
    EXPORT_ONLY,
    SPECS,
    _bare,
    column_label,
    guess_table,
    header_aliases,
    normalise_name,
    table_label,
    table_of_name,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
logger = logging.getLogger(__name__)


# --- limits: what a file may be -------------------------------------------------------------------
MAX_FILE_MB = 30
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
MAX_UNPACKED_BYTES = 10 * MAX_FILE_BYTES  # an XLSX is a zip: refuse one that unpacks to far more
ENCODINGS: tuple[str, ...] = ("auto", "utf-8", "gb18030")  # GB18030 reads every GBK file

def read_csv_table(path: Path) -> pd.DataFrame:
    """A UTF-8 CSV file as strings, empty cells as missing (types are the loader's business)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")


def read_folder(folder: Path, tables: tuple[str, ...] | None = None) -> dict[str, pd.DataFrame]:
    """Every ``<table>.csv`` present in ``folder`` (optionally only ``tables``), in dependency order."""
    out: dict[str, pd.DataFrame] = {}
    for name in SPECS:
        if tables is not None and name not in tables:
            continue
        path = folder / f"{name}.csv"
        if path.exists():
            out[name] = read_csv_table(path)
    return out


# --- problems ---------------------------------------------------------------------------------------
PROBLEM_COLUMNS: tuple[str, ...] = ("file", "sheet", "row", "column", "value", "code", "reason")


def show_value(value: object, limit: int = 60) -> str:
    """A cell as a problem report shows it: text, cut to ``limit`` characters."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    s = str(value)
    return s if len(s) <= limit else s[:limit] + f"…（{len(s):,}）"


class Problems:
    """Every problem found, each naming file, sheet, row, column and value, with its reason in ``lang``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._rows: list[dict[str, Any]] = []
        self._parts: list[pd.DataFrame] = []
        self.notes: list[str] = []  # things worth saying that stop nothing (a sheet left out)

    def add(self, code: str, *, file: str, sheet: str = "", row: int | None = None, column: str = "",
            value: object = "", **params: object) -> None:
        """Record one problem."""
        self._rows.append({"file": file, "sheet": sheet, "row": row, "column": column, "value": show_value(value),
                           "code": code, "reason": t(f"data.problem.{code}", self.lang, **params)})

    def add_cells(self, code: str, *, file: pd.Series, sheet: pd.Series, row: pd.Series, column: pd.Series | str,
                  value: pd.Series, reason: pd.Series | None = None, **params: object) -> None:
        """Record one problem per cell of a selection (vectorised: one reason text unless ``reason``)."""
        if not len(row):
            return
        part = pd.DataFrame({
            "file": file.to_numpy(), "sheet": sheet.to_numpy(), "row": row.to_numpy(),
            "column": column.to_numpy() if isinstance(column, pd.Series) else column,
            "value": [show_value(v) for v in value.to_numpy()], "code": code,
            "reason": reason.to_numpy() if reason is not None else t(f"data.problem.{code}", self.lang, **params),
        })
        self._parts.append(part)

    def __len__(self) -> int:
        return len(self._rows) + sum(len(p) for p in self._parts)

    def frame(self) -> pd.DataFrame:
        """Every problem, ordered by file, sheet and row."""
        parts = [pd.DataFrame(self._rows, columns=list(PROBLEM_COLUMNS)), *self._parts]
        out = pd.concat([p for p in parts if len(p)], ignore_index=True) if len(self) else parts[0]
        out["row"] = pd.array(out["row"], dtype="Int64")
        return out.sort_values(["file", "sheet", "row"], kind="stable", na_position="first").reset_index(drop=True)


# --- reading files ----------------------------------------------------------------------------------
@dataclass
class Source:
    """One table's rows from one file (or sheet, or the editor): text cells under canonical column names."""

    file: str
    sheet: str
    table: str
    frame: pd.DataFrame  # canonical columns (a subset of the table's), cells str or None; maybe "_id"
    rows: np.ndarray  # the spreadsheet row number of each frame row
    headers: dict[str, str] = field(default_factory=dict)  # column → header as written
    header_row: int = 1


def _fmt_size(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def read_upload(name: str, data: bytes, *, problems: Problems, table: str | None = None,
                encoding: str = "auto") -> list[Source]:
    """The tables in one uploaded CSV or XLSX file; problems are recorded, never raised."""
    if len(data) > MAX_FILE_BYTES:
        problems.add("too_big", file=name, size=_fmt_size(len(data)), limit=f"{MAX_FILE_MB} MB")
        return []
    try:
        return _read_any(name, data, problems=problems, table=table, encoding=encoding)
    except Exception as exc:  # an unforeseen failure is still one line about this file, never a traceback
        logger.exception("reading %s failed", name)
        problems.add("unreadable", file=name, detail=type(exc).__name__)
        return []


def _read_any(name: str, data: bytes, *, problems: Problems, table: str | None, encoding: str) -> list[Source]:
    ext = Path(name).suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return _read_xlsx(name, data, problems=problems, table=table)
    if ext in (".csv", ".txt", ".tsv"):
        if table is None and table_of_name(Path(name).stem) in EXPORT_ONLY:
            problems.notes.append(t("data.note.export_only", problems.lang, file=name, sheet=Path(name).stem))
            return []
        source = _read_csv(name, data, problems=problems, table=table, encoding=encoding)
        return [source] if source is not None else []
    problems.add("file_type", file=name, ext=ext or name)
    return []


def _decode(name: str, data: bytes, encoding: str, problems: Problems) -> str | None:
    """The file's text: BOMs win; else the chosen encoding, or UTF-8 then GB18030 when automatic."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    wanted = "gb18030" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding.lower()
    if wanted == "auto":
        for enc in ("utf-8", "gb18030"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
        problems.add("undecodable", file=name)
        return None
    try:
        text = data.decode(wanted)
    except (UnicodeDecodeError, LookupError) as exc:
        start = getattr(exc, "start", 0)
        problems.add("encoding", file=name, row=data[:start].count(b"\n") + 1, encoding=_enc_name(wanted),
                     line=data[:start].count(b"\n") + 1)
        return None
    if wanted == "gb18030" and not data.isascii():
        try:  # valid UTF-8 with Chinese in it is never a GBK file that happens to decode
            data.decode("utf-8")
            problems.add("encoding_mismatch", file=name, encoding=_enc_name(wanted))
            return None
        except UnicodeDecodeError:
            pass
    return text


def _enc_name(encoding: str) -> str:
    return {"gb18030": "GBK/GB18030", "utf-8": "UTF-8"}.get(encoding, encoding)


def _read_csv(name: str, data: bytes, *, problems: Problems, table: str | None, encoding: str) -> Source | None:
    text = _decode(name, data, encoding, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add("empty", file=name)
        return None
    first = text.lstrip().split("\n", 1)[0]
    sep = max(("\t", ",", ";"), key=first.count) if any(c in first for c in "\t,;") else ","
    try:
        grid = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                           na_values=[], skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[0].split("C error: ")[-1]
        problems.add("csv_parse", file=name, detail=detail)
        return None
    header = grid.iloc[0].tolist()
    body = grid.iloc[1:].reset_index(drop=True)
    rows = np.arange(2, len(body) + 2)
    hint = table or table_of_name(Path(name).stem)
    return _source(name, "", header, body, rows, 1, hint, forced=table is not None, problems=problems)


def _cell_text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merged_ranges(wb: Any, ws: Any) -> list[tuple[str, int, int]]:
    """Merged ranges of a read-only sheet as (text, first row, last row), read from its XML."""
    path = getattr(ws, "_worksheet_path", None)
    if path is None:
        return []
    with wb._archive.open(path) as fh:
        xml = fh.read()
    return [(f"{a.decode()}{r1.decode()}:{b.decode()}{r2.decode()}", int(r1), int(r2))
            for a, r1, b, r2 in _MERGE.findall(xml)]


def _read_xlsx(name: str, data: bytes, *, problems: Problems, table: str | None) -> list[Source]:
    import openpyxl  # only needed for workbooks

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        problems.add("not_xlsx", file=name)
        return []
    if unpacked > MAX_UNPACKED_BYTES:
        problems.add("xlsx_too_big", file=name, limit=_fmt_size(MAX_UNPACKED_BYTES))
        return []
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged workbook can fail in many ways inside openpyxl
        problems.add("not_xlsx", file=name)
        return []
    try:
        sheets = [(ws.title, ws) for ws in wb.worksheets]
        named = {title: table_of_name(title) for title, _ in sheets}
        if table is not None:
            mine = [s for s in sheets if named[s[0]] == table]
            others = [s for s in sheets if named[s[0]] is None]
            chosen = mine or (others if len(others) == 1 else [])
            if not chosen:
                problems.add("wrong_sheet", file=name, table=table_label(table, problems.lang),
                             sheets=join((title for title, _ in sheets), problems.lang))
                return []
            sheets = chosen
        out: list[Source] = []
        for title, ws in sheets:
            hint = table or named[title]
            if hint in EXPORT_ONLY:
                problems.notes.append(t("data.note.export_only", problems.lang, file=name, sheet=title))
                continue
            try:
                ws.reset_dimensions()  # else openpyxl reads a sheet without a size twice to measure it
                grid = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
                merged = _merged_ranges(wb, ws)
            except Exception:  # a cut-off workbook may only fail once its sheet is read
                problems.add("not_xlsx", file=name, sheet=title)
                return []
            start = next((i for i, r in enumerate(grid) if any(v is not None and str(v).strip() for v in r)), None)
            if start is None:
                if len(sheets) == 1 or hint is not None:
                    problems.add("empty", file=name, sheet=title)
                continue
            header_row = start + 1
            bad = [text for text, r1, r2 in merged if r1 <= header_row <= r2]
            if bad:
                problems.add("merged_header", file=name, sheet=title, row=header_row, ranges=", ".join(bad))
                continue
            width = max(len(r) for r in grid[start:])
            padded = [list(r) + [None] * (width - len(r)) for r in grid[start:]]
            header = list(padded[0])
            body = pd.DataFrame(padded[1:], columns=range(width), dtype=object)
            rows = np.arange(header_row + 1, header_row + 1 + len(body))
            source = _source(name, title, header, body, rows, header_row, hint, forced=table is not None,
                             problems=problems)
            if source is not None:
                out.append(source)
        return out
    finally:
        wb.close()


def _source(file: str, sheet: str, header: list[Any], body: pd.DataFrame, rows: np.ndarray, header_row: int,
            hint: str | None, *, forced: bool, problems: Problems) -> Source | None:
    """Name the columns of a grid after the table's, dropping blank rows; record header problems."""
    header = [None if h is None or (isinstance(h, float) and np.isnan(h)) else str(h).strip() for h in header]
    table = hint if hint in SPECS else (None if forced else guess_table(h for h in header if h))
    if table is None:
        problems.add("unknown_table", file=file, sheet=sheet, example=table_label("cost_records", problems.lang))
        return None
    body = clean_text(body)
    filled = body.notna()
    keep = filled.any(axis=1).to_numpy()
    body, rows = body[keep].reset_index(drop=True), rows[keep]
    aliases = header_aliases(table)
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    ok = True  # header problems are reported, and the recognised columns still checked cell by cell
    for pos, h in enumerate(header):
        if not h:
            if filled.iloc[:, pos].any():
                problems.add("blank_header", file=file, sheet=sheet, row=header_row, n=pos + 1)
            continue
        col = aliases.get(normalise_name(h)) or aliases.get(_bare(h))
        if col is None:
            problems.add("unknown_column", file=file, sheet=sheet, row=header_row, column=h, value=h,
                         table=table_label(table, problems.lang),
                         columns=join((column_label(table, c, problems.lang) for c in SPECS[table].columns),
                                      problems.lang))
        elif col in columns:
            problems.add("duplicate_column", file=file, sheet=sheet, row=header_row, column=h, value=h,
                         n=columns[col] + 1, name=header[columns[col]])
        else:
            columns[col] = pos
            headers[col] = h
    for col in SPECS[table].key:
        if col not in columns:
            problems.add("missing_column", file=file, sheet=sheet, row=header_row,
                         column=column_label(table, col, problems.lang))
            ok = False
    if not ok:
        return None
    if not len(body):
        problems.add("no_rows", file=file, sheet=sheet, row=header_row)
        return None
    frame = pd.DataFrame({col: body.iloc[:, pos].to_numpy() for col, pos in columns.items()}, dtype=object)
    return Source(file, sheet, table, frame, rows, headers, header_row)


def clean_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as stripped text (pandas' Arrow-backed ``str``); empty or blank cells become missing."""
    out = {}
    for col in frame.columns:
        text = frame[col].astype("str").str.strip()
        out[col] = text.where(text != "")
    return pd.DataFrame(out, index=frame.index)


def frame_source(table: str, frame: pd.DataFrame, *, file: str | None = None, first_row: int = 2) -> Source:
    """Rows already in canonical columns (tests, the demo loader, the editor) as a :class:`Source`."""
    text = as_text(frame)
    return Source(file or f"{table}.csv", "", table, text, np.arange(first_row, first_row + len(frame)),
                  {c: c for c in frame.columns}, first_row - 1)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed cells (numbers, booleans, dates) as the text a file would hold; missing stays None."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_bool_dtype(s):
            text = s.map({True: "true", False: "false"})
        elif pd.api.types.is_numeric_dtype(s):
            text = _number_text(s.astype(float))
        else:
            obj = s.astype(object)
            text = obj.map(lambda v: v if isinstance(v, str) else _cell_text(v) if not _isna(v) else None)
        out[col] = text.astype(object).where(s.notna(), None)
    return clean_text(pd.DataFrame(out, index=frame.index))


def _isna(v: object) -> bool:
    try:
        return bool(pd.isna(v))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _number_text(x: pd.Series) -> pd.Series:
    """Numbers as short text: whole numbers without ``.0``."""
    out = x.astype(str).astype(object)
    whole = x.notna() & np.isfinite(x) & (x % 1 == 0) & (x.abs() < 1e15)
    out[whole] = x[whole].astype("int64").astype(str)
    return out.where(x.notna(), None)


_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
