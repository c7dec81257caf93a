"""Data → plotly Figures. One template for every chart: CJK-capable fonts, the four modes always in
the same order and colours, money in 万元. Pages only display what these functions return."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.domain.modes import MODE_ORDER
from core.i18n import label, t

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


MAX_ROWS = 40  # a chart with one row per item shows at most this many; the data behind it keeps all
DOTS_UP_TO = 200  # one dot per building up to this many buildings; beyond, boxes show the spread


def capped_title(title: str, shown: int, total: int, lang: str) -> str:
    """The title, with a subtitle saying so when a chart shows only the rows that need attention most."""
    if shown >= total:
        return title
    return f"{title}<br><sup>{t('chart.showing_top', lang, n=shown, total=f'{total:,}')}</sup>"


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
    many = per_building["building"].nunique() > DOTS_UP_TO
    for i, m in enumerate(MODE_ORDER):
        d = per_building.loc[per_building["mode"] == m.value]
        if d.empty:
            continue
        if many:  # hundreds of buildings: the spread as a box per mode and year, not a cloud of dots
            fig.add_box(x=d["year"] + (i - 1.5) * 0.13, y=d["deviation"], name=label("mode", m.value, lang),
                        marker_color=MODE_COLORS[m.value], boxpoints=False, width=0.11, line={"width": 1.2})
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


AT_ACTUAL_COLOR = "#a08c6e"  # items paid at actual (energy, repairs): not delivered in a mode


def service_spending(rows: pd.DataFrame, lang: str) -> go.Figure:
    """Spending by service item [万元], largest first, labelled with its share; items paid at actual in
    their own colour. ``rows``: :func:`core.views.overview.service_rows` (figures already rounded: the
    labels show the numbers the table beside the chart shows)."""
    fig = base_figure(t("overview.services.title", lang), height=max(320, 110 + 30 * len(rows)))
    unit = t("unit.wan", lang)
    for paid, name in ((False, t("overview.services.legend.delivered", lang)),
                       (True, t("overview.services.legend.at_actual", lang))):
        d = rows.loc[rows["paid_at_actual"] == paid]
        if d.empty:
            continue
        fig.add_bar(
            y=d["service"], x=d["spend"], orientation="h", name=name,
            marker_color=AT_ACTUAL_COLOR if paid else ACCENT,
            text=[f"{v:,.1f} · {s:.1f}%" for v, s in zip(d["spend"], d["share"])], textposition="outside",
            cliponaxis=False, customdata=d[["share", "cheapest_text"]],
            hovertemplate="%{y}: %{x:,.1f} " + unit + " (%{customdata[0]:.1f}%)<br>"
            + t("overview.services.col.cheapest", lang) + ": %{customdata[1]}<extra></extra>",
        )
    top = float(rows["spend"].max()) if len(rows) else 1.0
    fig.update_layout(barmode="overlay",  # the legend in the corner the shortest bars leave empty
                      legend={"orientation": "v", "x": 0.98, "xanchor": "right", "y": 0.02, "yanchor": "bottom",
                              "bgcolor": "rgba(255,255,255,0.85)"},
                      yaxis={"categoryorder": "array", "categoryarray": rows["service"].tolist()[::-1]},
                      xaxis={"title": {"text": t("chart.spending_wan", lang)}, "tickformat": ",.0f",
                             "range": [0, top * 1.45]})
    return fig


# --- Compare modes (模式对比); the Standards page's charts are in core.views.standards_charts ------------------------------------------------
LINE_COLORS: dict[str, str] = {  # cost lines: personnel blues, vendor margin purples, hidden costs orange
    "labour": "#4a6fa5", "on_costs": "#8fb0d9", "materials": "#6aa77f", "management_fee": "#8e6fb8",
    "tax": "#c3b1de", "energy": "#a08c6e", "repairs": "#cdbfa6", "depreciation": "#7d8a96", "indirect": "#d9822b",
}
SPREAD_MEASURES: tuple[tuple[str, str, float], ...] = (  # column, title key, scale
    ("cost_per_m2", "compare.measure.cost_per_m2", 1.0),
    ("cost_per_staff", "compare.measure.cost_per_staff", 1.0),
    ("cost_per_worker", "compare.measure.cost_per_worker", 1e-4),
    ("budget_cv", "compare.measure.budget_cv", 100.0),
)


def wrap(text: str, width: int) -> str:
    """Break a long label onto lines: English at spaces, about ``width`` characters a line; Chinese
    (no spaces, each character about twice as wide) every ``width // 3`` characters."""
    import textwrap

    if not any(ch >= "\u3000" for ch in text):
        return "<br>".join(textwrap.wrap(text, width)) or text
    n = max(2, width // 3)
    return "<br>".join(text[i:i + n] for i in range(0, len(text), n)) if len(text) > n + 1 else text


def measure_spread(measures: pd.DataFrame, lang: str) -> go.Figure:
    """Four fair measures by mode, one dot per building over a box: the spread, not only the mean.

    ``measures``: one row per building with ``mode``, ``building`` and the columns of
    :data:`SPREAD_MEASURES`.
    """
    from plotly.subplots import make_subplots

    titles = [t(key, lang) for _, key, _ in SPREAD_MEASURES]
    fig = make_subplots(rows=2, cols=2, shared_yaxes=True, subplot_titles=titles,
                        horizontal_spacing=0.06, vertical_spacing=0.16)
    fig.update_layout(template=TEMPLATE, title={"text": t("compare.spread.title", lang)}, height=560,
                      showlegend=False, margin={"t": 80})
    names = mode_order(lang)
    points = "all" if len(measures) <= DOTS_UP_TO else "outliers"  # a dot per building while they are few
    for i, (col, _key, scale) in enumerate(SPREAD_MEASURES):
        r, c = i // 2 + 1, i % 2 + 1
        for m, name in zip(MODE_ORDER, names):
            d = measures.loc[(measures["mode"] == m.value) & measures[col].notna()]
            fig.add_trace(go.Box(
                x=d[col] * scale, y=[name] * len(d), name=name, orientation="h", boxpoints=points, jitter=0.5,
                pointpos=0, marker={"color": MODE_COLORS[m.value], "size": 8, "line": {"color": "white", "width": 1}},
                line={"color": MODE_COLORS[m.value], "width": 1.5}, fillcolor="rgba(0,0,0,0)",
                hovertext=d["building"], hovertemplate="%{hovertext}: %{x:,.1f}<extra></extra>",
            ), row=r, col=c)
        fig.update_xaxes(tickformat=",.0f", rangemode="tozero", row=r, col=c)
    fig.update_yaxes(categoryorder="array", categoryarray=names[::-1])
    for a in fig.layout.annotations:  # subplot titles: left-aligned, readable
        a.update(font={"size": 13}, x=a.x - 0.2 if a.x < 0.5 else a.x - 0.23, xanchor="left")
    return fig


def cost_composition(comp: pd.DataFrame, lang: str) -> go.Figure:
    """Full cost per m² of each mode split into the cost lines, with recorded spending per m² marked.

    ``comp``: one row per mode with ``mode``, the cost lines and ``recorded`` [CNY/(m²·yr)].
    """
    from core.domain.costing import COST_LINES

    fig = base_figure(t("compare.composition.title", lang), height=360)
    names = [label("mode", m, lang) for m in comp["mode"]]
    for line in COST_LINES:
        if not (comp[line].abs() > 0.005).any():
            continue
        fig.add_bar(y=names, x=comp[line], orientation="h", name=t(f"costing.line.{line}", lang),
                    marker_color=LINE_COLORS[line],
                    hovertemplate="%{y}: %{x:,.1f} " + t("unit.yuan_m2_yr", lang) + "<extra>%{fullData.name}</extra>")
    fig.add_scatter(y=names, x=comp["recorded"], mode="markers", name=t("compare.composition.recorded", lang),
                    marker={"symbol": "line-ns", "size": 26, "color": INK, "line": {"width": 3, "color": INK}},
                    hovertemplate="%{y}: %{x:,.1f} " + t("unit.yuan_m2_yr", lang) + "<extra>%{fullData.name}</extra>")
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"},
                      xaxis={"title": {"text": t("common.cost_per_m2", lang)}, "tickformat": ",.0f"},
                      legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"})
    return fig


def mode_effects(effects: pd.DataFrame, reference: str, lang: str) -> go.Figure:
    """Each mode's cost per m² relative to the reference mode at equal size, age and tier, with 95 % CIs.

    ``effects``: ``mode``, ``effect``, ``low``, ``high`` (proportional differences).
    """
    fig = base_figure(t("compare.adjusted.title", lang, ref=label("mode", reference, lang)), height=320)
    order = {m.value: i for i, m in enumerate(MODE_ORDER)}
    e = effects.assign(_o=effects["mode"].map(order)).sort_values("_o")
    e = e.loc[e["effect"].notna()]
    names = [label("mode", m, lang) for m in e["mode"]]
    fig.add_vline(x=0, line={"color": "#9aa3ad", "dash": "dot"})
    fig.add_scatter(
        x=e["effect"], y=names, mode="markers",
        marker={"color": [MODE_COLORS.get(m, NO_MODE_COLOR) for m in e["mode"]], "size": 13,
                "symbol": ["diamond" if m == reference else "circle" for m in e["mode"]]},
        error_x={"type": "data", "symmetric": False, "array": (e["high"] - e["effect"]).fillna(0),
                 "arrayminus": (e["effect"] - e["low"]).fillna(0), "thickness": 2, "width": 6, "color": "#5b6770"},
        customdata=e[["low", "high"]].fillna(0), showlegend=False,
        hovertemplate="%{y}: %{x:+.0%} (%{customdata[0]:+.0%} … %{customdata[1]:+.0%})<extra></extra>",
    )
    fig.update_layout(yaxis={"autorange": "reversed"},
                      xaxis={"tickformat": "+.0%", "title": {"text": t("compare.adjusted.axis", lang)}})
    return fig


def quality_vs_cost(measures: pd.DataFrame, lang: str) -> go.Figure:
    """Quality score against full cost per m², one dot per building, coloured by mode."""
    fig = base_figure(t("compare.quality.title", lang), height=380)
    for m in MODE_ORDER:
        d = measures.loc[(measures["mode"] == m.value) & measures["quality"].notna()]
        fig.add_scatter(
            x=d["cost_per_m2"], y=d["quality"], mode="markers", name=label("mode", m.value, lang),
            marker={"color": MODE_COLORS[m.value], "size": 11, "line": {"color": "white", "width": 1}},
            hovertext=d["building"],
            hovertemplate="%{hovertext}: %{x:,.0f} " + t("unit.yuan_m2_yr", lang) + ", %{y:.1f}<extra></extra>",
        )
    fig.update_layout(xaxis={"title": {"text": t("common.cost_per_m2", lang)}, "tickformat": ",.0f"},
                      yaxis={"title": {"text": t("compare.quality.axis", lang)}},
                      margin={"t": 110}, height=440)
    return fig


def cost_bridge(steps: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Waterfall from recorded spending to full cost [万元]. ``steps``: ``step``, ``amount`` [CNY]."""
    fig = base_figure(title, height=360)
    last = len(steps) - 1
    fig.add_trace(go.Waterfall(
        x=[t(f"costing.step.{s}", lang) for s in steps["step"]], y=steps["amount"] / 1e4,
        measure=["absolute" if i in (0,) else ("total" if i == last else "relative") for i in range(len(steps))],
        text=[f"{v / 1e4:+,.1f}" if 0 < i < last else f"{v / 1e4:,.1f}" for i, v in enumerate(steps["amount"])],
        textposition="outside", connector={"line": {"color": "#c7ccd1"}},
        increasing={"marker": {"color": LINE_COLORS["indirect"]}}, decreasing={"marker": {"color": POSITIVE}},
        totals={"marker": {"color": ACCENT}},
        hovertemplate="%{x}: %{y:,.1f} " + t("unit.wan", lang) + "<extra></extra>",
    ))
    fig.update_layout(yaxis={"title": {"text": t("common.cost", lang)}, "tickformat": ",.0f"}, showlegend=False)
    return fig


def department_costs(table: pd.DataFrame, lang: str, *, top: int = 25) -> go.Figure:
    """Allocated full cost per staff member of the ``top`` most expensive departments [元/人·年],
    each bar in the colour of the support mode of the building that bears most of its cost."""
    d = table.dropna(subset=["per_staff"]).nlargest(top, "per_staff")
    fig = base_figure(t("costing.departments.chart", lang, n=len(d)), height=max(300, 110 + 22 * len(d)))
    for m in MODE_ORDER:
        x = d.loc[d["mode"] == m.value]
        if x.empty:
            continue
        fig.add_bar(y=x["department"], x=x["per_staff"], orientation="h", name=label("mode", m.value, lang),
                    marker_color=MODE_COLORS[m.value],
                    customdata=x[["allocated", "staff"]].assign(allocated=x["allocated"] / 1e4),
                    hovertemplate="%{y}: %{x:,.0f}<br>%{customdata[0]:,.1f} " + t("unit.wan", lang)
                    + " / %{customdata[1]:,.0f}<extra>%{fullData.name}</extra>")
    fig.update_layout(yaxis={"categoryorder": "array", "categoryarray": d["department"].tolist()[::-1]},
                      xaxis={"title": {"text": t("costing.departments.axis", lang)}, "tickformat": ",.0f"},
                      barmode="overlay")
    return fig
