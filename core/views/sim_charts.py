"""Charts of the consolidation simulator and the scenario comparison (整合模拟, 方案比较), on the shared template."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.i18n import t
from core.views.charts import ACCENT, GRID, INK, NEGATIVE, POSITIVE, base_figure, wrap

# --- Consolidation and Scenarios (整合模拟, 方案比较) ------------------------------------------------
SCENARIO_COLORS: tuple[str, ...] = ("#1f4e8c", "#d9822b", "#3a9e8f", "#8e6fb8")  # up to four scenarios
# one colour per lever, in the levers' order (core.simulation.levers.LEVERS), on every chart
LEVER_COLORS: dict[str, str] = {
    "conversion": "#1f4e8c", "unified_management": "#3a9e8f", "fee_cap": "#d9822b", "staffing_standard": "#8e6fb8",
    "bundling": "#5b8fd9", "staff_pooling": "#b5651d", "energy": "#6aa84f", "quality_gate": "#c4573a",
}
TYPE_COLORS: dict[str, str] = {"established": "#1f4e8c", "contract": "#d9822b", "dispatched": "#8fb0d9"}
FAN_BLUE = "47,109,181"  # ACCENT as r,g,b for the fan's translucent bands


def wan_axis(lang: str) -> dict[str, object]:
    """A money axis in 万元 with its title."""
    return {"title": {"text": t("common.cost", lang)}, "tickformat": ",.0f"}


def savings_waterfall(steps: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Each lever's annual saving stacking up to the total [万元], levers down the side (long names
    stay readable in a narrow column). ``steps``: ``name``, ``saving`` [CNY/yr]."""
    names = [wrap(n, 18 if lang == "zh" else 22) for n in steps["name"]] + [t("sim.waterfall.total", lang)]
    values = [*(steps["saving"] / 1e4), float(steps["saving"].sum()) / 1e4]
    fig = base_figure(title, height=max(300, 130 + 44 * len(values)))
    fig.add_trace(go.Waterfall(
        y=names, x=values, orientation="h", measure=["relative"] * len(steps) + ["total"],
        text=[f"{v:+,.1f}" for v in values[:-1]] + [f"{values[-1]:,.1f}"], textposition="outside", cliponaxis=False,
        connector={"line": {"color": "#c7ccd1"}}, increasing={"marker": {"color": POSITIVE}},
        decreasing={"marker": {"color": NEGATIVE}}, totals={"marker": {"color": ACCENT}},
        hovertemplate="%{y}: %{x:,.1f} " + t("unit.wan_yr", lang) + "<extra></extra>",
    ))
    top = max([0.0, *values])
    fig.update_layout(showlegend=False, yaxis={"autorange": "reversed"}, margin={"r": 40},
                      xaxis={"title": {"text": t("sim.axis.saving_wan", lang)}, "tickformat": ",.0f",
                             "range": [min(0.0, *values) * 1.15, top * 1.15 or 1]})
    return fig


def cost_paths(paths: pd.DataFrame, lang: str, history: pd.DataFrame | None = None) -> go.Figure:
    """The scope's full cost per year without and with the scenario (transition costs included) [万元],
    after its recorded history. ``paths``: ``year``, ``baseline``, ``scenario`` [CNY], the first row the
    base year (recorded); ``history``: ``year``, ``cost`` [CNY], the ledger's years."""
    fig = base_figure(t("sim.paths.title", lang), height=360)
    if history is not None and len(history):
        fig.add_scatter(x=history["year"], y=history["cost"] / 1e4, mode="lines+markers", name=t("plans.paths.history", lang),
                        line={"color": INK, "width": 2}, marker={"size": 5},
                        hovertemplate="%{x}: %{y:,.0f} " + t("unit.wan", lang) + "<extra>%{fullData.name}</extra>")
    y = paths["year"]
    fig.add_scatter(x=y, y=paths["baseline"] / 1e4, mode="lines+markers", name=t("sim.paths.baseline", lang),
                    line={"color": "#7b8794", "width": 2.5, "dash": "dot"},
                    hovertemplate="%{x}: %{y:,.0f} " + t("unit.wan", lang) + "<extra>%{fullData.name}</extra>")
    fig.add_scatter(x=y, y=paths["scenario"] / 1e4, mode="lines+markers", name=t("sim.paths.scenario", lang),
                    line={"color": ACCENT, "width": 3}, fill="tonexty", fillcolor="rgba(58,158,143,0.15)",
                    hovertemplate="%{x}: %{y:,.0f} " + t("unit.wan", lang) + "<extra>%{fullData.name}</extra>")
    fig.update_layout(xaxis={"dtick": 1}, yaxis=wan_axis(lang))
    return fig


def saving_fan(fan: pd.DataFrame, lang: str) -> go.Figure:
    """Net saving per year: P10–P90 and P25–P75 bands around the median [万元].
    ``fan``: ``year``, ``p10``, ``p25``, ``p50``, ``p75``, ``p90`` [CNY]."""
    fig = base_figure(t("sim.fan.title", lang), height=360)
    x = fan["year"].tolist()
    for lo, hi, alpha, key in (("p10", "p90", 0.15, "sim.fan.p10_p90"), ("p25", "p75", 0.30, "sim.fan.p25_p75")):
        fig.add_scatter(x=x + x[::-1], y=[*(fan[hi] / 1e4), *(fan[lo] / 1e4)[::-1]], fill="toself", mode="lines",
                        line={"width": 0}, fillcolor=f"rgba({FAN_BLUE},{alpha})", name=t(key, lang), hoverinfo="skip")
    fig.add_scatter(x=x, y=fan["p50"] / 1e4, mode="lines+markers", name=t("sim.fan.p50", lang),
                    line={"color": ACCENT, "width": 3}, customdata=fan[["p10", "p90"]] / 1e4,
                    hovertemplate="%{x}: %{y:,.1f} (%{customdata[0]:,.1f} – %{customdata[1]:,.1f}) "
                    + t("unit.wan", lang) + "<extra></extra>")
    fig.add_hline(y=0, line={"color": "#9aa3ad", "width": 1})
    fig.update_layout(xaxis={"dtick": 1}, yaxis={"title": {"text": t("sim.axis.net_wan", lang)}, "tickformat": ",.0f"})
    return fig


def npv_distribution(hist: pd.DataFrame, marks: dict[str, float | None], lang: str) -> go.Figure:
    """The distribution of the NPV saving over the draws as bars [万元], with P10, P50, P90 and the
    hurdle marked. ``hist``: ``low``, ``high``, ``count``; ``marks``: p10, p50, p90, hurdle [CNY]."""
    fig = base_figure(t("sim.npv.title", lang), height=360)
    mid = (hist["low"] + hist["high"]) / 2e4
    share = hist["count"] / max(1, int(hist["count"].sum()))
    fig.add_bar(x=mid, y=share, width=(hist["high"] - hist["low"]) / 1e4, marker_color="#8fb0d9",
                marker_line={"width": 0}, showlegend=False,
                customdata=hist[["low", "high"]] / 1e4,
                hovertemplate="%{customdata[0]:,.0f} – %{customdata[1]:,.0f} " + t("unit.wan", lang)
                + ": %{y:.1%}<extra></extra>")
    lo, hi = float(hist["low"].min()) / 1e4, float(hist["high"].max()) / 1e4
    pad = max(hi - lo, 1e-9) * 0.08
    lines = (("p10", "#52606d", "dot"), ("p50", ACCENT, "solid"), ("p90", "#52606d", "dot"), ("hurdle", NEGATIVE, "dash"))
    for i, (key, color, dash) in enumerate(lines):
        value = marks.get(key)
        if value is None or pd.isna(value):
            continue
        x = value / 1e4
        text = t(f"sim.npv.{key}", lang, v=f"{x:,.0f}")
        if not lo - pad <= x <= hi + pad:  # far off the distribution (a hurdle well below it): point to it
            left = x < lo
            fig.add_annotation(x=0 if left else 1, xref="paper", y=0.55, yref="paper", showarrow=False,
                               xanchor="left" if left else "right", text=("← " + text) if left else (text + " →"),
                               font={"size": 11, "color": color}, bgcolor="rgba(255,255,255,0.85)")
            continue
        fig.add_vline(x=x, line={"color": color, "dash": dash, "width": 2 if key in ("p50", "hurdle") else 1.5})
        fig.add_annotation(x=x, y=1.0 - 0.09 * (i % 2), yref="paper", yanchor="bottom", showarrow=False, text=text,
                           font={"size": 11, "color": color}, bgcolor="rgba(255,255,255,0.8)")
    fig.update_layout(bargap=0.02, margin={"t": 90},
                      xaxis={"title": {"text": t("sim.axis.npv_wan", lang)}, "tickformat": ",.0f",
                             "range": [lo - pad, hi + pad]},
                      yaxis={"title": {"text": t("sim.axis.share_of_draws", lang)}, "tickformat": ".0%"})
    return fig


def tornado(rows: pd.DataFrame, base: float, lang: str, *, top: int = 10) -> go.Figure:
    """How the NPV saving moves when each factor goes from its P10 to its P90 (others at their
    medians), widest swing at the top [万元]. ``rows``: ``name``, ``npv_low``, ``npv_high``,
    ``low_text``, ``high_text`` (the factor's values, formatted)."""
    d = rows.head(top)
    names = [wrap(n, 24 if lang == "zh" else 30) for n in d["name"]]
    lines = max([n.count("<br>") + 1 for n in names] or [1])
    fig = base_figure(t("sim.tornado.title", lang), height=max(300, 120 + (26 + 16 * lines) * len(d)))
    for col, label_key, color, text in (("npv_low", "sim.tornado.at_p10", "#c4573a", "low_text"),
                                         ("npv_high", "sim.tornado.at_p90", "#2f6db5", "high_text")):
        fig.add_bar(y=names, x=(d[col] - base) / 1e4, base=base / 1e4, orientation="h", name=t(label_key, lang),
                    marker_color=color, text=d[text], textposition="outside", cliponaxis=False,
                    customdata=d[[col]] / 1e4,
                    hovertemplate="%{y}: %{text} → %{customdata[0]:,.0f} " + t("unit.wan", lang)
                    + "<extra>%{fullData.name}</extra>")
    fig.add_vline(x=base / 1e4, line={"color": INK, "width": 1.5})
    ends = [base / 1e4, *(d["npv_low"] / 1e4), *(d["npv_high"] / 1e4)]
    room = (max(ends) - min(ends)) * 0.15 or 1.0  # for the factor values written beyond the bars
    fig.update_layout(barmode="overlay", yaxis={"autorange": "reversed"}, margin={"t": 90, "r": 20},
                      xaxis={"title": {"text": t("sim.axis.npv_wan", lang)}, "tickformat": ",.0f",
                             "range": [min(ends) - room, max(ends) + room]}, bargap=0.35)
    return fig


def scenario_distributions(hists: list[tuple[str, pd.DataFrame]], lang: str) -> go.Figure:
    """The NPV saving of each scenario as an outline histogram on shared bins [万元], medians marked.
    ``hists``: (scenario name, frame of ``low``, ``high``, ``share``, with ``p50`` in ``attrs``)."""
    fig = base_figure(t("sim.compare.dist_title", lang), height=380)
    for i, (name, h) in enumerate(hists):
        color = SCENARIO_COLORS[i % len(SCENARIO_COLORS)]
        x = [*h["low"] / 1e4, float(h["high"].iloc[-1]) / 1e4] if len(h) else []
        y = [*h["share"], 0.0] if len(h) else []
        fig.add_scatter(x=x, y=y, mode="lines", line={"shape": "hv", "color": color, "width": 2.5}, name=name,
                        fill="tozeroy", fillcolor=_rgba(color, 0.12),
                        hovertemplate="%{x:,.0f} " + t("unit.wan", lang) + ": %{y:.1%}<extra>" + name + "</extra>")
        p50 = h.attrs.get("p50")
        if p50 is not None:
            fig.add_vline(x=p50 / 1e4, line={"color": color, "dash": "dot", "width": 1.5})
    fig.add_vline(x=0, line={"color": "#9aa3ad", "width": 1})
    fig.update_layout(xaxis={"title": {"text": t("sim.axis.npv_wan", lang)}, "tickformat": ",.0f"},
                      yaxis={"title": {"text": t("sim.axis.share_of_draws", lang)}, "tickformat": ".0%"})
    return fig


def scenario_levers(table: pd.DataFrame, lang: str) -> go.Figure:
    """Each lever's annual saving in each scenario, side by side [万元]. ``table``: ``lever`` (name),
    ``scenario``, ``saving`` [CNY/yr]; levers in order, scenarios in order."""
    fig = base_figure(t("sim.compare.levers_title", lang), height=max(320, 120 + 30 * table["lever"].nunique()))
    for i, (name, d) in enumerate(table.groupby("scenario", sort=False)):
        fig.add_bar(y=[wrap(x, 14) for x in d["lever"]], x=d["saving"] / 1e4, orientation="h", name=str(name),
                    marker_color=SCENARIO_COLORS[i % len(SCENARIO_COLORS)],
                    hovertemplate="%{y}: %{x:,.1f} " + t("unit.wan_yr", lang) + "<extra>%{fullData.name}</extra>")
    fig.update_layout(barmode="group", yaxis={"autorange": "reversed"},
                      xaxis={"title": {"text": t("sim.axis.saving_wan", lang)}, "tickformat": ",.0f"})
    return fig


def scenario_paths(paths: pd.DataFrame, lang: str) -> go.Figure:
    """The median net saving per year of each scenario [万元]. ``paths``: ``scenario``, ``year``, ``p50``."""
    fig = base_figure(t("sim.compare.paths_title", lang), height=340)
    for i, (name, d) in enumerate(paths.groupby("scenario", sort=False)):
        fig.add_scatter(x=d["year"], y=d["p50"] / 1e4, mode="lines+markers", name=str(name),
                        line={"color": SCENARIO_COLORS[i % len(SCENARIO_COLORS)], "width": 3},
                        hovertemplate="%{x}: %{y:,.1f} " + t("unit.wan", lang) + "<extra>%{fullData.name}</extra>")
    fig.add_hline(y=0, line={"color": "#9aa3ad", "width": 1})
    fig.update_layout(xaxis={"dtick": 1}, yaxis={"title": {"text": t("sim.axis.net_wan", lang)}, "tickformat": ",.0f"})
    return fig


def figures_table(table: pd.DataFrame, title: str) -> go.Figure:
    """A table of formatted figures as a chart (for slides and the PDF), first column left-aligned."""
    cells = [[wrap(str(v), 30) for v in table[c]] for c in table.columns]  # long text on several lines
    lines = sum(max(col[i].count("<br>") for col in cells) + 1 for i in range(len(table)))
    fig = base_figure(title, height=max(260, 110 + 30 * lines + 4 * len(table)))
    fig.add_table(
        header={"values": [f"<b>{c}</b>" for c in table.columns], "fill_color": "#eef2f6", "align": "left",
                "font": {"size": 13}, "height": 32},
        cells={"values": cells, "align": ["left"] + ["right"] * (len(table.columns) - 1),
               "fill_color": "white", "line_color": GRID, "font": {"size": 13}, "height": 30},
        columnwidth=[1.5] + [1] * (len(table.columns) - 1))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return fig


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def schedule(stacks: pd.DataFrame, totals: pd.DataFrame, lang: str) -> go.Figure:
    """Each year's saving stacked by lever [万元], with the total's P10–P90 as a whisker and one-time
    costs as a bar below zero. ``stacks``: ``year``, ``lever``, ``name``, ``saving`` [CNY]; ``totals``:
    ``year``, ``p10``, ``p50``, ``p90``, ``one_time`` [CNY]."""
    fig = base_figure(t("plans.schedule.title", lang), height=400)
    for (lever, name), d in stacks.groupby(["lever", "name"], sort=False):
        fig.add_bar(x=d["year"].tolist(), y=(d["saving"] / 1e4).tolist(), name=str(name),
                    marker_color=LEVER_COLORS.get(str(lever), ACCENT),
                    hovertemplate="%{x}: %{y:,.1f} " + t("unit.wan", lang) + "<extra>%{fullData.name}</extra>")
    if len(totals):
        fig.add_bar(x=totals["year"].tolist(), y=(-totals["one_time"] / 1e4).tolist(), name=t("plans.schedule.one_time", lang),
                    marker_color="#9aa3ad", hovertemplate="%{x}: %{y:,.1f} " + t("unit.wan", lang) + "<extra>%{fullData.name}</extra>")
        fig.add_scatter(x=totals["year"], y=totals["p50"] / 1e4, mode="markers", name=t("plans.schedule.range", lang),
                        marker={"color": INK, "size": 8, "symbol": "diamond"},
                        error_y={"type": "data", "symmetric": False, "array": (totals["p90"] - totals["p50"]) / 1e4,
                                 "arrayminus": (totals["p50"] - totals["p10"]) / 1e4, "color": INK, "thickness": 1.5},
                        customdata=totals[["p10", "p90"]] / 1e4,
                        hovertemplate="%{x}: %{y:,.1f} (%{customdata[0]:,.1f} – %{customdata[1]:,.1f}) "
                        + t("unit.wan", lang) + "<extra>%{fullData.name}</extra>")
    fig.add_hline(y=0, line={"color": "#9aa3ad", "width": 1})
    fig.update_layout(barmode="relative", xaxis={"dtick": 1},
                      yaxis={"title": {"text": t("plans.axis.saving_wan", lang)}, "tickformat": ",.0f"})
    return fig


def people(frame: pd.DataFrame, lang: str) -> go.Figure:
    """People released each year, stacked by employment type [persons]. ``frame``: ``year`` and one column
    per type (core.simulation.people.TYPES)."""
    fig = base_figure(t("plans.people.title", lang), height=340)
    for key, color in TYPE_COLORS.items():
        fig.add_bar(x=frame["year"].tolist(), y=frame[key].tolist(), name=t(f"plans.type.{key}", lang), marker_color=color,
                    hovertemplate="%{x}: %{y:,.1f} " + t("plans.unit.persons", lang) + "<extra>%{fullData.name}</extra>")
    fig.update_layout(barmode="stack", xaxis={"dtick": 1},
                      yaxis={"title": {"text": t("plans.axis.persons", lang)}, "tickformat": ",.1f"})
    return fig
