"""Run the benchmarks: `python -m bench [name ...]` (names match bench/bench_<name>.py).

Prints one table of figures (medians of several runs) and writes them to bench/results.json.
Benchmarks print figures; they never fail a build on timing.
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    # AppTest runs pages outside a server; Streamlit says so in a warning per call. Errors still show.
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    from bench.common import sign_in_as_admin

    sign_in_as_admin()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    names = argv or sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    rows = []
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        t0 = time.perf_counter()
        results = module.run()
        print(f"# {name}: {len(results)} figures in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        rows.extend({"bench": name, **r.as_dict()} for r in results)
    width = max((len(r["name"]) for r in rows), default=10)
    print(f"{'benchmark':<{width}}  {'value':>12}  {'unit':<8}  target")
    for r in rows:
        print(f"{r['name']:<{width}}  {r['value']:>12,.3f}  {r['unit']:<8}  {r['target']}  {r['note']}")
    out = {"python": platform.python_version(), "machine": platform.machine(), "results": rows}
    (HERE / "results.json").write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
