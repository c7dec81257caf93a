"""The non-cost scores (非成本因素评分) as reference data: loaded on init-db, checked 1-5 on import and in the
editor like any table, and given their shipped defaults in a store or backup made before they were kept."""
import io
import json
import zipfile

import pytest
from sqlalchemy import text
from sqlmodel import Session

from core.files import admin, backup, editor, loader
from core.simulation.criteria import read_scores
from core.store import db, repo
from tests.conftest import both_backends, counts
from tests.factories import SYSTEM, person

pytestmark = both_backends

HEAD = "service,delivery,control,confidentiality,continuity,market_depth,staff_impact,quality,basis,source\n"


def scores(engine) -> dict[tuple[str, str], dict[str, object]]:
    with Session(engine) as s:
        frame = repo.load_portfolio(s).noncost
    return {(r["service"], r["delivery"]): r for r in frame.to_dict("records")}


def test_init_db_stores_the_shipped_scores(demo_store):
    shipped = read_scores()
    stored = scores(demo_store)
    assert len(stored) == len(shipped) == 30  # ten services with a delivery × three deliveries
    # property management in house, as the CSV has it: 5, 5, 3, 4, 5, 3
    row = stored[("property_mgmt", "in_house")]
    assert [row[c] for c in ("control", "confidentiality", "continuity", "market_depth", "staff_impact", "quality")] \
        == [5, 5, 3, 4, 5, 3]
    assert row["basis"] == "assumption"


def test_an_import_with_a_score_of_6_is_refused_naming_file_row_and_column(demo_store):
    rows = (HEAD + "cleaning,in_house,5,4,3,4,5,3,assumption,本局假设\n"
            "cleaning,contracted,3,3,4,5,2,6,assumption,本局假设\n")  # row 3: quality 6
    before = scores(demo_store)
    plan = loader.import_files(demo_store, [("非成本因素评分.csv", rows.encode())], actor=person("管理员"),
                               confirmed=True)
    assert not plan.written
    got = plan.problems[["file", "row", "column", "code"]].values.tolist()
    assert got == [["非成本因素评分.csv", 3, "quality", "above"]]
    assert scores(demo_store) == before  # nothing written, not even the good row


def test_the_editor_refuses_a_6_and_saves_an_admins_4(demo_store):
    loaded = editor.load_table(demo_store, "noncost_criteria")
    grid = editor.editor_frame(loaded, "noncost_criteria", "zh")  # services and deliveries by their Chinese names
    i = loaded.index[(loaded["service"] == "cleaning") & (loaded["delivery"] == "contracted")][0]
    grid.loc[i, "quality"] = 6
    plan = editor.save_edit(demo_store, table="noncost_criteria", loaded=loaded, edited=grid, actor=person("管理员"),
                            lang="zh", confirmed=True)
    assert not plan.written
    # named as the grid shows it: the row, the column's Chinese header, the value
    assert plan.problems[["row", "column", "value", "code"]].values.tolist() == [[i + 1, "服务质量", "6", "above"]]
    grid.loc[i, "quality"] = 5  # from 4
    plan = editor.save_edit(demo_store, table="noncost_criteria", loaded=loaded, edited=grid, actor=person("管理员"),
                            lang="zh", confirmed=True)
    assert plan.written, plan.problems
    assert scores(demo_store)[("cleaning", "contracted")]["quality"] == 5


def test_a_store_made_before_the_scores_gets_the_defaults_once(demo_store):
    with db.session_scope(demo_store) as s:
        s.execute(text("DELETE FROM noncostscore"))
    with db.session_scope(demo_store) as s:  # what init-db --if-empty does for a store that holds data
        assert admin.complete_scores(s, actor=SYSTEM, source="init-db") == 30
    assert counts(demo_store)["noncost_criteria"] == 30
    with db.session_scope(demo_store) as s:
        s.execute(text("UPDATE noncostscore SET quality = 1 WHERE service = 'cleaning' AND delivery = 'in_house'"))
    with db.session_scope(demo_store) as s:
        assert admin.complete_scores(s, actor=SYSTEM, source="init-db") == 0  # the Bureau's scores are kept
    assert scores(demo_store)[("cleaning", "in_house")]["quality"] == 1


def test_a_backup_taken_before_the_scores_restores_with_the_defaults(demo_store):
    data, _ = backup.backup_bytes(demo_store, actor=SYSTEM)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(files["manifest.json"])
    gone = manifest["tables"].pop("noncostscore")  # as a backup of a version before 0005_noncost_scores
    files.pop(gone["file"])
    files["manifest.json"] = json.dumps(manifest).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in files.items():
            zf.writestr(name, body)
    with db.session_scope(demo_store) as s:
        s.execute(text("UPDATE noncostscore SET quality = 1"))
    restored = backup.restore(demo_store, buf.getvalue(), name="old.zip", actor=person("t"))
    assert restored["noncost_criteria"] == 30 and restored["buildings"] == 16
    assert scores(demo_store)[("cleaning", "in_house")]["quality"] == 3  # the shipped default


def test_a_backup_missing_another_table_is_still_refused(demo_store):
    data, _ = backup.backup_bytes(demo_store, actor=SYSTEM)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(files["manifest.json"])
    manifest["tables"].pop("building")
    files["manifest.json"] = json.dumps(manifest).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in files.items():
            zf.writestr(name, body)
    with pytest.raises(db.StoreError, match="does not match this version's tables"):
        backup.restore(demo_store, buf.getvalue(), name="x.zip", actor=person("t"))
