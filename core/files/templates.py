"""Import templates: a workbook a clerk fills in, and the conventions it follows written down.

The XLSX template has the table's sheet (headers in the chosen language, a drop-down list on every
enumerated and yes/no column), an example sheet (filled in, never imported: the importer skips it by
name), a notes sheet (what each column holds, the conventions, the Bureau's synonyms) and a hidden
sheet with the drop-down lists. The CSV template is the header row alone.
"""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from core.files.writers import display_frame, example_row, to_csv
from core.i18n import join, labels, t
from core.store.layout import (
    BOUNDS,
    SPECS,
    TEMPLATE_SHEETS,
    column_kind,
    column_label,
    column_limit,
    default_of,
    enum_group,
    table_label,
)
from core.store.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_MB, MAX_ROWS
from core.store.text import neutralise
from core.store.wording import CLEAR_MARKERS, synonym_rows

VALIDATED_ROWS = MAX_ROWS + 1  # the drop-down lists reach as far as a sheet may


def _sheet_name(kind: str, lang: str) -> str:
    zh, en = TEMPLATE_SHEETS[kind]
    return zh if lang == "zh" else en


def _choices(table: str, column: str, lang: str) -> list[str] | None:
    """The values a drop-down offers for a column (enum names, yes/no), or None for free entry."""
    kind = column_kind(table, column)
    group = enum_group(kind)
    if group:
        return list(labels(group, lang).values()) if lang == "zh" else list(labels(group, "en"))
    if kind is bool:
        return [t("data.bool.true", lang), t("data.bool.false", lang)]
    return None


def _what(table: str, column: str, lang: str) -> str:
    """What a column holds, in words: its kind, unit bounds or allowed values."""
    kind = column_kind(table, column)
    choices = _choices(table, column, lang)
    if choices:
        return t("data.template.kind.choice", lang, values=join(choices, lang))
    if kind is dt.date:
        return t("data.template.kind.date", lang)
    if kind in (int, float):
        bound = BOUNDS.get(column)
        text = t("data.template.kind.whole" if kind is int else "data.template.kind.number", lang)
        if bound is not None and bound.low is not None:
            text += t("data.template.kind.range", lang, low=f"{bound.low:g}",
                      high="" if bound.high is None else f"{bound.high:g}")
        return text
    return t("data.template.kind.text", lang, n=min(column_limit(table, column), MAX_CELL_CHARS))


def notes_rows(table: str, lang: str) -> list[tuple[str, str, str]]:
    """The notes sheet as (first, second, third) cells: conventions, each column, the synonyms."""
    rows: list[tuple[str, str, str]] = [(t("data.template.title", lang, table=table_label(table, lang)), "", "")]
    rows += [(t(f"data.template.rule.{k}", lang, clear=CLEAR_MARKERS[0] if lang == "zh" else CLEAR_MARKERS[1],
                 example=_sheet_name("example", lang), mb=MAX_FILE_MB, rows=f"{MAX_ROWS:,}",
                 columns=MAX_COLUMNS), "", "")
             for k in ("key", "blank", "clear", "dates", "digits", "formula", "example", "limits")]
    if table == "cost_records":
        rows.append((t("data.template.rule.month", lang), "", ""))
    rows.append(("", "", ""))
    rows.append((t("data.template.col.column", lang), t("data.template.col.required", lang),
                 t("data.template.col.what", lang)))
    for col in SPECS[table].columns:
        required = not default_of(table, col)[0]
        key = col in SPECS[table].key
        need = t("data.template.key" if key else ("data.template.required" if required else "data.template.optional"),
                 lang)
        rows.append((column_label(table, col, lang), need, _what(table, col, lang)))
    groups = {g for c in SPECS[table].columns if (g := enum_group(column_kind(table, c)))}
    synonyms = synonym_rows(lang, groups)
    if synonyms:
        rows.append(("", "", ""))
        rows.append((t("data.template.synonyms", lang), "", ""))
        rows.append((t("data.template.col.column", lang), t("data.template.col.word", lang),
                     t("data.template.col.means", lang)))
        rows += synonyms
    return rows


def template(table: str, lang: str, fmt: str) -> bytes:
    """An import template for ``table`` in ``lang``: ``fmt`` ``xlsx`` (table sheet with drop-down lists,
    example, notes) or ``csv`` (the header row)."""
    columns = list(SPECS[table].columns)
    headers = [column_label(table, c, lang) if lang == "zh" else c for c in columns]
    if fmt == "csv":
        return to_csv(pd.DataFrame(columns=headers))
    return _workbook(table, lang, headers)


def _workbook(table: str, lang: str, headers: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = list(SPECS[table].columns)
    bold = Font(bold=True)
    wb = Workbook()
    ws = wb.active
    ws.title = (table_label(table, lang) if lang == "zh" else table)[:31]
    ws.append(headers)
    for i, h in enumerate(headers, start=1):
        ws.cell(row=1, column=i).font = bold
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, 2 * len(h) + 4))
    ws.freeze_panes = "A2"

    lists = wb.create_sheet(_sheet_name("lists", lang))
    lists.sheet_state = "hidden"
    n = 0
    for i, col in enumerate(columns, start=1):
        choices = _choices(table, col, lang)
        if not choices:
            continue
        n += 1
        letter = get_column_letter(n)
        lists.cell(row=1, column=n, value=headers[i - 1])
        for r, value in enumerate(choices, start=2):
            lists.cell(row=r, column=n, value=value)
        source = f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${len(choices) + 1}"
        rule = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                              errorTitle=t("data.template.invalid_title", lang),
                              error=t("data.template.invalid", lang, values=join(choices, lang)))
        target = get_column_letter(i)
        rule.add(f"{target}2:{target}{VALIDATED_ROWS}")
        ws.add_data_validation(rule)

    example = wb.create_sheet(_sheet_name("example", lang), 1)
    shown = display_frame(_typed(table, example_row(table)), table, lang)
    example.append(headers)
    for i in range(1, len(headers) + 1):
        example.cell(row=1, column=i).font = bold
    for row in shown.astype(object).where(shown.notna(), None).itertuples(index=False, name=None):
        example.append([neutralise(v) if isinstance(v, str) else v for v in row])

    notes = wb.create_sheet(_sheet_name("notes", lang), 2)
    for row in notes_rows(table, lang):
        notes.append([neutralise(v) for v in row])
    notes.cell(row=1, column=1).font = Font(bold=True, size=13)
    notes.column_dimensions["A"].width = 30
    notes.column_dimensions["B"].width = 24
    notes.column_dimensions["C"].width = 70
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _typed(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells of a shipped CSV as the values a workbook holds (numbers as numbers, yes/no as booleans)."""
    out = frame.copy()
    for col in out.columns:
        kind = column_kind(table, col)
        if kind in (int, float):
            out[col] = pd.to_numeric(out[col])
        elif kind is bool:
            out[col] = out[col].map(lambda v: None if not isinstance(v, str) else v.lower() == "true")
    return out
