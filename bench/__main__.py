"""Run the benchmarks: `python -m bench [name ...]` (names match bench/bench_<name>.py).

Prints one table of figures (medians of several runs) and writes them to bench/results.json.
Benchmarks print figures; they never fail a build on timing.
"""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    """The benchmarks there are (bench/bench_<name>.py), by name."""
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line: which benchmarks to run (default: all)."""
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Measure the dashboard: prints one table of figures (medians of "
        "several runs) and writes bench/results.json. Benchmarks print figures; they never fail on timing.")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"benchmarks to run (default all): {', '.join(available())}")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in available()]
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)} (there are: {', '.join(available())})")
    return args


def quiet_streamlit() -> None:
    """AppTest runs pages outside a server and Streamlit warns about it ("missing ScriptRunContext …
    bare mode") on every call: benchmarks show errors only."""
    os.environ["STREAMLIT_LOGGER_LEVEL"] = "error"
    import streamlit.logger

    streamlit.logger.set_log_level("error")  # the loggers made so far and every one made later
    logging.getLogger("streamlit").setLevel(logging.ERROR)


def main(argv: list[str]) -> int:
    names = parse_args(argv).names or available()
    quiet_streamlit()
    from bench.common import sign_in_as_admin

    sign_in_as_admin()
    rows = []
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        quiet_streamlit()  # importing a benchmark may import (and configure) more of Streamlit
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
