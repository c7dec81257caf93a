"""An exhibit is one chart as it travels: on a page, as a PNG/SVG/HTML download, on a slide, in the
meeting pack's PDF, and as a sheet of the Excel workbook.

Analysis modules return exhibits built from their results; pages show them with
:func:`ui.exhibit`, and the meeting pack collects the same objects, so what leaders see on screen
and what they take away are the same figures with the same words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class Exhibit:
    """One chart with the sentence it supports and the data behind it."""

    key: str  # stable id, used in file names and sheet names: "overview-mode-mix"
    figure: go.Figure  # built by core.views.charts on the shared template
    takeaway: str  # one sentence a leader can read aloud; the slide title
    data: pd.DataFrame  # the table behind the chart, with readable column names
    key_figures: tuple[tuple[str, str], ...] = field(default=())  # two or three (label, value)

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
