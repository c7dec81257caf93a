"""Sharing from a page: the chart renderer, each chart's downloads, and building the meeting pack."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.files import admin
from core.i18n import join
from core.sharing import export, pack
from core.simulation.levers import LeverError
from core.store.repo import Portfolio
from core.views.exhibits import Exhibit, PackOptions
from ui.session import lang, plain, tr


@st.cache_resource(show_spinner=False, on_release=lambda r: r.close())
def _renderer(browser: str) -> export.Renderer:
    return export.Renderer(browser)


def renderer() -> export.Renderer | None:
    """The process's one chart renderer (its Chromium starts on the first image asked for), or None
    when static export is impossible here (see :func:`export_missing`)."""
    browser = export.find_browser()
    if browser is None or export.missing():
        return None
    return _renderer(browser)


def export_missing() -> str | None:
    """What static export (PNG, SVG, PDF, PowerPoint) lacks here and how to install it, or None."""
    gaps = export.missing()
    if not gaps:
        return None
    return tr("sharing.missing", what=join([tr(f"sharing.missing.{g}") for g in gaps], lang(), final=True))


def downloads(fig: go.Figure, name: str, stem: str, ex: Exhibit | None = None) -> None:
    """A small "Download" popover: PNG (2×), SVG and interactive HTML of the figure, and the exhibit's
    data as Excel. Its buttons are drawn only once it is opened (a page of six charts sent 24 buttons
    with every rerun), and nothing is rendered until a button is pressed (the data are callables)."""
    pop = st.popover(tr("sharing.download"), icon=":material/download:", type="tertiary", help=tr("sharing.download_help"),
                     key=f"dl-{name}", on_change="rerun")
    if not pop.open:
        return
    r = renderer()
    problem = None if r is not None else export_missing()
    title = ex.takeaway if ex is not None else str(fig.layout.title.text or name)
    language = lang()  # the callables below run on another thread, outside this session
    with pop:
        if problem:
            st.caption(problem)
        static = [("png", "sharing.png", ":material/image:"), ("svg", "sharing.svg", ":material/polyline:")]
        for fmt, label_key, icon in static:
            st.download_button(
                tr(label_key), data=_image(r, fig, fmt) if r is not None else b"", icon=icon,
                file_name=f"{stem}.{fmt}", mime=export.MIME[fmt], on_click="ignore", disabled=r is None,
                key=f"dl-{name}-{fmt}", width="stretch")
        st.download_button(
            tr("sharing.html"), data=lambda: export.chart_html(fig, title, lang=language, takeaway=title,
                                                             data=ex.data if ex is not None else None),
            file_name=f"{stem}.html", mime=export.MIME["html"], on_click="ignore", icon=":material/code:",
            key=f"dl-{name}-html", width="stretch")
        if ex is not None:
            st.download_button(
                tr("sharing.xlsx"), data=lambda: export.table_xlsx({ex.key: ex.data}), file_name=f"{stem}.xlsx",
                mime=export.MIME["xlsx"], on_click="ignore", icon=":material/table:", key=f"dl-{name}-xlsx",
                width="stretch")


def _image(r: export.Renderer, fig: go.Figure, fmt: str) -> Callable[[], bytes]:
    return lambda: r.image(fig, fmt)


def build_pack(p: Portfolio, options: PackOptions, saved: pd.DataFrame, names: list[str], sections: list[str],
               formats: list[str], progress: Callable[[float, str], None]) -> pack.Pack | None:
    """Build the meeting pack for the scenarios ``names`` (rows of ``saved``) with this process's
    renderer; any failure shows one line and returns None."""
    try:
        options = replace(options, scenarios=pack.scenario_choices(saved, names))
        doc = pack.collect(p, lang(), options, sections, demo=st.session_state.get("_dataset") in admin.SYNTHETIC_DATASETS)
        return pack.build(doc, formats=formats, renderer=renderer(), progress=progress)
    except (export.RenderError, ValueError, KeyError) as exc:
        said = exc.text(lang()) if isinstance(exc, LeverError) else None  # in the reader's language, levers named
        msg = said or str(exc.args[0] if isinstance(exc, KeyError) and exc.args else exc).strip() or type(exc).__name__
        st.error(tr("pack.failed", msg=plain(msg.splitlines()[0])), icon=":material/error:")
    except Exception as exc:  # never a traceback on the page: log it, say what failed in one line
        logging.getLogger(__name__).exception("building the meeting pack failed")
        st.error(tr("pack.failed", msg=plain(f"{type(exc).__name__}: {exc}".splitlines()[0])), icon=":material/error:")
    return None
