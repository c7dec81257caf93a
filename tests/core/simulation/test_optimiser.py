"""The optimiser finds the best plan: brute-force enumeration of every plan of small portfolios, judged
by the simulator itself, gives the same optimum as the solver."""
import itertools

import numpy as np
import pytest

from core.simulation.constraints import Constraints, Limit, Settings
from core.simulation.levers import DELIVERIES
from core.simulation.model import evaluate
from core.simulation.optimiser import decode, npv_draws
from core.simulation.options import value_options
from core.simulation.plan import base_items, prepare
from core.simulation.program import build
from core.simulation.recommend import Figures, cvar, recommend

POLICY = {"unified_management": True, "fee_cap": True, "quality_gate": True, "energy": True}
# what the simulator does not model is switched off, so that every enumerated plan is allowed
OPEN = Constraints(attrition=False, contract_ends=False, vendor_quality=Limit(enabled=False))
EXACT = {"mip_rel_gap": 0.0, "draws": 60}


def enumerate_plans(p, levers, cells, *, lots_for=(), pooling=(False,)):
    """Every plan of ``cells`` (building, service, today's delivery): each cell any delivery, each
    service of ``lots_for`` bundled in one lot or not, pooling as given; with the simulator's NPV over
    the draws ``theta`` of the options. Yields (choice, lots, pooling, levers)."""
    per_cell = [[(b, s, d) for d in DELIVERIES] for b, s, _ in cells]
    for deliveries in itertools.product(*per_cell):
        conversions = [{"building": b, "service": s, "to": d} for (b, s, d), (_, _, now) in zip(deliveries, cells) if d != now]
        for bundled in itertools.product((False, True), repeat=len(lots_for)):
            for pool in pooling:
                lv = {**levers, "conversions": conversions, "staff_pooling": pool,
                      "bundling": {s: 1 for s, on in zip(lots_for, bundled) if on}}
                yield deliveries, lv


def test_conversions_alone_the_solver_finds_what_enumeration_finds(tiny):
    # 甲楼 and 乙楼 × cleaning and security: 4 cells × 3 deliveries = 81 plans, no bundling, no pooling.
    # The options' NPVs add up to the simulator's exactly for such plans, so the optimum must agree
    # to the yuan (gap 0).
    levers = {**POLICY, "scope": {"buildings": ["甲楼", "乙楼"]}}
    items = base_items(tiny)
    o = value_options(tiny, levers, draws=EXACT["draws"], items=items)
    cells = list(zip(o.cells["building"], o.cells["service"], o.cells["kind0"]))
    assert len(cells) == 4
    results = []
    for deliveries, lv in enumerate_plans(tiny, levers, cells):
        npv = evaluate(prepare(tiny, lv, items), o.theta).npv
        results.append((npv.mean(), cvar(npv, 0.2), deliveries))
    best_mean = max(r[0] for r in results)
    best_cvar = max(r[1] for r in results)
    for objective, best in (("expected", best_mean), ("cvar", best_cvar)):
        settings = Settings(objective=objective, alpha=0.2, bundle=False, pool=False, **EXACT)
        rec = recommend(tiny, levers, OPEN, settings, options=o, items=items)
        assert rec.solution.status == "optimal"
        got = rec.evaluated.mean if objective == "expected" else rec.evaluated.cvar
        assert got == pytest.approx(best, rel=1e-9), objective
        # and the optimiser's own figure is the simulator's: conversions are exact
        assert rec.own.mean == pytest.approx(rec.evaluated.mean, rel=1e-9)


def test_with_bundling_and_pooling_the_solver_finds_what_enumeration_finds(tiny):
    # cleaning in the three buildings: 3 cells × 3 deliveries × bundled or not × pooled or not = 108
    # plans, each run through the simulator. Bundling and pooling are approximated in the program
    # (piecewise-linear curve, each group's cost per worker held): the plan it picks must be the
    # enumeration's best, or within the approximation's reported difference of it.
    levers = {**POLICY, "scope": {"services": ["cleaning"]}}
    items = base_items(tiny)
    o = value_options(tiny, levers, draws=EXACT["draws"], items=items)
    cells = list(zip(o.cells["building"], o.cells["service"], o.cells["kind0"]))
    assert len(cells) == 3
    best = max(evaluate(prepare(tiny, lv, items), o.theta).npv.mean()
               for _, lv in enumerate_plans(tiny, levers, cells, lots_for=("cleaning",), pooling=(False, True)))
    rec = recommend(tiny, levers, OPEN, Settings(**EXACT), options=o, items=items)
    assert rec.solution.status == "optimal"
    assert rec.evaluated.mean <= best + 1e-6  # enumeration covers every plan the optimiser can choose
    assert rec.evaluated.mean >= best - max(abs(rec.difference), 1e-6 * best)


def test_the_program_own_figure_matches_a_hand_count(tiny):
    # the objective HiGHS reports is the optimiser's own expected NPV of the plan it returns
    levers = {**POLICY}
    o = value_options(tiny, levers, draws=40)
    pr = build(o, OPEN, Settings(draws=40), _weights())
    sol = pr.model.solve(gap=0.0)
    own = npv_draws(pr, sol, decode(pr, sol))
    assert sol.objective == pytest.approx(own.mean(), rel=1e-9)


def test_cvar_is_the_mean_of_the_worst_share():
    # ten draws 1..10, alpha 0.2: the worst two are 1 and 2, mean 1.5; alpha 0.25: 1, 2 and half of 3
    # → (1 + 2 + 0.5 × 3) / 2.5 = 1.8
    v = np.arange(10, 0, -1, dtype=float)
    assert cvar(v, 0.2) == pytest.approx(1.5)
    assert cvar(v, 0.25) == pytest.approx(1.8)
    f = Figures.of(v, 0.2)
    assert f.mean == pytest.approx(5.5) and f.cvar == pytest.approx(1.5)


def _weights():
    from core.simulation.criteria import Weights

    return Weights()
