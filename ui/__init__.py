"""Shared page furniture, by concern: :mod:`ui.session` (language, frame, who acts), :mod:`ui.store`
(the store and its caches), :mod:`ui.display` (header, exhibits, tables), :mod:`ui.sharing` (downloads
and the meeting pack), and the widgets of two page families (:mod:`ui.simulator_panel`,
:mod:`ui.data_page`). Pages import this package and :mod:`core`; only this package touches
Streamlit's caches. The names below are what pages use.
"""
from ui import warm  # noqa: F401  (registers what the warming thread prepares: ui.shared.WARMER)
from ui.display import chart, exhibit, page_header, table
from ui.session import actor, ensure_frame, lang, language_picker, new_run, role, tr
from ui.sharing import build_pack, downloads, export_missing, renderer
from ui.store import (
    cached,
    computed,
    data_changed_at,
    data_version,
    derived,
    engine,
    portfolio,
    saved_scenarios,
    store_state,
    write,
)
from ui.widgets import date_input, multiselect

__all__ = [
    "actor", "build_pack", "cached", "chart", "computed", "data_changed_at", "data_version", "date_input", "derived", "downloads",
    "engine", "ensure_frame", "exhibit", "export_missing", "lang", "language_picker", "multiselect", "new_run",
    "page_header", "portfolio", "renderer",
    "role", "saved_scenarios", "store_state", "table", "tr", "write",
]
