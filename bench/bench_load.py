"""Twenty users at once on the demo city (bench/load.py): rerun latency, errors, memory of the app."""
from __future__ import annotations

import os

from bench.common import Result, demo_db
from bench.load import THINK_S, run_load

SESSIONS = int(os.environ.get("BENCH_LOAD_SESSIONS", "20"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))


def run() -> list[Result]:
    first, second = run_load(demo_db(), SESSIONS, SECONDS, rounds=2)
    tag = f"load, {SESSIONS} sessions × {SECONDS:.0f} s, {THINK_S[0]:g}-{THINK_S[1]:g} s reading"
    return [
        Result(f"{tag}: reruns completed", first["runs"], "runs"),
        Result(f"{tag}: rerun latency p50", first["p50_s"], "s"),
        Result(f"{tag}: rerun latency p95", first["p95_s"], "s", "< 3 s"),
        Result(f"{tag}: errors", first["errors"], "errors", "0", "; ".join(first["error_examples"])),
        Result(f"{tag}: app memory before / peak", first["rss_peak_mb"], "MB", note=f"before {first['rss_before_mb']} MB"),
        Result(f"{tag}: second round p95 (same process)", second["p95_s"], "s", "< 3 s"),
        Result(f"{tag}: app memory peak, second round", second["rss_peak_mb"], "MB", "bounded",
               note=f"after {second['rss_after_mb']} MB"),
    ]
