"""The Standards page's charts (统一标准): the building × service map, the items above their standard
ranked by money or by percentage, the items far below it, and staffing against the norm.

Every function draws figures the view already rounded (:func:`core.views.standards.named_bench`), so
a label on a bar reads exactly as the table beside it.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.i18n import label, t
from core.views.charts import MAX_ROWS, base_figure, capped_title, wrap

SERVICE_COLORS: tuple[str, ...] = ("#4a6fa5", "#6aa77f", "#8e6fb8", "#a08c6e", "#5b6770", "#d9822b")  # not mode colours
SERVICE_SYMBOLS: tuple[str, ...] = ("circle", "diamond", "square", "triangle-up", "cross", "x")
# far below the standard ("low") is amber too: a cost that low may mean a service not delivered
STATUS_COLORS: dict[str, str] = {"red": "#c4573a", "amber": "#e0a030", "low": "#e0a030", "green": "#3a9e8f",
                                 "none": "#d5d9de"}
_CODES: dict[str, int] = {"none": 0, "green": 1, "amber": 2, "low": 2, "red": 3}  # low shares amber's colour


def standards_map(bench: pd.DataFrame, services: list[str], lang: str, *, amber: float, red: float,
                  low: float | None = None) -> go.Figure:
    """Building × service grid coloured by status (red / amber above, amber far below, green, grey
    without a standard), each cell labelled with its deviation from the standard; services paid at
    actual are marked in their column heading.

    ``bench``: ``building``, ``service``, ``status``, ``deviation_pct``, ``cost_per_m2_month``,
    ``standard_per_m2_month``, ``paid_at_actual`` (optional), ``excess_wan`` (optional).
    """
    cols = [s for s in services if s in set(bench["service"])]
    at_actual = set(bench.loc[bench["paid_at_actual"].astype(bool), "service"]) if "paid_at_actual" in bench else set()
    rows = list(dict.fromkeys(bench["building"]))
    total = len(rows)
    if total > MAX_ROWS:  # the buildings with most red, then amber items, then the largest deviation
        rank = bench.assign(red=bench["status"] == "red", amber=bench["status"] == "amber").groupby(
            "building", sort=False).agg(red=("red", "sum"), amber=("amber", "sum"), worst=("deviation_pct", "max"))
        keep = set(rank.sort_values(["red", "amber", "worst"], ascending=False).head(MAX_ROWS).index)
        rows = [b for b in rows if b in keep]
        bench = bench.loc[bench["building"].isin(keep)]
    dev, std = bench["deviation_pct"], bench["standard_per_m2_month"]
    unit = t("standards.unit", lang)
    excess = bench["excess_wan"] if "excess_wan" in bench else pd.Series(float("nan"), index=bench.index)
    cells = bench.assign(
        code=bench["status"].map(_CODES),
        text=dev.map(lambda v: "" if pd.isna(v) else f"{v:+.0f}%"),
        hover=bench["building"] + " · " + bench["service"].map(lambda c: label("service", c, lang)) + "<br>"
        + bench["cost_per_m2_month"].map("{:.2f}".format) + " / "
        + std.map(lambda v: "—" if pd.isna(v) else f"{v:.2f}") + " " + unit
        + excess.map(lambda v: "" if pd.isna(v) else "<br>" + t("standards.hover.excess", lang, v=f"{v:+,.1f}")))

    def grid(values: str) -> list[list[object]]:
        g = cells.pivot_table(index="building", columns="service", values=values, aggfunc="first")
        g = g.reindex(index=rows, columns=cols).astype(object)
        return g.where(g.notna(), None if values == "code" else "").to_numpy().tolist()

    z, text, hover = grid("code"), grid("text"), grid("hover")  # no arrangement: an empty cell
    scale = []
    for i, s in enumerate(("none", "green", "amber", "red")):
        scale += [[i / 4, STATUS_COLORS[s]], [(i + 1) / 4, STATUS_COLORS[s]]]
    mark = t("standards.map.at_actual", lang)  # "能耗<br>（按实支付）"; English columns are too narrow: "Energy †"
    heads = [wrap(label("service", s, lang), 12) + (mark if s in at_actual else "") for s in cols]
    fig = base_figure(capped_title(t("standards.map.title", lang), len(rows), total, lang),
                      height=max(340, 170 + 28 * len(rows)))
    fig.add_heatmap(z=z, x=heads, y=rows, zmin=-0.5, zmax=3.5, colorscale=scale, showscale=False, text=text,
                    texttemplate="%{text}", textfont={"size": 11}, customdata=hover,
                    hovertemplate="%{customdata}<extra></extra>", xgap=2, ygap=2)
    legend = ["red", "amber", *(["low"] if low is not None else []), "green", "none"]
    for status in legend:  # the legend: what each colour means
        fig.add_scatter(x=[None], y=[None], mode="markers", showlegend=True,
                        name=t(f"standards.legend.{status}", lang, amber=f"{amber:.0%}", red=f"{red:.0%}",
                               low=f"{(low or 0):.0%}"),
                        marker={"symbol": "square", "size": 12, "color": STATUS_COLORS[status]})
    if at_actual:
        fig.add_scatter(x=[None], y=[None], mode="markers", showlegend=True, name=t("standards.legend.at_actual", lang),
                        marker={"symbol": "square", "size": 12, "color": "rgba(0,0,0,0)"})
    fig.update_layout(yaxis={"autorange": "reversed", "showgrid": False, "zeroline": False},
                      xaxis={"side": "top", "showgrid": False, "tickangle": 0, "zeroline": False},
                      margin={"t": 130}, legend={"y": 0, "yanchor": "top", "x": 0, "xanchor": "left"})
    return fig


def ranked_bars(items: pd.DataFrame, lang: str, *, title: str, by: str = "money", top: int = 20) -> go.Figure:
    """Items above (or far below) their standard as horizontal bars, in the order given: by the money
    above the standard [万元/年] (``by="money"``) or by the deviation [%] (``by="pct"``), each bar
    labelled with both figures and coloured by status.

    ``items``: ``building``, ``item_name``, ``status``, ``excess_wan``, ``deviation_pct`` (rounded).
    """
    d = items.head(top)
    money = by == "money"
    fig = base_figure(capped_title(title, len(d), len(items), lang), height=max(260, 110 + 26 * len(d)))
    wan = t("unit.wan", lang)
    values = d["excess_wan"] if money else d["deviation_pct"]
    texts = [f"{e:+,.1f} {wan} · {p:+.0f}%" if money else f"{p:+.0f}% · {e:+,.1f} {wan}"
             for e, p in zip(d["excess_wan"], d["deviation_pct"])]
    fig.add_bar(y=[f"{b} · {s}" for b, s in zip(d["building"], d["item_name"])], x=values, orientation="h",
                marker_color=[STATUS_COLORS[s] for s in d["status"]], text=texts, textposition="outside",
                hovertemplate="%{y}: %{text}<extra></extra>", cliponaxis=False)
    lo, hi = (float(values.min()), float(values.max())) if len(d) else (0.0, 1.0)
    span = max(hi, 0.0) - min(lo, 0.0) or 1.0
    axis = {"title": {"text": t("standards.axis.excess" if money else "standards.axis.deviation", lang)},
            "range": [min(lo, 0.0) - (0.45 * span if lo < 0 else 0), max(hi, 0.0) + (0.45 * span if hi > 0 else 0)]}
    if not money:
        axis["ticksuffix"] = "%"
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis=axis)
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
    persons = t("unit.persons", lang)
    for i, s in enumerate(dict.fromkeys(staffed["service"])):
        d = staffed.loc[staffed["service"] == s]
        fig.add_scatter(x=d["norm_staff"], y=d["staff"], mode="markers", name=label("service", s, lang),
                        marker={"size": 9, "color": SERVICE_COLORS[i % len(SERVICE_COLORS)],
                                "symbol": SERVICE_SYMBOLS[i % len(SERVICE_SYMBOLS)], "line": {"color": "white", "width": 1}},
                        hovertext=d["building"],
                        hovertemplate="%{hovertext}: %{y:.0f} / %{x:.1f} " + persons + "<extra>%{fullData.name}</extra>")
    ticks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]
    axis = {"type": "log", "tickvals": ticks, "ticktext": [f"{v:g}" for v in ticks]}
    fig.update_layout(xaxis={"title": {"text": t("standards.staffing.x", lang)}, **axis},
                      yaxis={"title": {"text": t("standards.staffing.y", lang)}, **axis})
    return fig
