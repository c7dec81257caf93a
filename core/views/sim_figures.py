"""The figures a leader reads first (关键数字), computed once for a scenario and written the same way in the
headline sentence, the page's tiles and the meeting pack, rounded as a finance official would: two
significant figures ("约 1,900 万元"), an 80% range ("有 80% 的可能在 … 之间"), never a 100% chance.

Money ranges come from the Monte Carlo (P10, P50, P90); when the saving reaches full effect, the people
affected and the payback year from the deterministic schedule (the book's values).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.i18n import approx_figure, fmt_approx, fmt_approx_range, fmt_chance, join, t
from core.simulation.model import Result
from core.simulation.people import TYPES
from core.simulation.risk import MonteCarlo


@dataclass(frozen=True)
class Figures:
    """A scenario's key figures [CNY, persons, years]."""

    start: int
    end: int
    npv: tuple[float, float, float]  # P10, P50, P90 of the NPV saving
    chance: float  # probability that the NPV saving is positive
    budget_year: int  # the first simulated year: the next budget
    budget_cut: tuple[float, float, float]  # P10, P50, P90 of that year's net saving (预算可压减)
    full_effect_year: int | None  # the first year at full effect (None: not within the horizon)
    reached: float  # share of the full effect reached in the last year
    annual: float  # annual saving at full effect, base-year prices
    people: dict[str, float]  # people released over the horizon, by type (people.TYPES)
    one_time: float  # one-time costs over the horizon
    payback: int | None
    used: bool  # whether any lever is on

    @property
    def people_total(self) -> float:
        """Everyone released over the horizon."""
        return float(sum(self.people.values()))


def figures(r: Result, mc: MonteCarlo) -> Figures:
    """The key figures of a scenario at the book's values (``r``) and over its draws (``mc``)."""
    q = mc.npv_quantiles()
    first = np.quantile(mc.net[0], (0.1, 0.5, 0.9))
    people = r.people_by_type.sum(axis=1)
    return Figures(
        start=r.years[0], end=r.years[-1], npv=(float(q[0]), float(q[1]), float(q[2])), chance=mc.prob_positive,
        budget_year=r.years[0], budget_cut=(float(first[0]), float(first[1]), float(first[2])),
        full_effect_year=r.full_effect_year, reached=float(r.in_effect[-1]) if r.in_effect.size else 0.0,
        annual=r.annual_saving, people={k: float(v) for k, v in zip(TYPES, people)},
        one_time=r.transition_total, payback=r.payback_year, used=bool(r.plan.levers.enabled()),
    )


# --- words ---------------------------------------------------------------------------------------------
def payback_text(f: Figures, lang: str) -> str:
    """When the one-time costs are paid back, in words (the same on the tile and in the sentence)."""
    if f.one_time <= 0:
        return t("sim.payback.none_needed", lang)
    if f.payback is None:
        return t("sim.payback.never", lang, end=f.end)
    return t("sim.payback.year", lang, year=f.payback)


def people_text(f: Figures, lang: str) -> str:
    """How many people the plan affects, by type: 35 人（编制内 5 人、编外合同 20 人…）, or none."""
    total = round(f.people_total)
    if total == 0 and f.people_total < 0.5:
        return t("plans.people.none", lang)
    parts = [t("plans.people.part", lang, type=t(f"plans.type.{k}", lang), n=_persons(v))
             for k, v in f.people.items() if v >= 0.05]
    return t("plans.people.some", lang, n=_persons(f.people_total), parts=join(parts, lang))


def _persons(x: float) -> str:
    """A head count: whole people, or one decimal under ten when the count is an expectation."""
    return f"{x:,.0f}" if abs(x - round(x)) < 0.05 or x >= 10 else f"{x:.1f}"


def budget_text(f: Figures, lang: str) -> str:
    """The first budget year's effect: 2026 年预算可压减约 120 万元 (or must rise)."""
    cut = f.budget_cut[1]
    key = "plans.budget.cut" if cut >= 0 else "plans.budget.rise"
    return t(key, lang, year=f.budget_year, amount=fmt_approx(abs(cut), lang))


def budget_value(f: Figures, lang: str) -> str:
    """The first budget year's effect as a table cell: 可压减约 120 万元, or 需增加约 110 万元 (never a cut of −110)."""
    cut = f.budget_cut[1]
    return t("plans.budget.value_cut" if cut >= 0 else "plans.budget.value_rise", lang, amount=fmt_approx(abs(cut), lang))


def budget_range(f: Figures, lang: str) -> str:
    """The 80% range of the first budget year's effect, in the direction the median goes (a rise as a rise)."""
    low, _, high = f.budget_cut
    return fmt_approx_range(low, high, lang) if f.budget_cut[1] >= 0 else fmt_approx_range(-high, -low, lang)


def full_effect_text(f: Figures, lang: str) -> str:
    """When the saving reaches full effect, and how much it is then."""
    if f.full_effect_year is not None:
        return t("plans.full.year", lang, year=f.full_effect_year, annual=fmt_approx(f.annual, lang))
    return t("plans.full.partial", lang, end=f.end, share=f"{f.reached * 100:.0f}%", annual=fmt_approx(f.annual, lang))


def headline(f: Figures, lang: str, who: str) -> str:
    """The key figures in the sentences a leader reads aloud."""
    if not f.used:
        return t("sim.headline.none", lang)
    p10, p50, p90 = f.npv
    one_time = (t("plans.one_time.none", lang) if f.one_time <= 0 else
                t("plans.one_time.some", lang, amount=fmt_approx(f.one_time, lang), payback=payback_text(f, lang)))
    text = t("plans.headline", lang, who=who, start=f.start, end=f.end, p50=fmt_approx(p50, lang),
             range=fmt_approx_range(p10, p90, lang), chance=fmt_chance(f.chance, lang), budget=budget_text(f, lang),
             full=full_effect_text(f, lang), one_time=one_time, people=people_text(f, lang))
    return text[:1].upper() + text[1:]


Tile = tuple[str, str, str]  # label, value, explanation


def tiles(f: Figures, lang: str) -> tuple[Tile, ...]:
    """The six tiles beside the sentence: the same figures, the same rounding."""
    p10, p50, p90 = f.npv
    full = str(f.full_effect_year) if f.full_effect_year is not None else t("plans.tile.after", lang, end=f.end)
    return (
        (t("plans.tile.npv", lang), approx_figure(p50, lang),
         t("plans.tile.npv_help", lang, range=fmt_approx_range(p10, p90, lang), start=f.start, end=f.end)),
        (t("plans.tile.chance", lang), fmt_chance(f.chance, lang), t("plans.tile.chance_help", lang)),
        (t("plans.tile.budget" if f.budget_cut[1] >= 0 else "plans.tile.budget_rise", lang, year=f.budget_year),
         approx_figure(abs(f.budget_cut[1]), lang),
         t("plans.tile.budget_help" if f.budget_cut[1] >= 0 else "plans.tile.budget_rise_help", lang,
           year=f.budget_year, range=budget_range(f, lang))),
        (t("plans.tile.full", lang), full, full_effect_text(f, lang)),
        (t("plans.tile.people", lang), _persons(f.people_total), people_text(f, lang)),
        (t("plans.tile.one_time", lang), approx_figure(f.one_time, lang), payback_text(f, lang)),
    )
