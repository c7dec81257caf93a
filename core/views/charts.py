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


# --- Compare modes and Standards (模式对比, 统一标准) ------------------------------------------------
LINE_COLORS: dict[str, str] = {  # cost lines: personnel blues, vendor margin purples, hidden costs orange
    "labour": "#4a6fa5", "on_costs": "#8fb0d9", "materials": "#6aa77f", "management_fee": "#8e6fb8",
    "tax": "#c3b1de", "energy": "#a08c6e", "repairs": "#cdbfa6", "depreciation": "#7d8a96", "indirect": "#d9822b",
}
SERVICE_COLORS: tuple[str, ...] = ("#4a6fa5", "#6aa77f", "#8e6fb8", "#a08c6e", "#5b6770", "#d9822b")  # not mode colours
SERVICE_SYMBOLS: tuple[str, ...] = ("circle", "diamond", "square", "triangle-up", "cross", "x")
STATUS_COLORS: dict[str, str] = {"red": "#c4573a", "amber": "#e0a030", "green": "#3a9e8f", "none": "#d5d9de"}
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


def standards_map(bench: pd.DataFrame, services: list[str], lang: str, *, amber: float, red: float) -> go.Figure:
    """Building × service grid coloured by status (red / amber / green, grey without a standard),
    each cell labelled with its deviation from the standard.

    ``bench``: ``building``, ``service``, ``status``, ``deviation_pct``, ``cost_per_m2_month``,
    ``standard_per_m2_month``.
    """
    cols = [s for s in services if s in set(bench["service"])]
    rows = list(dict.fromkeys(bench["building"]))
    total = len(rows)
    if total > MAX_ROWS:  # the buildings with most red, then amber items, then the largest deviation
        rank = bench.assign(red=bench["status"] == "red", amber=bench["status"] == "amber").groupby(
            "building", sort=False).agg(red=("red", "sum"), amber=("amber", "sum"), worst=("deviation_pct", "max"))
        keep = set(rank.sort_values(["red", "amber", "worst"], ascending=False).head(MAX_ROWS).index)
        rows = [b for b in rows if b in keep]
        bench = bench.loc[bench["building"].isin(keep)]
    dev, std = bench["deviation_pct"], bench["standard_per_m2_month"]
    cells = bench.assign(
        code=bench["status"].map({s: i for i, s in enumerate(("none", "green", "amber", "red"))}),
        text=dev.map(lambda v: "" if pd.isna(v) else f"{v:+.0f}%"),
        hover=bench["building"] + " · " + bench["service"].map(lambda c: label("service", c, lang)) + "<br>"
        + bench["cost_per_m2_month"].map("{:.2f}".format) + " / "
        + std.map(lambda v: "—" if pd.isna(v) else f"{v:.2f}") + " " + t("standards.unit", lang))

    def grid(values: str) -> list[list[object]]:
        g = cells.pivot_table(index="building", columns="service", values=values, aggfunc="first")
        g = g.reindex(index=rows, columns=cols).astype(object)
        return g.where(g.notna(), None if values == "code" else "").to_numpy().tolist()

    z, text, hover = grid("code"), grid("text"), grid("hover")  # no arrangement: an empty cell
    scale = []
    for i, s in enumerate(("none", "green", "amber", "red")):
        scale += [[i / 4, STATUS_COLORS[s]], [(i + 1) / 4, STATUS_COLORS[s]]]
    fig = base_figure(capped_title(t("standards.map.title", lang), len(rows), total, lang),
                      height=max(340, 150 + 28 * len(rows)))
    fig.add_heatmap(z=z, x=[wrap(label("service", s, lang), 12) for s in cols], y=rows, zmin=-0.5, zmax=3.5,
                    colorscale=scale, showscale=False, text=text, texttemplate="%{text}",
                    textfont={"size": 11}, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
                    xgap=2, ygap=2)
    for status in ("red", "amber", "green", "none"):  # the legend: what each colour means
        fig.add_scatter(x=[None], y=[None], mode="markers", showlegend=True,
                        name=t(f"standards.legend.{status}", lang, amber=f"{amber:.0%}", red=f"{red:.0%}"),
                        marker={"symbol": "square", "size": 12, "color": STATUS_COLORS[status]})
    fig.update_layout(yaxis={"autorange": "reversed", "showgrid": False, "zeroline": False},
                      xaxis={"side": "top", "showgrid": False, "tickangle": 0, "zeroline": False},
                      margin={"t": 110}, legend={"y": 0, "yanchor": "top", "x": 0, "xanchor": "left"})
    return fig


def outlier_bars(out: pd.DataFrame, lang: str, *, top: int = 20) -> go.Figure:
    """The items furthest above their standard, as bars of the deviation [%], coloured by status."""
    d = out.head(top)
    fig = base_figure(t("standards.outliers.title", lang, n=len(d)), height=max(260, 90 + 26 * len(d)))
    fig.add_bar(y=[f"{b} · {s}" for b, s in zip(d["building"], d["item_name"])], x=d["deviation_pct"],
                orientation="h", marker_color=[STATUS_COLORS[s] for s in d["status"]],
                text=[f"{v:+.0f}%" for v in d["deviation_pct"]], textposition="outside",
                hovertemplate="%{y}: %{x:+.0f}%<extra></extra>", cliponaxis=False)
    top_dev = float(d["deviation_pct"].max()) if len(d) else 100.0
    fig.update_layout(yaxis={"autorange": "reversed"},
                      xaxis={"title": {"text": t("standards.axis.deviation", lang)}, "ticksuffix": "%",
                             "range": [0, top_dev * 1.15]})
    return fig


def staffing_vs_norm(staffed: pd.DataFrame, lang: str) -> go.Figure:
    """Actual service workers against the staffing norm, one dot per building × service, on log
    scales (most services need a handful of workers, a few need dozens); the dotted line is the norm."""
    fig = base_figure(t("standards.staffing.title", lang), height=420)
    if len(staffed):
        lo = float(min(staffed["staff"].min(), staffed["norm_staff"].min())) * 0.8
        hi = float(max(staffed["staff"].max(), staffed["norm_staff"].max())) * 1.25
        fig.add_scatter(x=[lo, hi], y=[lo, hi], mode="lines", line={"color": "#9aa3ad", "dash": "dot"},
                        name=t("standards.staffing.norm", lang), hoverinfo="skip")
    for i, s in enumerate(dict.fromkeys(staffed["service"])):
        d = staffed.loc[staffed["service"] == s]
        fig.add_scatter(x=d["norm_staff"], y=d["staff"], mode="markers", name=label("service", s, lang),
                        marker={"size": 9, "color": SERVICE_COLORS[i % len(SERVICE_COLORS)],
                                "symbol": SERVICE_SYMBOLS[i % len(SERVICE_SYMBOLS)], "line": {"color": "white", "width": 1}},
                        hovertext=d["building"],
                        hovertemplate="%{hovertext}: %{y:.0f} / %{x:.1f}<extra>%{fullData.name}</extra>")
    ticks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]
    axis = {"type": "log", "tickvals": ticks, "ticktext": [f"{v:g}" for v in ticks]}
    fig.update_layout(xaxis={"title": {"text": t("standards.staffing.x", lang)}, **axis},
                      yaxis={"title": {"text": t("standards.staffing.y", lang)}, **axis})
    return fig


# --- Consolidation and Scenarios (整合模拟, 方案比较) ------------------------------------------------
SCENARIO_COLORS: tuple[str, ...] = ("#1f4e8c", "#d9822b", "#3a9e8f", "#8e6fb8")  # up to four scenarios
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


def cost_paths(paths: pd.DataFrame, lang: str) -> go.Figure:
    """The scope's full cost per year without and with the scenario (transition costs included) [万元].
    ``paths``: ``year``, ``baseline``, ``scenario`` [CNY]; the first row is the base year (recorded)."""
    fig = base_figure(t("sim.paths.title", lang), height=360)
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



# --- Vendors & quality (企业与质量) -----------------------------------------------------------------
FEE_STATUS_COLORS: dict[str, str] = {"green": POSITIVE, "amber": "#e0a030", "red": NEGATIVE, "none": NO_MODE_COLOR}
NON_COMPETITIVE_COLOR = "#c4573a"


def vendor_scores(ranking: pd.DataFrame, *, threshold: float, min_score: float, lang: str) -> go.Figure:
    """Each assessed vendor's mean score as a dot (best at the top), flagged vendors in red, with the
    replacement threshold and the admission minimum as lines. Columns: ``vendor``, ``score_mean``,
    ``latest``, ``flagged``. Dots, not bars: the axis does not start at zero."""
    r = ranking.dropna(subset=["score_mean"]).sort_values("score_mean")
    fig = base_figure(t("gates.chart.vendors.title", lang), height=max(300, 90 + 28 * len(r)))
    color = [NEGATIVE if f else ("#e0a030" if s < min_score else ACCENT) for f, s in zip(r["flagged"], r["score_mean"])]
    fig.add_scatter(
        x=r["score_mean"], y=r["vendor"], mode="markers+text", marker={"color": color, "size": 12},
        text=[f"{v:.1f}" for v in r["score_mean"]], textposition="middle right", showlegend=False,
        customdata=r[["latest"]], hovertemplate="%{y}: %{x:.1f} (" + t("gates.col.latest", lang)
        + " %{customdata[0]:.1f})<extra></extra>",
    )
    lo = min(float(r["score_mean"].min()) if len(r) else threshold, threshold) - 5
    for value, key, dash, side in ((threshold, "gates.chart.threshold", "dash", "right"),
                                   (min_score, "gates.chart.min_score", "dot", "left")):
        line_color = NEGATIVE if dash == "dash" else "#52606d"
        fig.add_vline(x=value, line={"color": line_color, "dash": dash, "width": 1.5})
        fig.add_annotation(x=value, y=1.0, yref="paper", yanchor="bottom", xanchor=side, showarrow=False,
                           text=t(key, lang, v=value), font={"size": 11, "color": line_color})
    fig.update_layout(xaxis={"range": [lo, 100], "title": {"text": t("gates.chart.score", lang)}},
                      margin={"t": 80, "b": 40})
    return fig


def score_trends(per_quarter: pd.DataFrame, *, highlight: list[str], threshold: float, lang: str) -> go.Figure:
    """Quarterly scores of every assessed vendor: the ``highlight`` vendors in colour, the rest in
    grey. Columns: ``vendor``, ``period`` (e.g. ``2025Q3``), ``score``."""
    fig = base_figure(t("gates.chart.trend.title", lang))
    periods = sorted(per_quarter["period"].unique())
    palette = [NEGATIVE, "#e0a030", "#7b6fb0", ACCENT]
    others_shown = False
    for vendor, d in per_quarter.groupby("vendor", sort=False):
        d = d.sort_values("period")
        on = vendor in highlight
        fig.add_scatter(
            x=d["period"], y=d["score"], mode="lines+markers", name=vendor if on else t("gates.chart.others", lang),
            legendgroup=vendor if on else "others", showlegend=on or not others_shown,
            line={"color": palette[highlight.index(vendor) % len(palette)] if on else "#c7ccd1",
                  "width": 3 if on else 1.2},
            marker={"size": 7 if on else 4}, hovertemplate=f"{vendor} %{{x}}: %{{y:.1f}}<extra></extra>",
        )
        others_shown = others_shown or not on
    fig.add_hline(y=threshold, line={"color": NEGATIVE, "dash": "dash", "width": 1.5},
                  annotation_text=t("gates.chart.threshold", lang, v=threshold), annotation_position="bottom left")
    fig.update_layout(xaxis={"type": "category", "categoryorder": "array", "categoryarray": periods},
                      yaxis={"title": {"text": t("gates.chart.score", lang)}}, margin={"t": 110},
                      legend={"y": 1.02})
    return fig


def channel_spend(shares: pd.DataFrame, lang: str) -> go.Figure:
    """Annual spend of contracts in use per procurement channel [万元], non-competitive ones in red,
    each bar labelled with its share. Columns: ``channel``, ``spend``, ``share``, ``contracts``."""
    fig = base_figure(t("gates.chart.channel.title", lang), height=320)
    non_competitive = {"single_source", "direct_award"}
    fig.add_bar(
        y=[label("channel", c, lang) for c in shares["channel"]], x=shares["spend"] / 1e4, orientation="h",
        marker_color=[NON_COMPETITIVE_COLOR if c in non_competitive else ACCENT for c in shares["channel"]],
        text=[f"{s:.0%}（{t('gates.chart.n_contracts', lang, n=int(n))}）" if lang == "zh" else
              f"{s:.0%} ({t('gates.chart.n_contracts', lang, n=int(n))})" for s, n in zip(shares["share"], shares["contracts"])],
        textposition="auto",
        hovertemplate="%{y}: %{x:,.0f} " + t("unit.wan", lang) + "<extra></extra>", showlegend=False,
    )
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis={"title": {"text": t("gates.chart.spend_wan", lang)}})
    return fig


def concentration(conc: pd.DataFrame, *, moderate: float, high: float, lang: str) -> go.Figure:
    """The Herfindahl index per service line as horizontal bars over three shaded zones (low,
    moderate, high). Columns: ``service``, ``hhi``, ``level``, ``top_vendor``, ``top_share``, ``vendors``."""
    fig = base_figure(t("gates.chart.hhi.title", lang), height=max(320, 110 + 30 * len(conc)))
    zones = (("low", 0, moderate, "#e3f1ee"), ("moderate", moderate, high, "#f8ecd4"), ("high", high, 10_000, "#f4ddd7"))
    for _level, x0, x1, fill in zones:
        fig.add_vrect(x0=x0, x1=x1, fillcolor=fill, line_width=0, layer="below")
    colors = {"low": POSITIVE, "moderate": "#e0a030", "high": NEGATIVE}
    fig.add_bar(
        y=[label("service", s, lang) for s in conc["service"]], x=conc["hhi"], orientation="h",
        marker_color=[colors[v] for v in conc["level"]], showlegend=False, width=0.6,
        text=[f"{h:,.0f}" for h in conc["hhi"]], textposition="outside", cliponaxis=False,
        customdata=conc[["top_vendor", "top_share", "vendors"]],
        hovertemplate="%{y}: HHI %{x:,.0f}<br>%{customdata[0]} %{customdata[1]:.0%} · n=%{customdata[2]}<extra></extra>",
    )
    axis = t("gates.chart.hhi_zones", lang, moderate=moderate, high=high)
    fig.update_layout(xaxis={"range": [0, 10_000], "title": {"text": axis, "font": {"size": 12}}, "showgrid": False},
                      yaxis={"autorange": "reversed"}, plot_bgcolor="white", margin={"t": 90})
    return fig


def price_vs_standard(register: pd.DataFrame, *, amber: float, red: float, lang: str) -> go.Figure:
    """Each contract's price per m² against its standard (a fraction: +0.2 = 20% above), sorted,
    coloured by fee status, with the amber and red lines. Columns: ``code``, ``vendor``,
    ``deviation``, ``fee_status``, ``price_per_m2_month``, ``standard_per_m2_month``, ``buildings``."""
    # the contracts furthest above their standard (those without one last)
    r = register.sort_values("deviation", ascending=False, na_position="last").head(MAX_ROWS).sort_values("deviation")
    fig = base_figure(capped_title(t("gates.chart.price.title", lang), len(r), len(register), lang),
                      height=max(320, 90 + 22 * len(r)))
    fig.add_bar(
        y=r["code"] + " " + r["vendor"].str.slice(0, 6), x=r["deviation"], orientation="h", showlegend=False,
        marker_color=[FEE_STATUS_COLORS[s] for s in r["fee_status"]],
        customdata=r[["price_per_m2_month", "standard_per_m2_month", "buildings"]],
        hovertemplate="%{y}<br>%{customdata[2]}<br>%{customdata[0]:.2f} / %{customdata[1]:.2f} = %{x:+.0%}<extra></extra>",
    )
    for value, status in ((amber, "amber"), (red, "red")):
        fig.add_vline(x=value, line={"color": FEE_STATUS_COLORS[status], "dash": "dot", "width": 1.5})
    fig.update_layout(xaxis={"tickformat": "+.0%", "title": {"text": t("gates.chart.deviation", lang)}},
                      yaxis={"automargin": True}, bargap=0.25)
    return fig


def scorecard_matrix(card: pd.DataFrame, checks: list[tuple[str, str]], lang: str) -> go.Figure:
    """Buildings × checks: green met, red not met, grey not applicable, with ✓ ✗ — in each cell.
    ``checks`` is (column, axis label) in display order; ``card`` has ``building`` and the columns."""
    cols = [c for c, _ in checks]
    total = len(card)
    if total > MAX_ROWS:  # the buildings failing most checks, in their original order
        failed = (card[cols] == False).sum(axis=1)  # noqa: E712  (None means "does not apply")
        card = card.loc[sorted(failed.nlargest(MAX_ROWS, keep="first").index, key=list(card.index).index)]
    values = card[cols].to_numpy()
    z = [[0.5 if v is None else float(bool(v)) for v in row] for row in values]
    text = [["—" if v is None else ("✓" if v else "✗") for v in row] for row in values]
    fig = base_figure(capped_title(t("gates.chart.scorecard.title", lang), len(card), total, lang),
                      height=max(360, 150 + 30 * len(card)))
    fig.add_heatmap(
        z=z, x=[lab for _, lab in checks], y=card["building"].tolist(), text=text, texttemplate="%{text}",
        textfont={"size": 15, "color": "white"}, zmin=0, zmax=1, showscale=False, xgap=3, ygap=3,
        colorscale=[[0, NEGATIVE], [0.5, "#aab4be"], [1, POSITIVE]],
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
    )
    fig.update_layout(xaxis={"side": "top", "showgrid": False, "tickangle": 0},
                      yaxis={"autorange": "reversed", "showgrid": False}, margin={"t": 140})
    return fig
