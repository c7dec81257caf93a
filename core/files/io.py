"""Tables in and out as files: the natural-key layout of every table, reading CSV/XLSX, writing exports.

Files name rows by natural keys (building name, service code, vendor name …), never by database
ids. :data:`SPECS` says, per table, which columns form the key and which refer to other tables.
Reading turns an uploaded file into :class:`Source` frames of text cells with canonical column
names, recording every problem (file, sheet, row, column, value, reason) on a :class:`Problems`
collector instead of raising; :mod:`core.files.loader` validates and writes them.
"""
from __future__ import annotations

import csv
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

from core.files.problems import Problems
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
    template_sheet,
)
from core.store.limits import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_FILE_MB,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
)
from core.store.text import clean_series

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
logger = logging.getLogger(__name__)


# --- limits: what a file may be (all of them in core.store.limits; named here for the readers) -------
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


def _lines_by_encoding(data: bytes) -> tuple[list[int], list[int]]:
    """The numbers of the lines holding non-ASCII text that is valid UTF-8, and of those that are not."""
    utf8: list[int] = []
    other: list[int] = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
        except UnicodeDecodeError:
            other.append(number)
    return utf8, other


def _some_lines(numbers: list[int], lang: str) -> str:
    shown = join((str(n) for n in numbers[:5]), lang)
    return shown if len(numbers) <= 5 else t("data.problem.and_more", lang, shown=shown, n=f"{len(numbers):,}")


def _mixed(name: str, data: bytes, problems: Problems) -> bool:
    """Whether the file mixes UTF-8 lines with lines in another encoding (saved piecemeal from two
    programs); if so it is refused naming both sets of lines: read either way, half would be garbled."""
    utf8, other = _lines_by_encoding(data)
    if not (utf8 and other):
        return False
    problems.add("mixed_encoding", file=name, row=min(utf8[0], other[0]), utf8=_some_lines(utf8, problems.lang),
                 other=_some_lines(other, problems.lang))
    return True


def _decode(name: str, data: bytes, encoding: str, problems: Problems) -> str | None:
    """The file's text: BOMs win; else the chosen encoding, or UTF-8 then GB18030 when automatic.

    A file whose lines are partly UTF-8 and partly GBK is refused whatever was chosen.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        body = data[3:]
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            if _mixed(name, body, problems):
                return None
            return body.decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    wanted = "gb18030" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding.lower()
    if wanted == "auto":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if _mixed(name, data, problems):
            return None
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            problems.add("undecodable", file=name)
            return None
    try:
        text = data.decode(wanted)
    except (UnicodeDecodeError, LookupError) as exc:
        if _mixed(name, data, problems):  # a GBK file with UTF-8 lines in it fails to decode either way
            return None
        start = getattr(exc, "start", 0)
        problems.add("encoding", file=name, row=data[:start].count(b"\n") + 1, encoding=_enc_name(wanted),
                     line=data[:start].count(b"\n") + 1)
        return None
    if wanted == "gb18030" and not data.isascii():
        utf8, other = _lines_by_encoding(data)
        if utf8 and other:
            _mixed(name, data, problems)
            return None
        if utf8:  # valid UTF-8 with Chinese in it is never a GBK file that happens to decode
            problems.add("encoding_mismatch", file=name, encoding=_enc_name(wanted))
            return None
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
    # Limits before the parse: pandas sizes its buffers by the widest line and the number of lines.
    width = len(next(csv.reader([first], delimiter=sep), []))
    if width > MAX_COLUMNS:
        problems.add("too_many_columns", file=name, row=1, n=f"{width:,}", limit=f"{MAX_COLUMNS:,}")
        return None
    rows = text.count("\n") - (1 if text.endswith("\n") else 0)  # lines after the header
    if rows > MAX_ROWS:
        problems.add("too_many_rows", file=name, n=f"{rows + 1:,}", limit=f"{MAX_ROWS:,}")
        return None
    try:
        grid = _parse_csv(text, sep)
    except (pd.errors.ParserError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[0].split("C error: ")[-1]
        problems.add("csv_parse", file=name, detail=detail)
        return None
    header = grid.iloc[0].tolist()
    body = grid.iloc[1:].reset_index(drop=True)
    line_numbers = np.arange(2, len(body) + 2)
    hint = table or table_of_name(Path(name).stem)
    return _source(name, "", header, body, line_numbers, 1, hint, forced=table is not None, problems=problems)


def _parse_csv(text: str, sep: str) -> pd.DataFrame:
    """The cells of a CSV text as strings (the expensive step; limits are checked before it)."""
    return pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False, na_values=[],
                       skip_blank_lines=False, engine="c")


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


class _TooBig(Exception):
    """A sheet found, while streaming it, to hold more rows or columns than the limits allow."""

    def __init__(self, code: str, n: int, limit: int) -> None:
        super().__init__(code)
        self.code, self.n, self.limit = code, n, limit


def _sheet_rows(ws: Any) -> list[tuple[int, list[str | None]]]:
    """The non-empty rows of a read-only sheet as (row number, cells as text, trailing blanks cut),
    streamed: it stops as soon as a row lies beyond :data:`MAX_ROWS` or a cell beyond
    :data:`MAX_COLUMNS` (a sheet may say it is small and not be), so a tiny file whose one cell sits
    at XFD1048576 costs nothing."""
    ws.reset_dimensions()  # rows come as written, not padded to the size the sheet declares
    out: list[tuple[int, list[str | None]]] = []
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS + 1:  # the header and MAX_ROWS rows of data, wherever they start
            raise _TooBig("too_many_rows", number, MAX_ROWS)
        end = len(row)
        while end and (row[end - 1] is None or row[end - 1] == ""):
            end -= 1
        if not end:
            continue
        if end > MAX_COLUMNS:
            raise _TooBig("too_many_columns", end, MAX_COLUMNS)
        out.append((number, [_cell_text(v) for v in row[:end]]))
    return out


def _declared_too_big(ws: Any) -> _TooBig | None:
    """The sheet's own statement of its size (its ``<dimension>``), checked before a row is read."""
    rows, cols = ws.max_row, ws.max_column
    if rows is not None and rows > MAX_ROWS + 1:
        return _TooBig("too_many_rows", rows, MAX_ROWS)
    if cols is not None and cols > MAX_COLUMNS:
        return _TooBig("too_many_columns", cols, MAX_COLUMNS)
    return None


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
        helpers = {title for title, _ in sheets if template_sheet(title)}
        for title in sorted(helpers):  # an import template's example, notes and lists are never data
            problems.notes.append(t("data.note.template_sheet", problems.lang, file=name, sheet=title))
        sheets = [s for s in sheets if s[0] not in helpers]
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
            too_big = _declared_too_big(ws)
            try:
                if too_big is None:
                    rows = _sheet_rows(ws)
                    merged = _merged_ranges(wb, ws)
            except _TooBig as exc:
                too_big = exc
            except Exception:  # a cut-off workbook may only fail once its sheet is read
                problems.add("not_xlsx", file=name, sheet=title)
                return []
            if too_big is not None:
                problems.add(too_big.code, file=name, sheet=title, n=f"{too_big.n:,}", limit=f"{too_big.limit:,}")
                return []
            if not rows:
                if len(sheets) == 1 or hint is not None:
                    problems.add("empty", file=name, sheet=title)
                continue
            header_row = rows[0][0]
            bad = [text for text, r1, r2 in merged if r1 <= header_row <= r2]
            if bad:
                problems.add("merged_header", file=name, sheet=title, row=header_row, ranges=", ".join(bad))
                continue
            width = max(len(cells) for _, cells in rows)
            padded = [cells + [None] * (width - len(cells)) for _, cells in rows]
            body = pd.DataFrame(padded[1:], columns=range(width), dtype=object)
            numbers = np.array([number for number, _ in rows[1:]], dtype=np.int64)
            source = _source(name, title, padded[0], body, numbers, header_row, hint, forced=table is not None,
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
    """Cells as text (pandas' Arrow-backed ``str``) through the text gate's first step (control
    characters removed, line breaks as spaces, blanks stripped); cells left empty become missing."""
    out = {}
    for col in frame.columns:
        text = clean_series(frame[col])
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

