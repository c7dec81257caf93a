"""Commands that read the analysis: compare, standards, vendors, scorecard."""
from __future__ import annotations

import argparse

import pandas as pd

from core.cli.common import _clean, _gate_settings, _num, _portfolio_and_year, _print_json
from core.domain import gates, scorecard

COMPARE_KEYS = {  # key → decimals
    "mode": 0, "buildings": 0, "area_m2": 1, "annual_cost": 2, "cost_per_m2": 2, "staff_in_house": 1,
    "staff_vendor": 1, "quality_mean": 2, "budget_cv": 4,
}


def cmd_compare(args: argparse.Namespace) -> int:
    from core.domain import compare

    p, year = _portfolio_and_year(args.year)
    summary = compare.mode_comparison(compare.building_measures(p, year))
    rows = [{k: _clean(r[k], d) for k, d in COMPARE_KEYS.items()} for r in summary.to_dict("records")]
    if args.json:
        _print_json(rows)
        return 0
    print(f"full cost by support mode, {year} (annual_cost in CNY: recorded spending plus hidden costs)")
    print(f"  {'mode':<9}{'buildings':>10}{'area_m2':>11}{'annual_cost':>14}{'per_m2':>9}{'in-house':>10}"
          f"{'vendor':>8}{'quality':>9}{'budget_cv':>11}")
    for r in rows:
        print(f"  {r['mode']:<9}{r['buildings']:>10}{r['area_m2'] or 0:>11,.0f}{r['annual_cost'] or 0:>14,.0f}"
              f"{r['cost_per_m2'] or 0:>9,.1f}{r['staff_in_house'] or 0:>10,.0f}{r['staff_vendor'] or 0:>8,.0f}"
              f"{r['quality_mean'] or 0:>9.1f}{r['budget_cv'] or 0:>11.3f}")
    return 0


def cmd_standards(args: argparse.Namespace) -> int:
    from core.domain import standards

    p, year = _portfolio_and_year(args.year)
    book = p.book
    amber = book.value("std_amber_pct") if args.amber is None else args.amber / 100
    red = book.value("std_red_pct") if args.red is None else args.red / 100
    tolerance = book.value("fee_cap_tolerance") if args.tolerance is None else args.tolerance / 100
    bench = standards.benchmark(p, year, amber=amber, red=red)
    table = standards.standards_table(bench)
    digits = {"cost_per_m2_month": 4, "standard_per_m2_month": 4, "deviation_pct": 2}
    items = [{k: _clean(v, digits.get(k, 2)) for k, v in r.items()} for r in table.to_dict("records")]
    release = standards.capped_fee_release(bench, tolerance=tolerance)
    if args.json:
        _print_json({"year": year, "amber": amber, "red": red, "tolerance": tolerance, "items": items,
                     "capped_fee_release": round(release, 2)})
        return 0
    print(f"fees against the unified standards, {year} (CNY per m² per month; amber > {amber:.0%}, red > {red:.0%})")
    for r in items:
        std = "-" if r["standard_per_m2_month"] is None else f"{r['standard_per_m2_month']:.2f}"
        dev = "" if r["deviation_pct"] is None else f"{r['deviation_pct']:+.0f}%"
        print(f"  {r['building']:<12}{r['service']:<15}{r['cost_per_m2_month']:>8.2f}{std:>8}{dev:>8}  {r['status']}")
    print(f"capping fees above the standard (+{tolerance:.0%}) releases CNY {release:,.0f} a year")
    return 0


def cmd_vendors(args: argparse.Namespace) -> int:
    p, s = _gate_settings(args)
    v = gates.vendor_summary(p, s)
    rows = [{"vendor": r.vendor, "status": r.status, "contracts": int(r.contracts), "spend": round(float(r.spend), 2),
             "score_mean": _num(r.score_mean), "flagged": bool(r.flagged), "flags": list(r.flags)}
            for r in v.itertuples()]
    if args.json:
        _print_json(rows)
        return 0
    print(f"vendors judged on {s.on} (spend: annual price of contracts in use, CNY; score: last four quarters)")
    print(f"  {'vendor':<16}{'status':<13}{'contracts':>10}{'spend':>14}{'score':>8}  flags")
    for r in rows:
        score = "-" if r["score_mean"] is None else f"{r['score_mean']:.1f}"
        print(f"  {r['vendor']:<16}{r['status']:<13}{r['contracts']:>10}{r['spend']:>14,.0f}{score:>8}  "
              + ", ".join(r["flags"]))
    return 0


def cmd_scorecard(args: argparse.Namespace) -> int:
    p, s = _gate_settings(args)
    card = scorecard.scorecard(p, s)
    summary = scorecard.compliance(card)

    def rows(frame: pd.DataFrame, name: str) -> list[dict[str, object]]:
        out = []
        for r in frame.to_dict("records"):
            row: dict[str, object] = {name: r[name]}
            row.update({c: bool(r[c]) if r[c] is not None else True for c in gates.SCORECARD})
            row["not_applicable"] = [c for c in gates.SCORECARD if r[c] is None]
            row["compliance_rate"] = _num(r["compliance_rate"], 4)
            out.append(row)
        return out

    result = {
        "on": s.on.isoformat(), "year": s.year, "compliance_rate": round(summary.rate, 4),
        "compliant_buildings": summary.compliant, "buildings_total": summary.buildings,
        "criteria": list(gates.SCORECARD), "named_in_source": sorted(gates.SOURCED_CHECKS),
        "buildings": rows(card, "building"),
        "departments": rows(scorecard.department_scorecard(p, card), "department"),
    }
    if args.json:
        _print_json(result)
        return 0
    print(f"unified-management scorecard, judged on {s.on}, ledger and assessments of {s.year}")
    print("  (unified_management and unified_standard are named in the source; the others are the dashboard's checks)")
    print("  building            " + " ".join(f"{c[:10]:>10}" for c in gates.SCORECARD) + "   rate")
    for r in card.to_dict("records"):
        marks = " ".join(f"{'-' if r[c] is None else ('yes' if r[c] else 'NO'):>10}" for c in gates.SCORECARD)
        print(f"  {r['building']:<18}{marks}  {r['compliance_rate']:>5.0%}")
    print(f"compliance rate {summary.rate:.1%}; {summary.compliant} of {summary.buildings} buildings meet every check")
    return 0
