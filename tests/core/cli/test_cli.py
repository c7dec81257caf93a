"""The admin CLI: init-db guards a store with data, info reports counts, bad URLs give one line."""
import getpass
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.cli import main
from tests.conftest import both_backends

ROOT = Path(__file__).resolve().parents[3]

pytestmark = both_backends


@pytest.fixture
def demo_url(stores, monkeypatch) -> str:
    """DATABASE_URL of a private store holding the demo city, on the test's backend."""
    url = stores.url(demo=True)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def run_cli(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_init_info_and_refusal(stores, monkeypatch, capsys):
    url = stores.url()
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["init-db", "--demo"]) == 0
    capsys.readouterr()
    assert main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["tables"]["buildings"] == 16
    assert info["tables"]["services"] == 12
    assert info["buildings_per_mode"] == {"full": 3, "partial": 3, "mixed": 6, "self": 4, "none": 0}
    assert info["meta"]["dataset"] == "demo"
    # a store with data is not overwritten without --force
    assert main(["init-db"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["init-db", "--if-empty", "--demo"]) == 0
    assert main(["init-db", "--force"]) == 0
    capsys.readouterr()
    main(["info", "--json"])
    info = json.loads(capsys.readouterr().out)
    assert info["tables"]["buildings"] == 0 and info["tables"]["services"] == 12
    assert info["meta"]["dataset"] == "empty"


def test_info_hides_the_password():
    out = run_cli("info", url="postgresql+psycopg://analyst:s3cret@127.0.0.1:1/jgsw")
    assert out.returncode == 2
    assert "s3cret" not in out.stderr and "***" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_bad_database_urls_give_one_clear_line(tmp_path):
    for url, words in (
        ("not a url", "not a valid database URL"),
        ("nosuchdb://x/y", "not installed"),
        (f"sqlite:///{tmp_path}/missing/dir/a.db", "folder that does not exist"),
    ):
        out = run_cli("info", url=url)
        assert out.returncode == 2, url
        assert words in out.stderr, out.stderr
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_force_replaces_a_half_made_store(tmp_path, monkeypatch, capsys):
    from sqlalchemy import text

    from core.store import db

    url = f"sqlite:///{tmp_path / 'half.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["init-db", "--demo"]) == 0
    eng = db.make_engine(url)
    with eng.begin() as c:  # as if an earlier drop stopped half-way: buildings gone, departments left
        c.exec_driver_sql("PRAGMA foreign_keys=OFF")
        for table in ("costrecord", "arrangement", "occupancy", "qualityassessment", "building"):
            c.execute(text(f"DROP TABLE {table}"))
    assert main(["init-db", "--demo", "--force"]) == 0
    capsys.readouterr()
    assert main(["info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tables"]["departments"] == 64


def test_database_refusal_is_one_line(tmp_path, monkeypatch, capsys):
    from core.store import db

    url = f"sqlite:///{tmp_path / 'ro.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    eng = db.make_engine(url)
    with eng.begin() as c:  # a table in the way that our schema cannot create over
        c.exec_driver_sql("CREATE TABLE building (x INTEGER)")
    assert main(["info"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and len(err.strip().splitlines()) == 1


BAD = ROOT / "tests" / "data" / "bad"
GOOD = ROOT / "tests" / "data" / "good"


def test_import_reports_every_problem_as_a_line_and_exits_2(demo_url, capsys):
    before = json.loads(_info(capsys))["tables"]
    assert main(["import", str(BAD / "formula_injection.csv"), "--table", "departments"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("formula_injection.csv:2: name: =HYPERLINK(")
    assert len(err) == 5 and err[-1] == "error: 4 problems; nothing was written"
    assert json.loads(_info(capsys))["tables"] == before


def test_import_dry_run_then_for_real_with_the_audit_trail(demo_url, capsys):
    path = GOOD / "入驻情况_gbk.csv"
    assert main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run: nothing written" in out and "Occupancy" in out  # tables and rows named as people name them
    assert "update Occupancy 市行政中心 · 市委办公室: Occupied area (m²): 3514 → 3600; Staff in the building: 60 → 61" in out
    assert main(["import", str(path)]) == 0  # who imports is the OS user: no --actor to type a name
    assert "imported in one transaction" in capsys.readouterr().out
    from sqlmodel import Session, select

    from core.store import db
    from core.store.models import AuditLog

    with Session(db.make_engine()) as s:
        entry = s.exec(select(AuditLog).order_by(AuditLog.id.desc())).first()
    assert (entry.actor, entry.source, entry.table_name) == (f"cli:{getpass.getuser()}", "cli", "occupancy")


def test_import_a_folder_of_files(demo_url, capsys):
    assert main(["import", str(GOOD), "--dry-run"]) == 0
    assert "Buildings" in capsys.readouterr().out


def test_backup_export_and_restore(demo_url, tmp_path, capsys):
    zipped = tmp_path / "b.zip"
    assert main(["backup", str(zipped)]) == 0
    assert main(["backup", str(zipped)]) == 2  # an existing file is not overwritten
    assert "already exists" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "all.xlsx")]) == 0
    assert main(["export", str(tmp_path / "all.zip"), "--lang", "en"]) == 0
    assert (tmp_path / "all.xlsx").stat().st_size > 10_000
    assert main(["restore", str(zipped)]) == 0
    assert "restored" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "all.xlsx")]) == 2
    assert "is not a backup of this application" in capsys.readouterr().err


def test_import_and_restore_errors_are_one_line_without_traceback(demo_url, tmp_path):
    url = demo_url
    for args, words in (
        (["import", str(tmp_path / "missing.csv")], "does not exist"),
        (["import", str(BAD / "empty.csv"), "--table", "nonsense"], "unknown table 'nonsense'"),
        (["restore", str(BAD / "truncated.xlsx")], "is not a backup of this application"),
    ):
        out = run_cli(*args, url=url)
        assert out.returncode == 2, out.stderr
        assert words in out.stderr and "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


def _info(capsys) -> str:
    capsys.readouterr()
    assert main(["info", "--json"]) == 0
    return capsys.readouterr().out
