"""`python -m core vendors` and `python -m core scorecard` on the demo city."""
import json

import pytest

from core.cli import main
from core.domain import gates


@pytest.fixture
def demo_url(demo_copy, monkeypatch):
    return demo_copy


def test_vendors_json(demo_url, capsys):
    assert main(["vendors", "--json", "--on", "2026-11-27"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 20
    assert set(rows[0]) == {"vendor", "status", "contracts", "spend", "score_mean", "flagged", "flags"}
    by = {r["vendor"]: r for r in rows}
    assert by["净源环境服务有限公司"]["flagged"] is True
    assert sum(r["flagged"] for r in rows) == 1
    assert by["金盾保安服务有限公司"] | {"flags": []} == {
        "vendor": "金盾保安服务有限公司", "status": "blacklisted", "contracts": 0, "spend": 0.0, "score_mean": None,
        "flagged": False, "flags": []}
    assert by["翠景园艺有限公司"]["status"] == "suspended" and by["翠景园艺有限公司"]["contracts"] == 1
    assert rows == sorted(rows, key=lambda r: -r["spend"])


def test_scorecard_json(demo_url, capsys):
    assert main(["scorecard", "--json", "--on", "2026-11-27"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["buildings"]) == 16 and out["year"] == 2025
    first = out["buildings"][0]
    assert all(isinstance(first[c], bool) for c in gates.SCORECARD)
    by = {b["building"]: b for b in out["buildings"]}
    assert by["政法综合楼"]["unified_management"] is False
    assert "unified_management" in by["市档案馆"]["not_applicable"] and by["市档案馆"]["unified_management"] is True
    met = sum(sum(b[c] for c in gates.SCORECARD if c not in b["not_applicable"]) for b in out["buildings"])
    applicable = sum(len(gates.SCORECARD) - len(b["not_applicable"]) for b in out["buildings"])
    assert out["compliance_rate"] == pytest.approx(met / applicable, abs=1e-4)
    assert out["named_in_source"] == ["unified_management", "unified_standard"]


def test_text_output_and_user_errors(demo_url, capsys):
    assert main(["scorecard"]) == 0
    assert "compliance rate" in capsys.readouterr().out
    assert main(["vendors", "--year", "1999"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "1999" in err and len(err.strip().splitlines()) == 1


def test_an_empty_store_gives_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'none.db'}")
    assert main(["vendors"]) == 2
    assert "init-db" in capsys.readouterr().err
