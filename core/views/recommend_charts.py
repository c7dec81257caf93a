"""Charts of the Recommend page (最优方案): the plan as a building × service grid coloured by delivery,
and the efficient frontiers with the saved scenarios marked."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.i18n import label, t
from core.views.charts import ACCENT, MAX_ROWS, MODE_COLORS, base_figure, capped_title, wrap

DELIVERY_COLORS: dict[str, str] = {  # the colours of the modes they make when everywhere
    "in_house": MODE_COLORS["self"], "labour_only": MODE_COLORS["partial"], "contracted": MODE_COLORS["full"],
}
CODES: tuple[str, ...] = ("in_house", "labour_only", "contracted")
SAVED_COLOR = "#d9822b"


def plan_grid(cells: pd.DataFrame, services: list[str], lang: str) -> go.Figure:
    """Each building × service in the colour of its recommended delivery, changes marked “→”.

    ``cells``: ``building``, ``service``, ``now``, ``to``, ``value`` [CNY, expected NPV against keeping]."""
    cols = [s for s in services if s in set(cells["service"])]
    rows = list(dict.fromkeys(cells["building"]))
    total = len(rows)
    if total > MAX_ROWS:  # the buildings with most changes first
        changed = cells.assign(ch=cells["now"] != cells["to"]).groupby("building", sort=False)["ch"].sum()
        keep = set(changed.sort_values(ascending=False, kind="stable").head(MAX_ROWS).index)
        rows = [b for b in rows if b in keep]
        cells = cells.loc[cells["building"].isin(keep)]
    moved = cells["now"] != cells["to"]
    c = cells.assign(
        code=cells["to"].map({d: i for i, d in enumerate(CODES)}),
        text=moved.map({True: "→", False: ""}),
        hover=cells["building"] + " · " + cells["service"].map(lambda s: label("service", s, lang)) + "<br>"
        + cells["now"].map(lambda d: label("delivery", d, lang)) + " → " + cells["to"].map(lambda d: label("delivery", d, lang))
        + "<br>" + (cells["value"] / 1e4).map(lambda v: f"{v:+,.1f} ") + t("unit.wan", lang))

    def grid(values: str) -> list[list[object]]:
        g = c.pivot_table(index="building", columns="service", values=values, aggfunc="first")
        g = g.reindex(index=rows, columns=cols).astype(object)
        return g.where(g.notna(), None if values == "code" else "").to_numpy().tolist()

    scale = []
    for i, d in enumerate(CODES):
        scale += [[i / 3, DELIVERY_COLORS[d]], [(i + 1) / 3, DELIVERY_COLORS[d]]]
    fig = base_figure(capped_title(t("rec.grid.title", lang), len(rows), total, lang), height=max(340, 150 + 28 * len(rows)))
    fig.add_heatmap(z=grid("code"), x=[wrap(label("service", s, lang), 12) for s in cols], y=rows, zmin=-0.5, zmax=2.5,
                    colorscale=scale, showscale=False, text=grid("text"), texttemplate="%{text}",
                    textfont={"size": 15, "color": "white"}, customdata=grid("hover"),
                    hovertemplate="%{customdata}<extra></extra>", xgap=2, ygap=2)
    for d in CODES:
        fig.add_scatter(x=[None], y=[None], mode="markers", showlegend=True, name=label("delivery", d, lang),
                        marker={"symbol": "square", "size": 12, "color": DELIVERY_COLORS[d]})
    fig.update_layout(yaxis={"autorange": "reversed", "showgrid": False, "zeroline": False},
                      xaxis={"side": "top", "showgrid": False, "tickangle": 0, "zeroline": False},
                      margin={"t": 110}, legend={"orientation": "h", "y": 0, "yanchor": "top", "x": 0, "xanchor": "left"})
    return fig


def frontier_chart(points: pd.DataFrame, saved: pd.DataFrame, chosen: tuple[float, float] | None, *, x: str,
                   x_title: str, title: str, lang: str) -> go.Figure:
    """Expected NPV saving against ``x`` (a risk figure [CNY] or the non-cost score) for the frontier
    plans (a line), the saved scenarios (labelled diamonds) and the recommended plan (a star) [万元]."""
    money = x != "noncost"
    scale = 1e4 if money else 1.0
    fig = base_figure(title, height=400)
    p = points.dropna(subset=["mean", x]).sort_values(x)
    if chosen is not None:  # under the frontier's line, which often runs through it
        fig.add_scatter(x=[chosen[0] / scale], y=[chosen[1] / 1e4], mode="markers", name=t("rec.frontier.chosen", lang),
                        marker={"symbol": "star", "size": 20, "color": "#f2c14e", "line": {"color": "#1f2933", "width": 1}})
    fig.add_scatter(x=p[x] / scale, y=p["mean"] / 1e4, mode="lines+markers", name=t("rec.frontier.plans", lang),
                    line={"color": ACCENT, "width": 2.5}, marker={"size": 8},
                    hovertemplate="%{x:,.2f} · %{y:,.1f} " + t("unit.wan", lang) + "<extra></extra>")
    if len(saved):
        fig.add_scatter(x=saved[x] / scale, y=saved["mean"] / 1e4, mode="markers+text", text=saved["name"],
                        textposition="bottom center", name=t("rec.frontier.saved", lang),
                        marker={"symbol": "diamond", "size": 12, "color": SAVED_COLOR},
                        hovertemplate="%{text}: %{x:,.2f} · %{y:,.1f} " + t("unit.wan", lang) + "<extra></extra>")
    fig.update_layout(xaxis={"title": {"text": x_title}, "tickformat": ",.0f" if money else ".2f"},
                      yaxis={"title": {"text": t("rec.axis.mean", lang)}, "tickformat": ",.0f"},
                      legend={"orientation": "h", "y": -0.2})
    return fig
