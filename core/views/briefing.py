"""The briefing (汇报提纲) that opens the meeting pack, and the pack's cover figures.

Five paragraphs in the order of a 请示/汇报 to the leadership group — 基本情况, 存在问题, 测算结果,
建议, 请示事项 — drafted from the data and the chosen scenario; an analyst may rewrite any of them
before export (the edited text is saved with the pack settings and replaces the draft). The cover
holds at most six key figures, each explained in a sentence.

测算结果 takes its figures from the simulator's own API (:func:`core.views.simulator.headline`,
:attr:`Analysis.npv`, ``mc.prob_positive``), so the briefing says what the Consolidation page says.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from core.domain.compare import Cheapest, building_measures, cheapest_mode, mode_comparison
from core.domain.spending import budget_deviation_by_year, overview_kpis
from core.domain.standards import benchmark, capped_fee_release, excess_above_standard
from core.i18n import fmt_approx, fmt_approx_range, fmt_chance, fmt_money, fmt_num, fmt_pct, join, label, t
from core.store.repo import Portfolio
from core.views import sim_figures, simulator
from core.views.compare import cheapest_sentence
from core.views.exhibits import PackOptions, ScenarioChoice

PARAGRAPHS: tuple[str, ...] = ("basic", "problems", "results", "proposals", "requests")
MAX_COVER = 6
NON_COMPETITIVE: tuple[str, ...] = ("single_source", "direct_award")


@dataclass(frozen=True)
class CoverFigure:
    """A figure on the pack's cover: what it is, its value, and one sentence saying what it means."""

    label: str
    value: str
    explanation: str


@dataclass(frozen=True)
class Briefing:
    """The briefing's paragraphs ((key, heading, text) in order) and the cover's figures."""

    paragraphs: tuple[tuple[str, str, str], ...]
    cover: tuple[CoverFigure, ...]
    edited: frozenset[str] = frozenset()  # keys of the paragraphs an analyst rewrote

    def text(self, key: str) -> str:
        """One paragraph's text."""
        return next(body for k, _, body in self.paragraphs if k == key)


@dataclass(frozen=True)
class _Facts:
    year: int
    buildings: int
    area_m2: float
    departments: int
    total: float
    per_m2: float
    mode_counts: dict[str, int]
    dev_low: float
    dev_high: float
    dev_first: int
    dev_last: int
    red: int
    amber: int
    excess: float
    release: float
    uplift: float
    noncompetitive: int
    noncompetitive_amount: float
    cheapest: Cheapest | None


def _facts(p: Portfolio, year: int) -> _Facts:
    k = overview_kpis(p, year)
    per_year = budget_deviation_by_year(p)
    book = p.book
    bench = benchmark(p, year, amber=book.value("std_amber_pct"), red=book.value("std_red_pct"))
    fees = bench.loc[~bench["paid_at_actual"].astype(bool)]
    measures = building_measures(p, year)
    contracts = p.contracts
    start = pd.to_datetime(contracts["start_date"]).dt.year
    end = pd.to_datetime(contracts["end_date"]).dt.year
    running = contracts.loc[(start <= year) & (end >= year) & contracts["channel"].astype(str).isin(NON_COMPETITIVE)]
    recorded = float(measures["recorded"].sum())
    return _Facts(
        year=year, buildings=k.buildings, area_m2=k.area_m2, departments=len(p.departments), total=k.total_spend,
        per_m2=k.spend_per_m2, mode_counts=dict(k.buildings_per_mode),
        dev_low=float(per_year["deviation"].min()), dev_high=float(per_year["deviation"].max()),
        dev_first=int(per_year["year"].min()), dev_last=int(per_year["year"].max()),
        red=int((fees["status"] == "red").sum()), amber=int((fees["status"] == "amber").sum()),
        excess=float(excess_above_standard(fees).clip(lower=0).sum()),
        release=capped_fee_release(bench, tolerance=book.value("fee_cap_tolerance")),
        uplift=float(measures["full_cost"].sum()) / recorded - 1 if recorded else 0.0,
        noncompetitive=len(running), noncompetitive_amount=float(running["annual_price"].sum()),
        cheapest=cheapest_mode(mode_comparison(measures)),
    )


def _modes_text(counts: dict[str, int], lang: str) -> str:
    return join((t("brief.mode_count", lang, mode=label("mode", m, lang), n=n) for m, n in counts.items() if n), lang)


def _scenario(options: PackOptions) -> ScenarioChoice | None:
    approved = [s for s in options.scenarios if s.status == "approved"]
    chosen = approved or list(options.scenarios)
    return chosen[0] if chosen else None


def draft(p: Portfolio, lang: str, options: PackOptions) -> Briefing:
    """The briefing as drafted from the data and the first chosen scenario (an approved one first)."""
    year = options.year if options.year in p.years else p.latest_year
    f = _facts(p, year)
    cheapest = cheapest_sentence(f.cheapest, lang)
    basic = t("brief.basic", lang, buildings=f.buildings, area=fmt_num(f.area_m2 / 1e4, 1), departments=f.departments,
              year=year, total=fmt_money(f.total, lang), per_m2=fmt_num(f.per_m2), modes=_modes_text(f.mode_counts, lang))
    lines = {"red_pct": fmt_pct(p.book.value("std_red_pct"), 0), "amber_pct": fmt_pct(p.book.value("std_amber_pct"), 0)}
    problems = [t("brief.problem.standards", lang, year=year, red=f.red, amber=f.amber, excess=fmt_money(f.excess, lang),
                  **lines)
                if f.red + f.amber else t("brief.problem.standards_none", lang, year=year),
                t("brief.problem.budget", lang, first=f.dev_first, last=f.dev_last,
                  low=fmt_pct(f.dev_low, signed=True), high=fmt_pct(f.dev_high, signed=True)),
                t("brief.problem.channels", lang, n=f.noncompetitive, amount=fmt_money(f.noncompetitive_amount, lang))
                if f.noncompetitive else t("brief.problem.channels_none", lang),
                t("brief.problem.ledger", lang, uplift=fmt_pct(f.uplift, 0))]
    problems_text = _numbered(problems, lang)

    chosen = _scenario(options)
    cover = [CoverFigure(t("cover.spend", lang, year=year), fmt_money(f.total, lang),
                         t("cover.spend_note", lang, buildings=f.buildings, area=fmt_num(f.area_m2))),
             CoverFigure(t("cover.per_m2", lang), f"{fmt_num(f.per_m2)} {t('unit.yuan_m2_yr', lang)}",
                         t("cover.per_m2_note", lang)),
             CoverFigure(t("cover.cheapest", lang),
                         (f"{label('mode', f.cheapest.mode, lang)} {fmt_num(f.cheapest.cost_per_m2)} "
                          f"{t('unit.yuan_m2_yr', lang)}" if f.cheapest else "—"), cheapest),
             CoverFigure(t("cover.above", lang), t("cover.above_value", lang, n=f.red + f.amber),
                         t("cover.above_note", lang, red=f.red, amber=f.amber, release=fmt_money(f.release, lang),
                           **lines))]
    if chosen is None:
        results = t("brief.results.none", lang)
        proposals_lead = t("brief.proposal.scenario_none", lang)
        requests = [t("brief.request.scenario_none", lang)]
    else:
        a = simulator.analysed(p, chosen.levers)
        p10, p50, p90 = a.npv
        status = label("scen_status", chosen.status, lang)
        results = t("brief.results", lang, name=chosen.name, version=chosen.version, status=status,
                    headline=simulator.headline(a, lang, chosen.name),
                    levers=simulator.levers_in_words(a.levers, lang))
        proposals_lead = t("brief.proposal.scenario", lang, name=chosen.name)
        requests = [t("brief.request.scenario", lang, name=chosen.name)]
        # the same figures, rounded the same way, as the Consolidation page's sentence and tiles
        budget = sim_figures.tiles(a.figures, lang)[2]
        cover = [c for c in cover if c.label != t("cover.per_m2", lang)]  # six at most: the plan's figures first
        cover += [CoverFigure(t("cover.npv", lang, name=chosen.name), fmt_approx(p50, lang),
                              t("cover.npv_note", lang, range=fmt_approx_range(p10, p90, lang))),
                  CoverFigure(t("cover.prob", lang), fmt_chance(a.figures.chance, lang),
                              t("cover.prob_note", lang, draws=f"{a.mc.draws:,}")),
                  CoverFigure(*budget)]
    proposals = _numbered([proposals_lead, t("brief.proposal.standards", lang), t("brief.proposal.procurement", lang),
                           t("brief.proposal.budget", lang), t("brief.proposal.tracking", lang)], lang)
    requests += [t("brief.request.standards", lang), t("brief.request.lead", lang)]
    drafted = {"basic": basic + cheapest, "problems": problems_text, "results": results, "proposals": proposals,
               "requests": _numbered(requests, lang, style="request")}
    return Briefing(paragraphs=tuple((k, t(f"brief.para.{k}", lang), drafted[k]) for k in PARAGRAPHS),
                    cover=tuple(cover[:MAX_COVER]))


def _numbered(items: list[str], lang: str, *, style: str = "item") -> str:
    """一是……；二是……。 (or 一、…… for requests); in English "First, …; second, …"."""
    return t(f"brief.join.{style}", lang).join(
        t(f"brief.{style}.{i}", lang, text=text) for i, text in enumerate(items, start=1)) + t("brief.end", lang)


def briefing(p: Portfolio, lang: str, options: PackOptions) -> Briefing:
    """The briefing as the pack prints it: the draft, with every paragraph the analyst edited in its place."""
    drafted = draft(p, lang, options)
    edited = {k: v.strip() for k, v in options.briefing if k in PARAGRAPHS and v.strip()}
    return Briefing(paragraphs=tuple((k, head, edited.get(k, body)) for k, head, body in drafted.paragraphs),
                    cover=drafted.cover, edited=frozenset(edited))


def draft_paragraphs(p: Portfolio, lang: str, year: int | None,
                     scenarios: tuple[tuple[str, str, int, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """The drafted paragraphs for the pack page ((key, heading, text)); ``scenarios`` as (name, levers
    JSON, version, status), hashable so the page can cache the draft."""
    choices = tuple(ScenarioChoice(name=n, levers=json.loads(levers or "{}"), version=v, status=s)
                    for n, levers, v, s in scenarios)
    return draft(p, lang, PackOptions(year=year, scenarios=choices)).paragraphs
