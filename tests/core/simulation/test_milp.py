"""The program's groups: switched off, relaxed, and found in conflict by the deletion filter."""
import numpy as np
import pytest

from core.simulation.explain import diagnose
from core.simulation.milp import Model


def knapsack() -> Model:
    # maximise 3 a + 2 b + 2 c with a + b + c ≤ 2 ("count") and 4 a + 3 b + 3 c ≤ 6 ("weight")
    m = Model()
    x = m.add(3, integer=True, obj=np.array([3.0, 2.0, 2.0]))
    m.row(x, [1, 1, 1], hi=2, group="count")
    m.row(x, [4, 3, 3], hi=6, group="weight")
    return m


def test_solve_switch_off_and_relax():
    m = knapsack()
    s = m.solve(gap=0.0)
    assert s.status == "optimal" and s.objective == pytest.approx(4.0)  # b and c (weight 6); a alone is 3
    assert m.solve(off={"weight"}, gap=0.0).objective == pytest.approx(5.0)  # a and b
    assert m.solve(shift={1: 1.0}, gap=0.0).objective == pytest.approx(5.0)  # weight 7: a and b fit
    assert (s.variables, s.constraints, s.integers) == (3, 2, 3)


def test_the_deletion_filter_names_a_minimal_conflict():
    m = knapsack()
    m.fix("force a", np.array([0]), lb=1.0)
    m.fix("force b", np.array([1]), lb=1.0)
    m.fix("force c", np.array([2]), lb=1.0)
    class P:  # what diagnose reads of a problem
        model = m
    assert m.solve().status == "infeasible"
    # a + b + c = 3 breaks the count; with any two forced, weight 7 or 6... a with b or c weighs 7
    conflict = set(diagnose(P()))  # type: ignore[arg-type]
    assert conflict in ({"count", "force a", "force b", "force c"}, {"weight", "force a", "force b"},
                        {"weight", "force a", "force c"})
    m2 = knapsack()
    m2.fix("force a", np.array([0]), lb=1.0)
    m2.fix("force b", np.array([1]), lb=1.0)
    class P2:
        model = m2
    assert set(diagnose(P2())) == {"weight", "force a", "force b"}  # 4 + 3 > 6; the count still holds
