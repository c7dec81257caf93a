"""An exhibit is one chart as it travels: on a page, as a PNG/SVG/HTML download, on a slide, in the
meeting pack's PDF, and as a sheet of the Excel workbook.

Analysis modules return exhibits built from their results; pages show them with
:func:`ui.exhibit`, and the meeting pack collects the same objects, so what leaders see on screen
and what they take away are the same figures with the same words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# Plotly reads a little HTML in every text of a chart (labels, ticks, legends, hovers): these tags are
# ours (line breaks, bold, superscripts, the hover's <extra>); any other "<" (a link, a styled span in a
# stored name) is shown as the character it is.
_OUR_TAGS = r"(?:br|/?b|/?i|/?sup|/?sub|/?extra)\s*/?>"
_LIVE = re.compile(f"<(?!{_OUR_TAGS})", re.IGNORECASE)


def _plain(value: Any) -> tuple[Any, bool]:
    """A figure's JSON value with every "<" that does not open one of our tags escaped; and whether
    anything changed (only changed parts are rebuilt)."""
    if isinstance(value, str):
        out = _LIVE.sub("&lt;", value) if "<" in value else value
        return out, out is not value
    if isinstance(value, dict):
        changed = False
        new = {}
        for k, v in value.items():
            new[k], c = _plain(v)
            changed |= c
        return (new if changed else value), changed
    if isinstance(value, list | tuple) or (isinstance(value, np.ndarray) and value.dtype == object):
        items = [_plain(v) for v in value]
        if any(c for _, c in items):
            return [v for v, _ in items], True
        return value, False
    return value, False


def plain_figure(fig: go.Figure) -> go.Figure:
    """The figure with no live HTML in any of its texts: a stored name such as
    ``<a href="…">…</a>`` shows as those characters, never as a link (in place; returns ``fig``)."""
    traces = []
    rebuilt = False
    for trace in fig.data:
        data, changed = _plain(trace.to_plotly_json())
        traces.append(type(trace)(data) if changed else trace)
        rebuilt |= changed
    if rebuilt:
        fig.data = []
        fig.add_traces(traces)
    layout, changed = _plain({k: v for k, v in fig.layout.to_plotly_json().items() if k != "template"})
    if changed:
        fig.update_layout(layout, overwrite=True)
    return fig


@dataclass(frozen=True)
class Exhibit:
    """One chart with the sentence it supports and the data behind it."""

    key: str  # stable id, used in file names and sheet names: "overview-mode-mix"
    figure: go.Figure  # built by core.views.charts on the shared template
    takeaway: str  # one sentence a leader can read aloud; the slide title
    data: pd.DataFrame  # the table behind the chart, with readable column names
    key_figures: tuple[tuple[str, str], ...] = field(default=())  # two or three (label, value)

    def __post_init__(self) -> None:
        plain_figure(self.figure)  # what travels (screen, PNG, slide, PDF) carries no live HTML

    @property
    def title(self) -> str:
        """The chart's own title."""
        return str(self.figure.layout.title.text or self.key)


# --- what a page contributes to the meeting pack (会议材料) -----------------------------------------
KeyFigure = tuple[str, str]  # (label, value as a leader reads it)


@dataclass(frozen=True)
class ScenarioChoice:
    """A saved scenario chosen for the pack: its name, version and levers (as saved, JSON-decoded)."""

    name: str
    levers: dict[str, Any] = field(default_factory=dict)
    version: int = 1
    color: str = ""  # the scenario's one colour on screen, in the PDF and on slides ("" = by position)
    status: str = "draft"  # 拟稿 / 审核 / 批准


@dataclass(frozen=True)
class PackOptions:
    """What the person preparing the meeting chose, passed to every section of the pack."""

    year: int | None = None  # the year shown; None = the latest year with recorded spending
    scenarios: tuple[ScenarioChoice, ...] = ()
    briefing: tuple[tuple[str, str], ...] = ()  # the briefing's paragraphs as edited: (key, text)


@dataclass(frozen=True)
class SectionContent:
    """One page's part of the pack: its exhibits, its headline figures, and the factors it used.

    ``assumptions`` are keys of the assumption book; the pack lists them with value and source.
    """

    exhibits: tuple[Exhibit, ...]
    key_figures: tuple[KeyFigure, ...] = ()
    assumptions: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()  # what a reader must keep in mind (speaker notes, the briefing)
