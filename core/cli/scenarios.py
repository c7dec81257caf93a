"""Commands of the simulator: simulate a scenario, list the saved ones."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from sqlmodel import Session

from core.cli.common import _portfolio_and_year, _print_json
from core.store import db, scenario_rows


def cmd_simulate(args: argparse.Namespace) -> int:
    from core.simulation import scenarios
    from core.simulation.levers import DEFAULT_LEVERS, parse_levers, to_json
    from core.views import simulator

    p, _ = _portfolio_and_year(None)
    name = None
    if args.scenario and args.levers:
        raise ValueError("give --scenario NAME or --levers FILE.json, not both")
    if args.scenario:
        with Session(db.make_engine()) as session:
            saved = scenarios.load(session, name=args.scenario)
            names = scenario_rows.list_scenarios(session)["name"].tolist()
        if saved is None:
            raise ValueError(f"no saved scenario is named {args.scenario!r} (saved: {', '.join(names) or 'none'})")
        levers, name = saved.levers, saved.name
    elif args.levers:
        path = Path(args.levers)
        if not path.is_file():
            raise FileNotFoundError(f"{path} does not exist")
        levers = parse_levers(path.read_text(encoding="utf-8"))
    else:
        levers = DEFAULT_LEVERS
    if args.years is not None:
        levers = levers.model_copy(update={"horizon_years": args.years})
        levers = parse_levers(to_json(levers))  # checks the range (3 to 10)
    if args.draws < 1:
        raise ValueError("--draws must be at least 1")
    result = simulator.summary(simulator.analyse(p, levers, draws=args.draws, seed=args.seed), name)
    if args.json:
        _print_json(result)
        return 0
    print(f"scenario: {name or '(levers given)'}; {result['years'][0]}-{result['years'][1]}, base year "
          f"{result['base_year']}, {result['draws']:,} draws, seed {result['seed']} (CNY)")
    print(f"  NPV saving P10 / P50 / P90   {result['npv_saving_p10']:>14,.0f} {result['npv_saving_p50']:>14,.0f} "
          f"{result['npv_saving_p90']:>14,.0f}")
    print(f"  chance of saving money       {result['prob_positive']:>14.1%}")
    print(f"  chance of beating the hurdle {result['prob_beats_hurdle']:>14.1%}")
    print(f"  payback year                 {result['payback_year'] or '-':>14}")
    print("  annual saving by lever (full effect, base-year prices):")
    for lever, value in result["waterfall"].items():
        print(f"    {lever:<26}{value:>14,.0f}")
    print(f"  first budget year ({result['budget_year']}) net saving, P50 {result['budget_cut_p50']:>14,.0f}")
    print(f"  full effect in               {result['full_effect_year'] or 'beyond the horizon':>14}")
    print("  by year: total P10 / P50 / P90, one-time costs (P50), people released (established/contract/dispatched):")
    for year, entry in result["by_year"].items():
        total, people = entry["total"], entry["people"]
        print(f"    {year:<6}{total['p10']:>14,.0f}{total['p50']:>14,.0f}{total['p90']:>14,.0f}"
              f"{entry['one_time_p50']:>14,.0f}   {people['established']:.1f} / {people['contract']:.1f} / "
              f"{people['dispatched']:.1f}")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    from core.simulation.levers import LeverError, parse_levers, to_json

    with Session(db.make_engine()) as session:
        saved = scenario_rows.list_scenarios(session)
    rows = []
    for r in saved.to_dict("records"):
        try:
            levers: object = json.loads(to_json(parse_levers(r["levers"])))
        except LeverError as exc:
            levers = {"error": str(exc)}
        rows.append({"name": r["name"], "owner": r["owner"], "description": r["description"], "version": int(r["version"]),
                     "updated_at": str(r["updated_at"]), "levers": levers})
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("no saved scenarios")
    for r in rows:
        print(f"{r['name']}  (version {r['version']}, {r['owner']}, {r['updated_at'][:16]})")
        print(f"  {json.dumps(r['levers'], ensure_ascii=False)}")
    return 0
