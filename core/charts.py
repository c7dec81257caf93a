"""Data → plotly Figures. One template for every chart: CJK-capable fonts, the four modes always in
the same order and colours, money in 万元. Pages only display what these functions return."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.i18n import label, t
from core.modes import MODE_ORDER

FONT_FAMILY = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif'
)
MODE_COLORS: dict[str, str] = {
    "full": "#2f6db5",  # blue: everything contracted
    "partial": "#3a9e8f",  # teal: vendor staff, agency materials
    "mixed": "#e0a030",  # amber: both
    "self": "#c4573a",  # brick: in-house
}
NO_MODE_COLOR = "#9aa3ad"
INK = "#1f2933"
GRID = "#e4e7eb"
ACCENT = "#2f6db5"
POSITIVE = "#3a9e8f"
NEGATIVE = "#c4573a"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": 13, "color": INK},
        title={"font": {"size": 16}, "x": 0, "xanchor": "left", "y": 0.97},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[MODE_COLORS[m.value] for m in MODE_ORDER] + ["#7b6fb0", "#8c9aa8"],
        xaxis={"gridcolor": GRID, "zerolinecolor": "#c7ccd1", "linecolor": "#c7ccd1", "ticks": "",
               "automargin": True},
        yaxis={"gridcolor": GRID, "zerolinecolor": "#c7ccd1", "linecolor": "#c7ccd1", "ticks": "",
               "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0,
                "title": {"text": ""}, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        separators=".,",
    )
)
pio.templates["jgsw"] = TEMPLATE


def mode_order(lang: str) -> list[str]:
    """The four mode names in their fixed order, in ``lang``."""
    return [label("mode", m.value, lang) for m in MODE_ORDER]


def mode_color_map(lang: str) -> dict[str, str]:
    """Mode name (in ``lang``) → its colour."""
    return {label("mode", m.value, lang): MODE_COLORS[m.value] for m in MODE_ORDER}


def base_figure(title: str, *, height: int = 380) -> go.Figure:
    """An empty figure on the shared template."""
    fig = go.Figure()
    fig.update_layout(template=TEMPLATE, title={"text": title}, height=height)
    return fig


def mode_mix(summary: pd.DataFrame, lang: str) -> go.Figure:
    """Share of buildings, floor area and spending by mode, as three 100% bars.

    ``summary`` has one row per mode with ``mode``, ``buildings``, ``area_m2`` and ``spend``.
    """
    rows = [
        (t("chart.share_of_buildings", lang), "buildings"),
        (t("chart.share_of_area", lang), "area_m2"),
        (t("chart.share_of_cost", lang), "spend"),
    ]
    fig = base_figure(t("overview.modes.title", lang), height=300)
    s = summary.set_index("mode")
    for m in MODE_ORDER:
        if m.value not in s.index:
            continue
        shares = [float(s.at[m.value, col]) / float(summary[col].sum()) for _, col in rows]
        raw = [s.at[m.value, col] for _, col in rows]
        fig.add_bar(
            y=[r[0] for r in rows], x=shares, orientation="h", name=label("mode", m.value, lang),
            marker_color=MODE_COLORS[m.value],
            text=[f"{v:.0%}" for v in shares], textposition="inside", insidetextanchor="middle",
            customdata=[[f"{raw[0]:,.0f}"], [f"{raw[1]:,.0f} ㎡"], [f"{raw[2] / 1e4:,.0f} {t('unit.wan', lang)}"]],
            hovertemplate="%{y}: %{x:.1%} (%{customdata[0]})<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="stack", xaxis={"tickformat": ".0%", "range": [0, 1]},
                      yaxis={"autorange": "reversed"}, legend={"traceorder": "normal"})
    return fig


def spend_trend(by_mode_year: pd.DataFrame, lang: str) -> go.Figure:
    """Spending per year, stacked by mode [万元]. Columns: ``mode``, ``year``, ``spend``."""
    fig = base_figure(t("overview.trend.title", lang))
    for m in MODE_ORDER:
        d = by_mode_year.loc[by_mode_year["mode"] == m.value].sort_values("year")
        if d.empty:
            continue
        fig.add_bar(
            x=d["year"], y=d["spend"] / 1e4, name=label("mode", m.value, lang), marker_color=MODE_COLORS[m.value],
            hovertemplate="%{x}: %{y:,.0f} " + t("unit.wan", lang) + "<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="stack", yaxis={"title": {"text": t("chart.spending_wan", lang)}},
                      xaxis={"dtick": 1})
    return fig


def budget_deviation(per_year: pd.DataFrame, per_building: pd.DataFrame, lang: str) -> go.Figure:
    """Budget deviation per year: the city total as bars, each building as a dot coloured by mode.

    ``per_year``: ``year``, ``deviation``; ``per_building``: ``year``, ``building``, ``mode``,
    ``deviation`` (fractions; positive = overspent).
    """
    fig = base_figure(t("overview.budget.title", lang))
    fig.add_bar(
        x=per_year["year"], y=per_year["deviation"], name=t("chart.city_total", lang),
        marker_color=["#d98b7a" if v > 0 else "#8fb3d9" for v in per_year["deviation"]],
        hovertemplate="%{x}: %{y:+.1%}<extra></extra>", width=0.6,
    )
    for i, m in enumerate(MODE_ORDER):
        d = per_building.loc[per_building["mode"] == m.value]
        if d.empty:
            continue
        fig.add_scatter(  # each mode a little to the side, so the dots of one year do not hide each other
            x=d["year"] + (i - 1.5) * 0.13, y=d["deviation"], mode="markers", name=label("mode", m.value, lang),
            marker={"color": MODE_COLORS[m.value], "size": 8, "line": {"color": "white", "width": 1}},
            customdata=d[["building", "year"]],
            hovertemplate="%{customdata[0]} %{customdata[1]}: %{y:+.1%}<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(yaxis={"tickformat": "+.0%", "title": {"text": t("chart.deviation_pct", lang)}},
                      xaxis={"dtick": 1}, bargap=0.3)
    return fig


# --- Compare modes and Standards (模式对比, 统一标准) ------------------------------------------------


# --- Consolidation and Scenarios (整合模拟, 方案比较) ------------------------------------------------


# --- Vendors & quality (企业与质量) -----------------------------------------------------------------
