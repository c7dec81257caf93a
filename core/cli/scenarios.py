"""Commands of the simulator: simulate a scenario, list the saved ones, list the adopted plans and track one."""
from __future__ import annotations

import argparse
import json

import pandas as pd
from sqlmodel import Session

from core.cli.common import _portfolio_and_year, _print_json, _saved_levers, _small_file
from core.store import db, plan_rows, scenario_rows


def cmd_simulate(args: argparse.Namespace) -> int:
    from core.simulation.levers import DEFAULT_LEVERS, parse_levers, to_json
    from core.views import simulator

    p, _ = _portfolio_and_year(None)
    name = None
    if args.scenario and args.levers:
        raise ValueError("give --scenario NAME or --levers FILE.json, not both")
    if args.scenario:
        levers, name = _saved_levers(args.scenario)
    elif args.levers:
        levers = parse_levers(_small_file(args.levers))
    else:
        levers = DEFAULT_LEVERS
    if args.years is not None:
        levers = levers.model_copy(update={"horizon_years": args.years})
        levers = parse_levers(to_json(levers))  # checks the range (3 to 10)
    if args.draws < 1:
        raise ValueError("--draws must be at least 1")
    result = simulator.summary(simulator.analyse(p, levers, draws=args.draws, seed=args.seed), name, args.lang)
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
    refused = [c for c in result["conversion_items"] if c["decision"] != "accepted"]
    if refused:
        print("  conversions not counted:")
        for c in refused:
            print(f"    {c['building']} · {c['service_name']} → {c['to']}: {c['reason']}")
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


def cmd_plans(args: argparse.Namespace) -> int:
    with Session(db.make_engine()) as session:
        plans = plan_rows.list_plans(session)
    rows = [{"name": r["name"], "version": int(r["version"]), "adopted_on": str(r["adopted_on"]),
             "approved_by": r["approved_by"], "note": r["note"], "scenario": r["scenario_name"] or None,
             "scenario_version": None if pd.isna(r["scenario_version"]) else int(r["scenario_version"]),
             "base_year": int(r["base_year"]), "years": [int(r["first_year"]), int(r["last_year"])],
             "npv_saving_p10": float(r["npv_p10"]), "npv_saving_p50": float(r["npv_p50"]),
             "npv_saving_p90": float(r["npv_p90"]), "draws": int(r["draws"]), "levers": json.loads(r["levers"])}
            for r in plans.to_dict("records")]
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("no adopted plans")
    for r in rows:
        print(f"{r['name']}  (version {r['version']}, adopted {r['adopted_on']} by {r['approved_by']}; "
              f"{r['years'][0]}-{r['years'][1]}, NPV P50 {r['npv_saving_p50']:,.0f})")
    return 0


def cmd_track(args: argparse.Namespace) -> int:
    from core.views import delivery

    p, _ = _portfolio_and_year(None)
    plans = delivery.choices(p)
    if args.plan:
        plans = plans.loc[plans["name"] == args.plan]
    if args.version is not None:
        plans = plans.loc[plans["version"] == args.version]
    if plans.empty:
        names = ", ".join(sorted(set(delivery.choices(p)["name"]))) if len(p.plans) else "none"
        raise ValueError(f"no adopted plan {args.plan!r}" + (f" version {args.version}" if args.version else "")
                         + f" (adopted: {names})" if args.plan else "no plan has been adopted yet")
    plan = plans.sort_values("version", ascending=False).iloc[0]
    d = delivery.delivery(p, int(plan["id"]))
    by_year: dict[str, dict[str, dict[str, float]]] = {}
    for r in delivery.by_year(d).itertuples():
        by_year.setdefault(str(r.year), {})[str(r.lever)] = {
            "planned": round(float(r.planned), 2), "p10": round(float(r.p10), 2), "actual": round(float(r.actual), 2),
            "variance": round(float(r.variance), 2)}
    flagged = [{"year": int(r.year), "lever": r.lever, "building": r.building, "planned": float(r.planned),
                "p10": float(r.p10), "actual": float(r.actual)} for r in d.flagged.itertuples()]
    out = {"plan": plan["name"], "version": int(plan["version"]), "adopted_on": str(plan["adopted_on"]),
           "approved_by": plan["approved_by"], "years_tracked": d.years,
           "planned": round(float(d.rows["planned"].sum()), 2), "actual": round(float(d.rows["actual"].sum()), 2),
           "by_year": by_year, "below_p10": flagged,
           "by_building": [{"year": int(r.year), "lever": r.lever, "building": r.building,
                            "planned": float(r.planned), "p10": float(r.p10), "actual": float(r.actual),
                            "variance": float(r.variance), "below_p10": bool(r.below_p10)}
                           for r in d.rows.itertuples()]}
    if args.json:
        _print_json(out)
        return 0
    print(f"{out['plan']} (version {out['version']}, adopted {out['adopted_on']} by {out['approved_by']}); CNY")
    for year, levers in by_year.items():
        for lever, v in levers.items():
            print(f"  {year}  {lever:<20}{v['planned']:>14,.2f}{v['actual']:>14,.2f}{v['variance']:>14,.2f}")
    for f in flagged:
        print(f"  below P10: {f['year']} {f['building']} {f['lever']}: {f['actual']:,.2f} < {f['p10']:,.2f}")
    return 0
