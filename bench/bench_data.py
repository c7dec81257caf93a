"""Data in and out on the demo city: importing 100,000 cost records, exporting and backing up the store."""
from __future__ import annotations

import tempfile
import time
from io import BytesIO
from pathlib import Path

import pandas as pd
from sqlmodel import Session

from bench.common import BENCH, Result, median_seconds
from core.files import admin, backup, exports, io, loader, writers
from core.store import db, repo


def cost_records_csv(n: int = 100_000) -> bytes:
    """``n`` new monthly cost records for the demo city's arrangements (years from 2000), as UTF-8 CSV."""
    arrangements = pd.read_csv(io.DATA_DIR / "demo" / "arrangements.csv", usecols=["building", "service"])
    per_year = len(arrangements) * 12
    years = range(2000, 2000 + -(-n // per_year))
    grid = pd.MultiIndex.from_product([range(len(arrangements)), years, range(1, 13)], names=["a", "year", "month"])
    frame = grid.to_frame(index=False).head(n)
    frame = pd.concat([arrangements.iloc[frame["a"]].reset_index(drop=True), frame.drop(columns="a")], axis=1)
    for i, col in enumerate(("labour", "on_costs", "materials", "management_fee", "tax", "energy", "repairs")):
        frame[col] = (frame["year"] * 7 + frame["month"] * 13 + i * 101) % 9_000 + 1_000.5
    frame["budget"] = frame[["labour", "materials"]].sum(axis=1) * 1.05
    return frame.to_csv(index=False).encode("utf-8")


def _copy_of_demo() -> Path:
    """A private demo store (built afresh: a copied SQLite file may miss what its WAL still holds)."""
    path = Path(tempfile.mkdtemp(prefix="bench-data-")) / "demo.db"
    engine = db.make_engine(f"sqlite:///{path}")
    admin.init_store(engine, demo=True, actor=BENCH)
    engine.dispose()
    return path


def run() -> list[Result]:
    data = cost_records_csv()
    timings = {"check": [], "import": []}
    for _ in range(3):
        engine = db.make_engine(f"sqlite:///{_copy_of_demo()}")
        t0 = time.perf_counter()
        plan = loader.import_files(engine, [("cost_records.csv", data)], dry_run=True, actor=BENCH)
        timings["check"].append(time.perf_counter() - t0)
        assert plan.ok and plan.counts()["insert"] == 100_000, plan.problems.head()
        t0 = time.perf_counter()
        plan = loader.import_files(engine, [("cost_records.csv", data)], actor=BENCH)
        timings["import"].append(time.perf_counter() - t0)
        assert plan.written
        engine.dispose()
    engine = db.make_engine(f"sqlite:///{_copy_of_demo()}")

    def export_xlsx() -> bytes:
        with Session(engine) as session:
            return writers.to_xlsx(exports.export_frames(session, "zh"))

    def export_csv() -> bytes:
        with Session(engine) as session:
            frames = exports.export_frames(session, "zh")
        return writers.to_zip({f"{name}.csv": writers.to_csv(frame) for name, frame in frames.items()})

    with Session(engine) as session:
        rows = sum(repo.table_counts(session).values())
    workbook = writers.to_xlsx({"cost_records": pd.read_csv(BytesIO(data))})
    t0 = time.perf_counter()
    assert loader.import_files(engine, [("cost_records.xlsx", workbook)], dry_run=True).ok
    xlsx = time.perf_counter() - t0
    return [
        Result("data: check 100,000 cost records (dry run)", sorted(timings["check"])[1], "s"),
        Result("data: check and import 100,000 cost records", sorted(timings["import"])[1], "s", "< 10 s"),
        Result("data: export the demo store to XLSX", median_seconds(export_xlsx, repeats=3), "s", "< 5 s",
               f"{rows:,} rows incl. audit log"),
        Result("data: export the demo store to CSV (zip)", median_seconds(export_csv, repeats=3), "s"),
        Result("data: check 100,000 cost records from XLSX (dry run, once)", xlsx, "s", "",
               "openpyxl reads 1.2 million cells"),
        Result("data: backup of the demo store", median_seconds(lambda: backup.backup_bytes(engine, actor=BENCH), repeats=3), "s"),
    ]
