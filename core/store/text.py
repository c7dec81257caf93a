"""The one text gate: how text enters the store, and how it leaves it for a spreadsheet.

Every write path (import, the editor, vendor registration and decisions, scenario saves, the name the
audit log records) passes text through the same three steps, in this order:

1. **clean** — control characters are removed (C0/C1 controls, zero-width and bidirectional marks
   that hide or reorder text; tabs and line breaks become spaces except in multi-line fields), then
   surrounding blanks are stripped. Cleaning first means ``"\\x01=HYPERLINK(…)"`` is judged as the
   ``"=HYPERLINK(…)"`` it really is.
2. **length** — at most what the model declares for the column (``max_length``), else
   :data:`core.store.limits.MAX_CELL_CHARS`; on SQLite too, which would store anything.
3. **formula** — text a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-`` or
   ``@``) is refused, with the reason.

Leaving the store, exports clean first and then neutralise: a formula-like cell gets a leading
apostrophe (OWASP CSV injection), so what a spreadsheet opens is always text.
"""
from __future__ import annotations

import re
from typing import Any

import pandas as pd
from sqlalchemy import event
from sqlmodel import Session, SQLModel

from core.store.db import Refused
from core.store.layout import HEADERS, SPECS, column_label
from core.store.limits import MAX_CELL_CHARS
from core.store.models import AdoptedPlan, AuditLog, Scenario, User, table_of

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
FORMULA_START = ("=", "+", "-", "@")  # what cleaned text may not start with (tabs and CRs are gone by then)

# C0 and C1 controls (tab, line feed and carriage return are handled apart), DEL, zero-width characters,
# bidirectional embeddings, overrides and isolates, word joiners and the byte-order mark.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_CONTROL = re.compile(f"[{_CONTROLS}]")
_BREAKS = re.compile(r"[\t\r\n]+")
_CRLF = re.compile(r"\r\n?")


def clean(value: str, *, multiline: bool = False) -> str:
    """``value`` with control characters removed and blanks stripped (line breaks kept if ``multiline``)."""
    text = _CONTROL.sub("", value)
    text = _CRLF.sub("\n", text).replace("\t", " ") if multiline else _BREAKS.sub(" ", text)
    return text.strip()


def clean_series(values: pd.Series, *, multiline: bool = False) -> pd.Series:
    """:func:`clean` for every text cell of a column (vectorised: the patterns run in Arrow, and only
    on the cells that hold something to clean; missing stays missing)."""
    text = values.astype("str")
    steps = [(_CONTROL.pattern, "")]
    steps += [(_CRLF.pattern, "\n"), ("\t", " ")] if multiline else [(_BREAKS.pattern, " ")]
    for pattern, by in steps:
        hit = text.str.contains(pattern, regex=True).fillna(False).astype(bool)
        if hit.any():
            text = text.where(~hit, text[hit].str.replace(pattern, by, regex=True))
    return text.str.strip()


def is_formula(value: str) -> bool:
    """Whether cleaned text would run as a formula in a spreadsheet."""
    return value.startswith(FORMULA_START)


def limit_of(model: type[SQLModel], field: str) -> int:
    """The most characters a text column may hold: the model's ``max_length``, else the general limit."""
    length = getattr(table_of(model).c[field].type, "length", None)
    return int(length) if length else MAX_CELL_CHARS


_TABLES: dict[type[SQLModel], str] = {Scenario: "scenarios", AuditLog: "audit_log", AdoptedPlan: "plans", User: "users"}


def _field_label(model: type[SQLModel], field: str) -> Any:
    """The column's name in either language (a function of the language, as :class:`Refused` takes)."""
    table = _TABLES.get(model) or next((n for n, s in SPECS.items() if s.model is model), None)
    if table is None or field not in HEADERS.get(table, {}):
        return field
    return lambda lang: column_label(table, field, lang)


def gate(value: str | None, *, model: type[SQLModel], field: str, multiline: bool = False) -> str:
    """Text on its way into ``model.field``: cleaned, then refused (:class:`Refused`, naming the field)
    when longer than the column allows or when a spreadsheet would run it as a formula."""
    text = clean(value or "", multiline=multiline)
    limit = limit_of(model, field)
    if len(text) > limit:
        raise Refused("text.too_long", field=_field_label(model, field), n=f"{len(text):,}", limit=limit)
    if is_formula(text):
        raise Refused("text.formula", field=_field_label(model, field), char=text[0])
    return text


def _check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    """Before any ORM flush: every text field of a new or changed row within its declared length.

    PostgreSQL refuses an over-long VARCHAR; SQLite stores it. This makes both refuse, with a message.
    """
    for row in (*session.new, *session.dirty):
        if not isinstance(row, SQLModel):
            continue
        for column in table_of(type(row)).columns:
            length = getattr(column.type, "length", None)
            value = getattr(row, column.name, None)
            if length and isinstance(value, str) and len(value) > length:
                raise Refused("text.too_long", field=_field_label(type(row), column.name), n=f"{len(value):,}",
                              limit=int(length))


event.listen(Session, "before_flush", _check_lengths)


# --- leaving the store -------------------------------------------------------------------------------
def neutralise(value: str) -> str:
    """Text as a spreadsheet may hold it: cleaned of characters a workbook cannot store, then, if it
    would run as a formula, prefixed with an apostrophe."""
    text = _CONTROL.sub("", value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell is cleaned of control characters and then, when a spreadsheet
    would run it as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first), prefixed with
    ``'`` (OWASP CSV injection). Numbers, including negative ones, are left as numbers.
    """
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col]):
            continue
        out[col] = out[col].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out


# --- file names --------------------------------------------------------------------------------------
_UNSAFE = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


def safe_part(text: str) -> str:
    """A piece of a file name: characters Windows or a shell would choke on become ``_``."""
    return _UNSAFE.sub("_", text.strip()).strip("._-")[:60]


# --- on screen -----------------------------------------------------------------------------------------
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'%@/^])")
_AUTOLINK = re.compile(r"(?<=www)(?=\.)|(?=[:@])", re.IGNORECASE)
WORD_JOINER = "\u2060"  # invisible; stops the Markdown renderer's autolinking of https://, www. and e-mail


def markdown_literal(value: object) -> str:
    """Text shown through Markdown (captions, labels, messages) exactly as it is: every character
    Markdown or Streamlit would read as syntax (links, emphasis, ``:material/…:`` icons, ``$…$``
    maths, HTML) is backslash-escaped, and an invisible word joiner keeps ``https://…``, ``www.…`` and
    e-mail addresses from being turned into links (Streamlit's renderer links them after escapes are
    undone). Line breaks become spaces. Stored names and link parameters reach the screen only so."""
    text = _BREAKS.sub(" ", _CONTROL.sub("", str(value)))
    return _MARKDOWN.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, text))
