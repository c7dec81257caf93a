"""What the Vendors & quality page and the meeting pack show of the three gates: exhibits (chart,
takeaway, data) and the register tables with readable headers, in either language."""
from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, replace

import pandas as pd

from core.domain import gates, quality, scorecard
from core.domain.gates import GateSettings
from core.domain.quality import CRITERIA
from core.i18n import fmt_money, fmt_pct, join, label, t, wan
from core.store.repo import Portfolio
from core.views import gate_charts
from core.views.exhibits import Exhibit, PackOptions, SectionContent


def check_label(check: str, lang: str, *, line_break: bool = False) -> str:
    """A scorecard check's name with where it comes from: the source article, or the dashboard.

    ``line_break`` wraps it for a chart axis (HTML ``<br>``).
    """
    origin = t("gates.check.sourced" if check in gates.SOURCED_CHECKS else "gates.check.own", lang)
    name = t(f"gates.check.{check}", lang)
    if lang == "zh":
        return f"{name}<br>（{origin}）" if line_break else f"{name}（{origin}）"
    if line_break:
        return "<br>".join(textwrap.wrap(name, 16)) + f"<br>({origin})"
    return f"{name} ({origin})"


def _period(year: pd.Series, quarter: pd.Series) -> pd.Series:
    return year.astype(int).astype(str) + "Q" + quarter.astype(int).astype(str)




def _named(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> pd.DataFrame:
    """Keep ``columns`` (name → string key) in order, headed in ``lang``."""
    return frame[list(columns)].rename(columns={c: t(k, lang) for c, k in columns.items()})


# --- exhibits -------------------------------------------------------------------------------------
def gates_exhibits(p: Portfolio, s: GateSettings, lang: str) -> list[Exhibit]:
    """The page's six charts: vendor scores, score trends, spend by channel, concentration,
    contract prices against the standard, and the scorecard matrix."""
    return [*quality_exhibits(p, s, lang), *fee_exhibits(p, s, lang), scorecard_exhibit(p, s, lang)]


def quality_exhibits(p: Portfolio, s: GateSettings, lang: str) -> list[Exhibit]:
    """Vendor scores (mean of the last four quarters) and their quarterly trends."""
    ranking = gates.ranking(p, s)
    assessed = ranking.dropna(subset=["score_mean"])
    # rounded once, here: the chart's dots, the sentence and the table beside them show the same 72.3
    assessed = assessed.assign(score_mean=assessed["score_mean"].round(1), latest=assessed["latest"].round(1))
    flagged = assessed.loc[assessed["flagged"], "vendor"].tolist()
    flag_text = (t("gates.takeaway.flagged", lang, names="、".join(flagged), v=s.replace_below) if flagged
                 else t("gates.takeaway.no_flag", lang, v=s.replace_below))
    top = assessed.iloc[0] if len(assessed) else None
    scores = Exhibit(
        key="gates-vendor-scores",
        figure=gate_charts.vendor_scores(assessed, threshold=s.replace_below, min_score=s.min_score, lang=lang),
        takeaway=t("gates.takeaway.no_scores", lang) if top is None else t(
            "gates.takeaway.vendors", lang, n=len(assessed), best=top["vendor"], top=float(top["score_mean"]),
            flagged=flag_text),
        data=_named(assessed.assign(status=assessed["status"].map(lambda x: label("status", x, lang))),
                    {"vendor": "gates.col.vendor", "status": "gates.col.status", "score_mean": "gates.col.score_mean",
                     "latest": "gates.col.latest", "low_streak": "gates.col.low_streak",
                     "flagged": "gates.col.flagged"}, lang),
        key_figures=((t("gates.kpi.replace", lang), str(len(flagged))),),
    )
    per_q = quality.vendor_quarter_scores(p, s.weight_series)
    per_q = per_q.assign(vendor=per_q["vendor_id"].map(p.vendors.set_index("id")["name"]),
                         period=_period(per_q["year"], per_q["quarter"]), score=per_q["score"].round(1))
    latest_q = per_q["period"].max()
    now = per_q.loc[per_q["period"] == latest_q].set_index("vendor")["score"]
    prev_q = sorted(per_q["period"].unique())[-2] if per_q["period"].nunique() > 1 else latest_q
    before = per_q.loc[per_q["period"] == prev_q].set_index("vendor")["score"]
    delta = (now - before).dropna()
    worst = now.idxmin() if len(now) else "—"
    drop = delta.idxmin() if len(delta) else worst
    highlight = list(dict.fromkeys([*flagged, worst, drop]))
    trend = Exhibit(
        key="gates-score-trend",
        figure=gate_charts.score_trends(per_q, highlight=highlight, threshold=s.replace_below, lang=lang),
        takeaway=t("gates.takeaway.no_scores", lang) if now.empty else t(
            "gates.takeaway.trend", lang, q=latest_q, worst=worst, low=float(now.min()), drop=drop,
            d=float(delta.min()) if len(delta) else 0.0),
        data=_named(per_q,
                    {"vendor": "gates.col.vendor", "period": "gates.col.quarter", "score": "gates.chart.score"}, lang),
    )
    return [scores, trend]


def fee_exhibits(p: Portfolio, s: GateSettings, lang: str) -> list[Exhibit]:
    """Spend by channel, vendor concentration per service line, contract prices against the standard."""
    reg = gates.contract_register(p, s)
    shares = gates.channel_shares(reg)
    nc = shares.loc[shares["channel"].isin(gates.NON_COMPETITIVE)]
    flagged = reg.loc[reg["in_use"] & reg["noncompetitive_flag"]]
    channel = Exhibit(
        key="gates-channel-spend",
        figure=gate_charts.channel_spend(shares, lang),
        takeaway=t("gates.takeaway.no_contracts", lang) if shares["spend"].sum() <= 0 else t(
            "gates.takeaway.channel", lang, share=fmt_pct(float(nc["share"].sum()), 0), n=len(flagged),
            line=fmt_money(s.flag_above, lang)),
        data=_named(shares.assign(channel=shares["channel"].map(lambda c: label("channel", c, lang)),
                                  spend=shares["spend"].map(wan).round(1), share=(shares["share"] * 100).round(1)),
                    {"channel": "gates.col.channel", "contracts": "gates.col.contracts",
                     "spend": "gates.col.spend_wan", "share": "gates.col.share_pct"}, lang),
        key_figures=((t("gates.kpi.noncompetitive", lang), str(len(flagged))),),
    )
    conc = gates.concentration(p, s, reg)
    worst = conc.sort_values("hhi", ascending=False).iloc[0] if len(conc) else None
    hhi = Exhibit(
        key="gates-concentration",
        figure=gate_charts.concentration(conc, moderate=s.hhi_moderate, high=s.hhi_high, lang=lang),
        takeaway=t("gates.takeaway.no_contracts", lang) if worst is None else t(
            "gates.takeaway.hhi", lang, n=int((conc["level"] == "high").sum()),
            service=label("service", worst["service"], lang), vendor=worst["top_vendor"],
            share=fmt_pct(float(worst["top_share"]), 0), hhi=float(worst["hhi"])),
        data=_named(conc.assign(service=conc["service"].map(lambda x: label("service", x, lang)),
                                spend=conc["spend"].map(wan).round(1), hhi=conc["hhi"].round(0),
                                top_share=(conc["top_share"] * 100).round(1),
                                level=conc["level"].map(lambda x: t(f"gates.level.{x}", lang))),
                    {"service": "common.service", "vendors": "gates.col.vendors_n", "spend": "gates.col.spend_wan",
                     "hhi": "gates.chart.hhi", "top_vendor": "gates.col.top_vendor", "top_share": "gates.col.share_pct",
                     "level": "gates.col.level"}, lang),
    )
    priced = reg.loc[reg["in_use"] & reg["deviation"].notna()]
    above = priced.loc[priced["deviation"] > s.amber]
    top = priced.sort_values("deviation", ascending=False).iloc[0] if len(priced) else None
    price = Exhibit(
        key="gates-price-standard",
        figure=gate_charts.price_vs_standard(priced, amber=s.amber, red=s.red, lang=lang),
        takeaway=t("gates.takeaway.no_priced", lang) if top is None else t(
            "gates.takeaway.price", lang, m=len(priced), n=len(above), amber=fmt_pct(s.amber, 0),
            code=f"{top['code']} {top['vendor']}", dev=fmt_pct(float(top["deviation"]), 0, signed=True)),
        data=contracts_table(p, s, lang, register=priced),
    )
    return [channel, hhi, price]


def scorecard_exhibit(p: Portfolio, s: GateSettings, lang: str) -> Exhibit:
    """The scorecard matrix: every building against every check."""
    card = scorecard.scorecard(p, s)
    c = scorecard.compliance(card)
    checks = [(k, check_label(k, lang, line_break=True)) for k in gates.SCORECARD]
    return Exhibit(
        key="gates-scorecard",
        figure=gate_charts.scorecard_matrix(card, checks, lang),
        takeaway=t("gates.takeaway.scorecard_all", lang, n=c.buildings) if not c.weakest else t(
            "gates.takeaway.scorecard", lang, k=c.compliant, n=c.buildings, rate=fmt_pct(c.rate, 0),
            weakest=t(f"gates.check.{c.weakest}", lang)),
        data=scorecard_table(card, lang),
        key_figures=((t("gates.kpi.compliance", lang), fmt_pct(c.rate, 0)),
                     (t("common.buildings", lang), f"{c.compliant}/{c.buildings}")),
    )


# --- tables ---------------------------------------------------------------------------------------
def _mark(v: object) -> str:
    return "—" if v is None or (isinstance(v, float) and pd.isna(v)) else ("✓" if v else "✗")


def scorecard_table(card: pd.DataFrame, lang: str, *, name: str = "building") -> pd.DataFrame:
    """A building (or department) scorecard with ✓ / ✗ / — and the compliance rate in %."""
    out = pd.DataFrame({t("common.building" if name == "building" else "common.department", lang): card[name]})
    for k in gates.SCORECARD:
        out[check_label(k, lang)] = card[k].map(_mark)
    out[t("gates.col.compliance_pct", lang)] = (card["compliance_rate"] * 100).round(0)
    return out


def register_table(p: Portfolio, s: GateSettings, lang: str) -> pd.DataFrame:
    """The vendor register: details, status with reason and date, rules, score and flags."""
    a = gates.admission_table(p, s).set_index("id")
    v = gates.vendor_summary(p, s).set_index("id").join(
        a[["credit_code", "service_lines", "registered_capital_wan", "founded_year", "status_reason", "status_date",
           "admitted_because"]])
    v = v.assign(
        status=v["status"].map(lambda x: label("status", x, lang)),
        service_lines=v["service_lines"].map(
            lambda x: join((label("service", c, lang) for c in str(x).split(";") if c), lang)),
        spend=v["spend"].map(wan).round(1), share=(v["share"] * 100).round(1), score_mean=v["score_mean"].round(1),
        flags=v["flags"].map(lambda fs: join((t(f"gates.flag.{f}", lang) for f in fs), lang)),
    )
    return _named(v, {
        "vendor": "gates.col.vendor", "status": "gates.col.status", "status_date": "gates.col.status_date",
        "status_reason": "gates.col.status_reason", "flags": "gates.col.flags", "contracts": "gates.col.contracts",
        "spend": "gates.col.spend_wan", "share": "gates.col.share_pct", "score_mean": "gates.col.score_mean",
        "trend": "gates.col.trend", "eligible": "gates.col.eligible", "qualification_level": "gates.col.qualification",
        "confidential_cleared": "gates.col.cleared", "service_lines": "gates.col.lines",
        "admitted_because": "gates.col.admitted_because", "credit_code": "gates.col.credit_code",
        "registered_capital_wan": "gates.col.capital", "founded_year": "gates.col.founded",
    }, lang).reset_index(drop=True)


def contracts_table(p: Portfolio, s: GateSettings, lang: str, *, register: pd.DataFrame | None = None) -> pd.DataFrame:
    """The contract register as read on the page: most urgent state first, then by code."""
    r = gates.contract_register(p, s) if register is None else register
    r = r.assign(_o=r["state"].map({x: i for i, x in enumerate(gates.STATE_ORDER)})).sort_values(["_o", "code"])
    flags = [
        join((t(f"gates.flag.{k}", lang) for k, on in (("noncompetitive", nc), ("signed_while_barred", sb)) if on), lang)
        for nc, sb in zip(r["noncompetitive_flag"], r["signed_while_barred"])
    ]
    r = r.assign(
        channel=r["channel"].map(lambda x: label("channel", x, lang)),
        state=r["state"].map(lambda x: t(f"gates.state.{x}", lang)),
        fee_status=r["fee_status"].map(lambda x: t(f"gates.fee.{x}", lang)),
        vendor_status=r["vendor_status"].map(lambda x: label("status", x, lang)),
        term=r["start_date"].astype(str) + " – " + r["end_date"].astype(str),
        annual_price=r["annual_price"].map(wan).round(1),
        price_per_m2_month=r["price_per_m2_month"].round(2), standard_per_m2_month=r["standard_per_m2_month"].round(2),
        deviation=(r["deviation"] * 100).round(0), flags=flags,
    )
    return _named(r, {
        "code": "gates.col.code", "title": "gates.col.title", "vendor": "gates.col.vendor",
        "vendor_status": "gates.col.status", "channel": "gates.col.channel", "term": "gates.col.term",
        "state": "gates.col.state", "months_left": "gates.col.months_left", "annual_price": "gates.col.price_wan",
        "price_per_m2_month": "gates.col.price_m2", "standard_per_m2_month": "gates.col.standard_m2",
        "deviation": "gates.col.deviation_pct", "fee_status": "gates.col.fee_status", "flags": "gates.col.flags",
    }, lang)


def ranking_table(p: Portfolio, s: GateSettings, lang: str, *, of: str) -> pd.DataFrame:
    """Vendors (``of="vendor"``) or buildings (``of="building"``) ranked by mean score, with trend."""
    r = gates.ranking(p, s) if of == "vendor" else quality.building_ranking(p, w=s.weight_series,
                                                                              threshold=s.replace_below)
    r = r.dropna(subset=["score_mean"])
    r["rank"] = r["rank"].astype(int)
    r = r.assign(band=quality.band_of(r["score_mean"], s.bands).map(lambda b: t(f"gates.band.{b}", lang)),
                 score_mean=r["score_mean"].round(1), latest=r["latest"].round(1), change=r["change"].round(1))
    cols = {"rank": "gates.col.rank", of: "gates.col.vendor" if of == "vendor" else "common.building",
            "score_mean": "gates.col.score_mean", "band": "gates.col.band", "latest": "gates.col.latest",
            "change": "gates.col.change", "trend": "gates.col.trend", "low_streak": "gates.col.low_streak",
            "flagged": "gates.col.flagged"}
    return _named(r, cols, lang)


@dataclass(frozen=True)
class BonusSummary:
    """The quality gate's bonus and penalty on one year's fees [CNY]."""

    year: int
    bonus: float
    penalty: float  # negative

    @property
    def net(self) -> float:
        """Bonus plus penalty."""
        return self.bonus + self.penalty


def bonus_summary(p: Portfolio, s: GateSettings) -> BonusSummary:
    """Sum the bonus/penalty of :func:`core.domain.quality.fee_adjustments` over every arrangement."""
    f = quality.fee_adjustments(p, s.year, bands=s.bands, w=s.weight_series)
    return BonusSummary(year=s.year, bonus=float(f["effect"].clip(lower=0).sum()),
                        penalty=float(f["effect"].clip(upper=0).sum()))


# --- drill-down -----------------------------------------------------------------------------------
def vendor_detail(p: Portfolio, s: GateSettings, vendor_id: int, lang: str) -> dict[str, pd.DataFrame | list[str]]:
    """One vendor's contracts, its assessments while under contract (building × criterion by
    quarter), its admission decisions, and the flags that concern it."""
    reg = gates.contract_register(p, s)
    contracts = contracts_table(p, s, lang, register=reg.loc[reg["vendor_id"] == vendor_id])
    cs = quality.criterion_scores(p, s.weight_series)
    cs = cs.loc[(cs["vendor_id"] == vendor_id) & cs["counts"]]
    names = p.buildings.set_index("id")["name"]
    cs = cs.assign(building=cs["building_id"].map(names), period=_period(cs["year"], cs["quarter"]),
                   criterion=cs["criterion"].map(lambda c: label("criterion", c, lang)))
    assessments = cs.pivot_table(index=["building", "criterion"], columns="period", values="score", aggfunc="first")
    assessments = assessments.reset_index().rename(columns={"building": t("common.building", lang),
                                                            "criterion": t("gates.col.criterion", lang)})
    d = p.vendor_decisions.loc[p.vendor_decisions["vendor_id"] == vendor_id].sort_values("decided_on")
    d = d.assign(change=[f"{'—' if pd.isna(a) else label('status', a, lang)} → {label('status', b, lang)}"
                         for a, b in zip(d["from_status"], d["to_status"])],
                 checks=d["criteria"].map(lambda c: _checks_text(c, lang)))
    decisions = _named(d, {"decided_on": "gates.col.decided_on", "change": "gates.col.change_status",
                           "reason": "gates.col.reason", "checks": "gates.col.criteria",
                           "decided_by": "gates.col.decided_by"}, lang)
    summary = gates.vendor_summary(p, s).set_index("id")
    flags = [t(f"gates.flag.{f}", lang) for f in summary.at[vendor_id, "flags"]] if vendor_id in summary.index else []
    return {"contracts": contracts, "assessments": assessments, "decisions": decisions, "flags": flags}


def _checks_text(criteria: object, lang: str) -> str:
    """A decision's recorded rule checks, readable: ``资质等级 1 ✓；无黑名单记录 ✓ …``."""
    try:
        rules = json.loads(str(criteria or "") or "{}").get("rules", [])
    except (json.JSONDecodeError, AttributeError):
        return ""
    return join((f"{t('gates.rule.' + r['rule'], lang)} {r['actual']} {'✓' if r['passed'] else '✗'}" for r in rules), lang)


@dataclass(frozen=True)
class GateKpis:
    """The page's headline figures."""

    admitted: int
    vendors: int
    applied: int
    spend: float  # contracts in use [CNY/yr]
    contracts: int
    noncompetitive: int  # in use, above the line
    replace: int  # vendors flagged for replacement
    compliance: scorecard.Compliance
    bonus: BonusSummary






def gate_kpis(p: Portfolio, s: GateSettings) -> GateKpis:
    """Admitted vendors, spend in use, flagged awards and vendors, compliance and bonus/penalty."""
    reg = gates.contract_register(p, s)
    use = reg.loc[reg["in_use"]]
    status = p.vendors["status"]
    ranking = gates.ranking(p, s)
    return GateKpis(
        admitted=int((status == "admitted").sum()), vendors=len(status), applied=int((status == "applied").sum()),
        spend=float(use["annual_price"].sum()), contracts=len(use), noncompetitive=int(use["noncompetitive_flag"].sum()),
        replace=int(ranking["flagged"].sum()), compliance=scorecard.compliance(scorecard.scorecard(p, s)),
        bonus=bonus_summary(p, s),
    )


def department_table(p: Portfolio, s: GateSettings, lang: str) -> pd.DataFrame:
    """Every department's scorecard (✓ / ✗ / —) over the buildings it occupies, weakest first."""
    dep = scorecard.department_scorecard(p, scorecard.scorecard(p, s)).sort_values(["compliance_rate", "department"])
    out = scorecard_table(dep, lang, name="department")
    out.insert(1, t("common.buildings", lang), dep["buildings"].map(lambda b: join(b, lang)).to_numpy())
    return out


def vendor_names(p: Portfolio, s: GateSettings) -> dict[int, str]:
    """Vendor id → name, in the register's order (largest spend first)."""
    v = gates.vendor_summary(p, s)
    return dict(zip(v["id"].astype(int), v["vendor"]))


@dataclass(frozen=True)
class GatesPage:
    """Everything the Vendors & quality page shows, computed in one go (the gates share their
    register, ranking and scorecard within one portfolio)."""

    kpis: GateKpis
    exhibits: dict[str, Exhibit]
    register: pd.DataFrame
    contracts: pd.DataFrame
    vendor_ranking: pd.DataFrame
    building_ranking: pd.DataFrame
    departments: pd.DataFrame
    vendor_names: dict[int, str]  # in the register's order


def gates_page(p: Portfolio, s: GateSettings, lang: str) -> GatesPage:
    """The page's figures, charts and tables under settings ``s`` in ``lang``."""
    return GatesPage(
        kpis=gate_kpis(p, s), exhibits={e.key: e for e in gates_exhibits(p, s, lang)},
        register=register_table(p, s, lang), contracts=contracts_table(p, s, lang),
        vendor_ranking=ranking_table(p, s, lang, of="vendor"), building_ranking=ranking_table(p, s, lang, of="building"),
        departments=department_table(p, s, lang), vendor_names=vendor_names(p, s),
    )


GATE_FACTORS: tuple[str, ...] = (
    "admission_min_qualification", "admission_min_score", "quality_replace_below", "direct_award_flag_threshold",
    "contract_expiry_window_months", "quality_band_excellent_min", "quality_band_excellent_adj",
    "quality_band_good_min", "quality_band_good_adj", "quality_band_fair_min", "quality_band_fair_adj",
    "quality_band_poor_adj", "hhi_moderate", "hhi_high", *(f"qw_{c}" for c in CRITERIA),
)


def gates_section(p: Portfolio, lang: str, options: PackOptions) -> SectionContent:
    """The Vendors & quality page's part of the meeting pack, at the Bureau's saved rules, judged today."""
    s = GateSettings.from_book(p)
    if options.year in p.years:
        s = replace(s, year=int(options.year))  # type: ignore[arg-type]
    k = gate_kpis(p, s)
    return SectionContent(
        exhibits=tuple(gates_exhibits(p, s, lang)),
        key_figures=(
            (t("gates.kpi.compliance", lang), fmt_pct(k.compliance.rate, 0)),
            (t("gates.kpi.noncompetitive", lang), str(k.noncompetitive)),
            (t("gates.kpi.replace", lang), str(k.replace)),
        ),
        assumptions=GATE_FACTORS,
    )
