"""An exhibit is one chart as it travels: on a page, as a PNG/SVG/HTML download, on a slide, in the
meeting pack's PDF, and as a sheet of the Excel workbook.

Analysis modules return exhibits built from their results; pages show them with
:func:`ui.exhibit`, and the meeting pack collects the same objects, so what leaders see on screen
and what they take away are the same figures with the same words.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class Exhibit:
    """One chart with the sentence it supports and the data behind it."""

    key: str  # stable id, used in file names and sheet names: "overview-mode-mix"
    figure: go.Figure  # built by core.charts on the shared template
    takeaway: str  # one sentence a leader can read aloud; the slide title
    data: pd.DataFrame  # the table behind the chart, with readable column names
    key_figures: tuple[tuple[str, str], ...] = field(default=())  # two or three (label, value)

    @property
    def title(self) -> str:
        """The chart's own title."""
        return str(self.figure.layout.title.text or self.key)
