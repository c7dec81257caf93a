"""Charts of the three gates and the scorecard (企业与质量), on the shared template."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from core.i18n import join, label, t
from core.views.charts import ACCENT, MAX_ROWS, NEGATIVE, NO_MODE_COLOR, POSITIVE, base_figure, capped_title

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
        customdata=r[["price_per_m2_month", "standard_per_m2_month"]].assign(b=r["buildings"].map(lambda b: join(b, lang))),
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
