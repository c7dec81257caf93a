"""The optimiser's command: ``python -m core optimise`` recommends a plan and prints it."""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator

from core.cli.common import _portfolio_and_year, _print_json, _saved_levers, _small_file


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """HiGHS writes an occasional line straight to the process's standard output; keep it off the
    JSON (the C library's file descriptor, not just Python's stream)."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def cmd_optimise(args: argparse.Namespace) -> int:
    from core.simulation.constraints import Settings, parse_constraints
    from core.simulation.levers import DEFAULT_LEVERS, LeverError
    from core.views import recommend

    p, _ = _portfolio_and_year(None)
    name = None
    levers = DEFAULT_LEVERS
    if args.scenario:
        levers, name = _saved_levers(args.scenario)
    constraints = parse_constraints(_small_file(args.constraints)) if args.constraints else None
    try:
        settings = Settings(objective=args.objective, alpha=args.alpha, mix=args.mix, draws=args.draws,
                            time_limit=args.time_limit, mip_rel_gap=args.gap / 100)
    except ValueError as exc:  # pydantic names the setting out of range
        raise ValueError(f"settings: {str(exc).splitlines()[1].strip()}: {str(exc).splitlines()[2].strip()}") from None
    try:
        with _quiet_stdout():
            a = recommend.analyse(p, levers, constraints, settings, with_frontier=False, explain=args.explain)
    except LeverError as exc:
        raise ValueError(str(exc)) from None
    result = recommend.summary(a, name)
    if args.json:
        _print_json(result)
        return 0 if a.found else 2
    print(f"scenario: {name or '(default policy levers)'}; objective {result['objective']}; "
          f"status {result['status']}, gap {result['gap']}, {result['seconds']} s; "
          f"{result['variables']:,} variables, {result['constraints']:,} constraints")
    if not a.found:
        print(f"  {result['message']}")
        return 2
    print(f"  NPV saving P10 / P50 / P90   {result['npv_saving_p10']:>14,.0f} {result['npv_saving_p50']:>14,.0f} "
          f"{result['npv_saving_p90']:>14,.0f}  (simulator, CNY)")
    print(f"  expected: optimiser {result['optimiser_npv_mean']:,.0f}, simulator {result['evaluated_npv_mean']:,.0f}")
    print(f"  non-cost score {result['noncost_score']:.2f} (today {result['noncost_score_today']:.2f}); "
          f"lots {result['lots'] or 'none'}; staff pooling {'on' if result['staff_pooling'] else 'off'}")
    print("  changes:")
    for c in result["cells"]:
        if c["from"] != c["to"]:
            print(f"    {c['building']} · {c['service']}: {c['from']} -> {c['to']}  {c['npv_vs_keep']:>12,.0f}")
    binding = ", ".join(f"{b['group']}" + (f" ({b['key']})" if b["key"] is not None else "")
                        for b in result["binding_constraints"])
    print(f"  binding constraints: {binding or 'none'}")
    return 0
