"""Widgets without Streamlit's own English on a Chinese screen: no "Select all" in a multiselect, a
placeholder in the session's language, dates written 2026-12-05, and the date input's "yyyy/mm/dd"
mask hidden (its label says how to write a date). Pages call these instead of ``st.multiselect`` and
``st.date_input``; what the widget does not let us change (the calendar's month names, "No results"
when a search finds nothing) stays as Streamlit draws it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

import streamlit as st

from ui.session import tr

T = TypeVar("T")
DATE_FORMAT = "YYYY-MM-DD"  # as dates are written in Chinese documents, and as the tables show them

# The date input shows an English mask ("yyyy/mm/dd") while empty: hidden; the label carries the format.
WIDGET_CSS = """<style>
[data-testid="stDateInput"] input::placeholder { color: transparent; }
</style>"""


def multiselect(label: str, options: Sequence[T], *, where: Any = st, **kwargs: Any) -> list[T]:
    """``st.multiselect`` (in ``where``: a column, the sidebar …) without the English "Select all" entry,
    with a placeholder in the session's language unless one is given."""
    kwargs.setdefault("placeholder", tr("common.choose"))
    return where.multiselect(label, options, select_all=False, **kwargs)  # type: ignore[no-any-return]


def date_input(label: str, value: Any = "today", *, where: Any = st,
               **kwargs: Any) -> dt.date | tuple[dt.date, ...] | None:
    """``st.date_input`` (in ``where``) showing dates as 2026-12-05."""
    return where.date_input(label, value, format=DATE_FORMAT, **kwargs)  # type: ignore[no-any-return]
