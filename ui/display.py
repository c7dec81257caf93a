"""How pages show things: the page header, exhibits (chart, sentence, downloads) and read-only tables."""
from __future__ import annotations

import copy
import functools
import weakref

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.files import admin
from core.sharing import export
from core.views.cells import column_decimals, for_display
from core.views.exhibits import Exhibit, plain_figure
from ui.session import lang, plain, tr
from ui.sharing import downloads
from ui.widgets import WIDGET_CSS

# Layouts that hold on a projector (1280×720, 1366×768): key figures shrink with the window instead of
# being cut off with "…" (with the window, and with the tile's own width when six share a row), and their
# labels wrap.
_PROJECTOR_CSS = """<style>
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"] > div { font-size: clamp(0.9rem, min(1.9vw, 13cqw), 2.1rem); white-space: nowrap;
  overflow: visible; text-overflow: clip; }
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div { white-space: normal; overflow: visible;
  text-overflow: clip; line-height: 1.25; }
[data-testid="stMetricValue"] { overflow: visible; }
</style>"""


def page_header(title_key: str, caption: str | None = None) -> None:
    """The page title, an optional caption, the synthetic-data notice when showing the demo, and
    the outcome of a change made on the previous run (see :func:`ui.store.write`)."""
    st.html(_PROJECTOR_CSS + WIDGET_CSS)
    st.title(tr(title_key))
    st.session_state["_page_title"] = tr(title_key)  # names the files this page's charts download as
    if caption:
        st.caption(caption)
    if st.session_state.get("_dataset") in admin.SYNTHETIC_DATASETS:
        st.info(tr("demo.notice"), icon=":material/science:")
    done = st.session_state.pop("_done", None)
    if done:
        st.success(plain(done), icon=":material/check_circle:")  # it may name what was saved


def chart(fig: go.Figure, name: str, *, scenario: str | None = None, ex: Exhibit | None = None) -> None:
    """Show a figure built by :mod:`core.views`, full width, with its downloads (PNG, SVG, HTML) below.

    Downloaded files are named ``page-name[-scenario]-date.ext``.
    """
    stem = export.file_stem(st.session_state.get("_page_title"), name, scenario)
    # no plotly toolbar: it sat over the titles; the Download menu below does its work (drag zooms, a double
    # click resets)
    config = {"displaylogo": False, "displayModeBar": False, "toImageButtonOptions": {"filename": stem, "scale": 2}}
    st.plotly_chart(plain_figure(fig), theme=None, key=f"chart-{name}", config=config)
    downloads(fig, name, stem, ex)


def exhibit(ex: Exhibit, *, scenario: str | None = None) -> None:
    """Show an exhibit: its takeaway in bold, then the chart with its downloads (and its data as Excel)."""
    st.markdown(f"**{plain(ex.takeaway)}**")  # takeaways name buildings and vendors: shown as text
    chart(ex.figure, ex.key, scenario=scenario, ex=ex)


def exhibit_tabs(key: str, tabs: list[tuple[str, Exhibit, str | None]], *, scenario: str | None = None) -> None:
    """Exhibits one at a time, a tab each (label, exhibit, caption below it or None): only the open tab is
    drawn, so a page of many charts opens as fast as one of few and reads one chart at a time."""
    for tab, (_label, ex, caption) in zip(st.tabs([t[0] for t in tabs], key=key, on_change="rerun"), tabs):
        if tab.open:
            with tab:
                exhibit(ex, scenario=scenario)
                if caption:
                    st.caption(caption)


_FIGURE = r"[+-]?[\d,.]+%?|—|"


def table(df: pd.DataFrame, *, height: int | str = "auto", key: str | None = None,
          trend_range: tuple[float, float] = (50, 100)) -> None:
    """Show a read-only table built by core, without its index: columns of lists drawn as sparklines
    (on ``trend_range``); decimal columns with thousands separators and the decimals the view rounded
    them to (:func:`core.views.cells.column_decimals`: the figure the chart beside shows); columns of pre-formatted figures ("1,234", "5.2%",
    "—") right-aligned like numbers; columns of long text given room; short tables shown whole."""
    df, config = _prepared(df, trend_range)
    if height == "auto" and len(df) <= 15:  # a short table shows every row, no scrolling
        height = 35 * (len(df) + 1) + 3
    st.dataframe(df, hide_index=True, column_config=copy.deepcopy(config), height=height, key=key)  # type: ignore[arg-type]


# Tables a page shows are mostly the shared results of ui.cached views: prepared once per frame and language,
# not on every rerun of every session (a weak reference tells a frame that still lives from a new one at its id).
_PREPARED: dict[tuple[int, str, tuple[float, float]], tuple[weakref.ref[pd.DataFrame], pd.DataFrame, dict[str, object]]] = {}


def _prepared(frame: pd.DataFrame, trend_range: tuple[float, float]) -> tuple[pd.DataFrame, dict[str, object]]:
    key = (id(frame), lang(), trend_range)
    hit = _PREPARED.get(key)
    if hit is not None and hit[0]() is frame:
        return hit[1], hit[2]
    df = for_display(frame, lang())  # 是/否, "—", never −0
    config: dict[str, object] = {}
    for col in df.columns:
        values = df[col]
        if len(values) and values.map(lambda x: isinstance(x, list)).any():
            config[col] = st.column_config.LineChartColumn(col, y_min=trend_range[0], y_max=trend_range[1])
        elif pd.api.types.is_float_dtype(values):  # the decimals the view rounded to, as in the chart and the pack
            config[col] = st.column_config.NumberColumn(format=f"%,.{column_decimals(values)}f")
        elif not pd.api.types.is_numeric_dtype(values) and len(values):
            text = values.astype(object).where(values.notna(), "").astype(str)  # pandas 3 keeps NaN in astype(str)
            if text.str.fullmatch(_FIGURE).all():
                config[col] = st.column_config.TextColumn(alignment="right")
            elif (longest := int(text.map(display_width).max())) > 12:  # room even when the first rows are empty
                config[col] = st.column_config.TextColumn(width="large" if longest > 30 else "medium")
    _PREPARED[key] = (weakref.ref(frame, functools.partial(_forget, key)), df, config)
    return df, config


def _forget(key: tuple[int, str, tuple[float, float]], ref: weakref.ref[pd.DataFrame]) -> None:
    """A shown frame is gone: so is what was prepared from it (unless its id now names another frame)."""
    hit = _PREPARED.get(key)
    if hit is not None and hit[0] is ref:
        _PREPARED.pop(key, None)


def display_width(text: str) -> int:
    """Width of a text in Latin characters: a Chinese character takes two."""
    return sum(2 if ch >= "\u3000" else 1 for ch in text)
