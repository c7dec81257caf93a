"""Warming: what each page's first visitor asks for, prepared once per data version before anyone asks.

When twenty people open the link at once, the first of them used to compute every page's figures
while the others waited behind. :data:`ui.shared.WARMER` runs :func:`job` in a background thread
when the first session starts and again whenever the data version changes (after an import, an edit,
a saved scenario — in this instance or another): the portfolio, the default view of every page in
both languages, the default simulation and the saved scenarios' simulations with the charts drawn
from them, and 最优方案's plan at the settings its panel starts with. A page then finds its view in the shared store (``ui.cached``, ``ui.computed``,
``ui.derived``) under the very key it asks with; tests/app/test_warm.py checks that a page
prepared here computes nothing for its first visitor, so a page that changes its defaults must
change them here too.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from functools import partial

from sqlalchemy import Engine

from core.domain import gates, scorecard
from core.i18n import LANGS
from core.simulation import risk
from core.simulation.levers import DEFAULT_LEVERS, LeverError, Levers, parse_levers
from core.simulation.plan import base_items
from core.store import repo
from core.views import compare, lever_form, overview, recommend_form, scenario_compare, simulator, standards
from core.views import gates as gates_views
from core.views import recommend as recommend_views
from core.views.exhibits import Exhibit
from core.views.sim_charts import scenario_palette
from ui.shared import WARMER
from ui.store import derived_at, load_portfolio, result_at, scenarios_at, view_at


def percent(value: float) -> int:
    """A fraction of the book as the whole percent a page's number input starts at (0.1 → 10)."""
    return round(value * 100)


def default_levers(ctx: lever_form.FormContext) -> Levers:
    """The levers a first visit to the simulator shows: the default levers as its panel reads them back."""
    return lever_form.levers_from_form(lever_form.form_values(DEFAULT_LEVERS, ctx), ctx)


def gate_settings(p: repo.Portfolio, on: dt.date) -> gates.GateSettings:
    """The Vendors page's settings at its widgets' starting values (as the page builds them)."""
    book = gates.GateSettings.from_book(p)
    return dataclasses.replace(book, on=on, expiring_months=int(book.expiring_months),
                               flag_above=book.flag_above / 1e4 * 1e4, min_qualification=book.min_qualification,
                               min_score=book.min_score, replace_below=book.replace_below,
                               weights=tuple((k, float(w)) for k, w in book.weights))


def savings_exhibits(a: simulator.Analysis, lang: str, name: str | None) -> tuple[Exhibit, Exhibit]:
    """The simulator's first view: the savings waterfall and the yearly paths (as the page draws them)."""
    return simulator.waterfall_exhibit(a, lang, name), simulator.paths_exhibit(a, lang, name)


def job(engine: object, url: str, version: str) -> None:
    """Prepare every page's default view of data ``version`` in both languages (the Overview first)."""
    if not version or not isinstance(engine, Engine):
        return
    p = load_portfolio(engine, url, version)
    year = int(p.years[::-1][0])
    today = dt.date.today()
    book = p.book
    at = (p, url, version)
    for lang in LANGS:  # the landing page first: most visitors start there
        view_at(overview.overview_view, *at, year, lang)
        view_at(overview.completeness_line, *at, lang, today)
    view_at(scorecard.current_compliance, *at, today)
    for lang in LANGS:
        view_at(compare.compare_view, *at, year, lang, services=(), buildings=(), tax_neutral=False)
        view_at(standards.standards_view, *at, year, lang, amber=percent(book.value("std_amber_pct")) / 100,
                red=percent(book.value("std_red_pct")) / 100, low=percent(book.value("std_low_pct")) / 100,
                tolerance=percent(book.value("fee_cap_tolerance")) / 100)
    s = gate_settings(p, today)
    for lang in LANGS:
        page = view_at(gates_views.gates_page, *at, s, lang)
        if page.vendor_names:
            view_at(gates_views.vendor_detail, *at, s, next(iter(page.vendor_names)), lang)
    _simulations(p, url, version, engine)
    _recommendation(p, url, version)


def _recommendation(p: repo.Portfolio, url: str, version: str) -> None:
    """最优方案's plan at the settings its panel starts with (the same for every first visitor): the
    slowest page to compute (a whole-city solve), so it comes last."""
    at = (p, url, version)
    ctx = view_at(lever_form.FormContext.of, *at)
    book = recommend_form.book_of(p)
    levers, constraints, settings, weights = recommend_form.from_form(recommend_form.form_values(ctx, book=book), ctx,
                                                                      book=book)
    result_at(recommend_views.page_analysis, *at, levers, constraints, settings, weights, (), "plan",
              derived={"items": view_at(base_items, *at)})


def _simulations(p: repo.Portfolio, url: str, version: str, engine: Engine) -> None:
    """The simulator's default scenario and the saved scenarios the Scenarios page shows first."""
    at = (p, url, version)
    ctx = view_at(lever_form.FormContext.of, *at)
    items = view_at(base_items, *at)
    levers = default_levers(ctx)
    draws, seed = risk.DEFAULT_DRAWS, risk.DEFAULT_SEED
    a = result_at(simulator.analyse, *at, levers, draws, seed, derived={"items": items})
    for lang in LANGS:
        shown = (levers, draws, seed, lang, None)
        derived_at(partial(savings_exhibits, a, lang, None), url, version, "sim-savings", *shown)
    saved = scenarios_at(engine, url, version)
    if saved.empty:
        return
    names = saved["name"].tolist()[:3]
    named = []
    for name in names:
        try:
            lv = parse_levers(saved.set_index("name").at[name, "levers"])  # as the Scenarios page reads them
        except LeverError:
            continue
        named.append((name, result_at(simulator.analyse, *at, lv, derived={"items": items})))
    if len(named) < 2:
        return
    colors = scenario_palette(saved.sort_values("id")["name"].tolist())
    shown_names = tuple(n for n, _ in named)
    for lang in LANGS:
        derived_at(partial(scenario_compare.comparison_exhibits, named, lang, colors), url, version,
                   "scenarios", shown_names, lang)
        for j, (n, a) in enumerate(named, start=1):
            derived_at(partial(simulator.waterfall_exhibit, a, lang, n, prefix=f"scenario{j}"),
                       url, version, "scenario-waterfall", n, j, lang)


WARMER.job = job
