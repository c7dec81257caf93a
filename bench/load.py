"""Many users at once: N concurrent Streamlit sessions on one app process, for a bounded time.

Each session speaks Streamlit's own websocket protocol (what a browser tab sends, without the
rendering): it asks for a script run (``BackMsg.rerun_script``) and waits for that run's
``script_finished``, then asks for the next one — switching pages, switching language and, on the
simulator, moving levers through the page's shareable-link parameters — reading each result for 1-4 s
(``--think``) before the next click. Reported: per-rerun latency
(p50, p95, max), runs completed, errors (an exception or error box on the page, a run that did not
finish, a dropped connection), and the app process's memory before, at its peak and after.

    python -m bench.load --sessions 20 --seconds 60            # against a fresh server on the demo city
    python -m bench.load --url http://127.0.0.1:8501 ...       # against a running server
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import shutil
import statistics
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
RUN_TIMEOUT = 60.0  # a run that takes longer counts as an error
THINK_S = (1.0, 4.0)  # a person reads the result before the next click: uniform between these [s]



def lever_moves(n: int = 40, seed: int = 1) -> list[tuple[str, str]]:
    """``n`` distinct lever settings on the simulator, as its shareable links carry them (``levers=``):
    lot counts, horizon and the switches change, so most moves are new to the cache and really run."""
    from urllib.parse import quote

    from core.simulation.levers import encode, parse_levers

    rng = random.Random(seed)
    moves = []
    for _ in range(n):
        levers = parse_levers({
            "horizon_years": rng.randint(3, 10),
            "unified_management": rng.random() < 0.7, "fee_cap": {"enabled": rng.random() < 0.8},
            "energy": rng.random() < 0.6, "staff_pooling": rng.random() < 0.5, "quality_gate": rng.random() < 0.6,
            "bundling": {s: rng.randint(1, 4) for s in ("cleaning", "security", "facilities") if rng.random() < 0.6},
        })
        moves.append(("consolidation", f"levers={quote(encode(levers))}"))
    return moves


# What sessions do: (url path of the page, query string). The default page's path is "".
ACTIONS: list[tuple[str, str]] = [
    ("", ""), ("", "lang=en"), ("compare", ""), ("standards", "lang=en"), ("vendors", ""),
    ("data", ""), ("pack", "lang=en"), ("scenarios", ""),
    ("consolidation", "scenario=%E6%A0%87%E5%87%86%E5%85%88%E8%A1%8C"),  # 标准先行
    ("consolidation", "scenario=%E5%85%A8%E9%9D%A2%E6%95%B4%E5%90%88&view=risk"),  # 全面整合, risk view
    *lever_moves(),
]


@dataclass
class Tally:
    """What all sessions saw."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    per_page: dict[str, list[float]] = field(default_factory=dict)


def rss_mb(pid: int) -> float:
    """Resident memory of a process [MB] (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def one_run(ws: Any, page: str, query: str) -> tuple[float, str | None]:
    """Ask for one script run; wait for its end. Returns (seconds, error or None)."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    msg.rerun_script.query_string = query
    t0 = time.perf_counter()
    await ws.send(msg.SerializeToString())
    error = None
    while True:
        fwd = ForwardMsg()
        fwd.ParseFromString(await asyncio.wait_for(ws.recv(), RUN_TIMEOUT))
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            what = element.WhichOneof("type")
            if what == "exception":
                error = f"exception on /{page}?{query}: {element.exception.message[:120]}"
            elif what == "alert" and element.alert.format == Alert.ERROR:
                error = f"error box on /{page}?{query}: {element.alert.body[:120]}"
        elif kind == "page_not_found":
            error = f"page not found: /{page}"
        elif kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return time.perf_counter() - t0, error


async def session(url: str, actions: list[tuple[str, str]], deadline: float, tally: Tally, seed: int,
                  think: tuple[float, float] = THINK_S) -> None:
    """One user: connect, then run actions in a shuffled cycle until the deadline."""
    rng = random.Random(seed)
    order = actions[:]
    rng.shuffle(order)
    ws_url = url.replace("http", "ws", 1) + "/_stcore/stream"
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,  # type: ignore[list-item]
                                      additional_headers={"Origin": url}, open_timeout=30) as ws:
            await one_run(ws, "", "")  # the first page load
            for page, query in itertools.cycle(order):
                if time.perf_counter() > deadline:
                    break
                try:
                    seconds, error = await one_run(ws, page, query)
                except TimeoutError:
                    tally.errors.append(f"no end of run within {RUN_TIMEOUT:.0f} s on /{page}")
                    break
                tally.latencies.append(seconds)
                tally.per_page.setdefault(page or "overview", []).append(seconds)
                if error:
                    tally.errors.append(error)
                await asyncio.sleep(rng.uniform(*think))  # a person reads before clicking again
    except (OSError, websockets.WebSocketException) as exc:
        tally.errors.append(f"connection: {type(exc).__name__}: {exc}")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[max(0, min(98, int(q) - 1))] if len(values) > 1 else values[0]


async def drive(url: str, sessions: int, seconds: float, actions: list[tuple[str, str]], pid: int | None,
                think: tuple[float, float] = THINK_S) -> dict[str, Any]:
    """Run ``sessions`` users for ``seconds``; sample the app's memory meanwhile."""
    tally = Tally()
    before = rss_mb(pid) if pid else float("nan")
    peak = before
    deadline = time.perf_counter() + seconds
    tasks = [asyncio.create_task(session(url, actions, deadline, tally, seed, think)) for seed in range(sessions)]
    while not all(t.done() for t in tasks):
        if pid:
            peak = max(peak, rss_mb(pid))
        await asyncio.sleep(0.5)
    after = rss_mb(pid) if pid else float("nan")
    lat = tally.latencies
    return {
        "sessions": sessions, "seconds": seconds, "think_s": list(think), "runs": len(lat), "errors": len(tally.errors),
        "error_examples": sorted(set(tally.errors))[:5],
        "p50_s": percentile(lat, 50), "p95_s": percentile(lat, 95), "max_s": max(lat, default=float("nan")),
        "per_page_p95_s": {k: round(percentile(v, 95), 3) for k, v in sorted(tally.per_page.items())},
        "rss_before_mb": round(before, 1), "rss_peak_mb": round(peak, 1), "rss_after_mb": round(after, 1),
    }


def served(db_path: Path) -> tuple[Any, str]:
    """A fresh app process over a copy of ``db_path``, started as users would get it."""
    from bench.common import AUTOLOGIN
    from tests.browser.conftest import start_app

    folder = Path(tempfile.mkdtemp(prefix="load-"))
    copy = folder / "store.db"
    shutil.copy(db_path, copy)
    return start_app(copy, folder / "streamlit.log", env=AUTOLOGIN)


def run_load(db_path: Path, sessions: int, seconds: float, actions: list[tuple[str, str]] | None = None,
             rounds: int = 1, think: tuple[float, float] = THINK_S) -> list[dict[str, Any]]:
    """Start a server over ``db_path`` and drive it ``rounds`` times (memory must not keep growing)."""
    proc, url = served(db_path)
    try:
        urllib.request.urlopen(url + "/", timeout=30).read()
        return [asyncio.run(drive(url, sessions, seconds, actions or ACTIONS, proc.pid, think)) for _ in range(rounds)]
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--rounds", type=int, default=1, help="drive the same server this many times")
    ap.add_argument("--url", help="a running app (default: start one over a copy of the demo city)")
    ap.add_argument("--pid", type=int, help="the running app's process id, to read its memory")
    ap.add_argument("--think", type=float, nargs=2, default=THINK_S, metavar=("MIN", "MAX"),
                    help="seconds a person reads before the next click (default 1 4)")
    a = ap.parse_args()
    think = (a.think[0], a.think[1])
    from bench.common import sign_in_as_admin

    sign_in_as_admin()  # for the server started here; a running server (--url) needs it set itself
    if a.url:
        results = [asyncio.run(drive(a.url.rstrip("/"), a.sessions, a.seconds, ACTIONS, a.pid, think))
                   for _ in range(a.rounds)]
    else:
        from bench.common import demo_db

        results = run_load(demo_db(), a.sessions, a.seconds, rounds=a.rounds, think=think)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
