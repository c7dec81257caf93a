"""Backups: consistent while the app writes, restored whole in one transaction, only if they are ours."""
import io
import json
import threading
import zipfile

import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel

from core.files import admin, backup
from core.store import audit, db, repo
from core.store.models import AuditAction
from tests.conftest import both_backends, counts
from tests.factories import SYSTEM, person

pytestmark = both_backends


def dump(engine) -> dict[str, list[tuple]]:
    with Session(engine) as s:
        return {t.name: repo.dump_table(s, table=t)[1] for t in SQLModel.metadata.sorted_tables}


def add_building(engine, name: str) -> None:
    """One write as the app makes it: a building, its occupancy and their audit entries, in one transaction."""
    with db.write_scope(engine) as s:
        s.execute(text("INSERT INTO building (name, district, gross_floor_area_m2, year_built, tier, managed_by_id) "
                       "VALUES (:n, '', 100, 2000, 1, 1)"), {"n": name})
        bid = s.execute(text("SELECT id FROM building WHERE name = :n"), {"n": name}).scalar_one()
        s.execute(text("INSERT INTO occupancy (building_id, department_id, floor_area_m2, staff) "
                       "VALUES (:b, 1, 10, 1)"), {"b": bid})
        audit.record_many(s, actor=person("writer"), source="app", entries=[
            ("buildings", name, AuditAction.insert, None, {"name": name}),
            ("occupancy", f"{name}/x", AuditAction.insert, None, {"building": name})])


def test_backup_and_restore_into_an_empty_store_give_the_same_rows(demo, stores):
    data, manifest = backup.backup_bytes(demo, actor=SYSTEM)
    assert manifest["app_id"] == admin.APP_ID and manifest["tables"]["building"]["rows"] == 16
    fresh = stores.engine(schema=False)
    restored = backup.restore(fresh, data, name="b.zip", actor=person("管理员"))
    assert restored["buildings"] == 16
    before, after = dump(demo), dump(fresh)
    log = after.pop("auditlog")
    assert after == {k: v for k, v in before.items() if k != "auditlog"}
    assert log[:-1] == before["auditlog"]  # the backup's audit log, then the restore itself
    restore_entry = log[-1]
    assert restore_entry[2:7] == ("管理员", "restore", "store", "b.zip", "update")
    assert json.loads(restore_entry[8])["rows"]["buildings"] == 16
    fresh.dispose()


def test_a_backup_older_than_a_factor_of_the_book_restores_with_it(demo):
    with db.session_scope(demo) as s:
        s.execute(text("DELETE FROM assumption WHERE key = 'std_low_pct'"))
    data, _ = backup.backup_bytes(demo, actor=SYSTEM)  # taken before the factor existed
    backup.restore(demo, data, name="old.zip", actor=person("t"))
    with Session(demo) as s:
        assert repo.load_portfolio(s).book.value("std_low_pct") == 0.5


def test_restore_replaces_whatever_the_store_held(demo):
    data, _ = backup.backup_bytes(demo, actor=SYSTEM)
    add_building(demo, "备份之后的新楼")
    assert counts(demo)["buildings"] == 17
    backup.restore(demo, data, name="b.zip", actor=person("t"))
    assert counts(demo)["buildings"] == 16
    with Session(demo) as s:
        assert repo.get_meta(s)["app_id"] == admin.APP_ID


def test_a_backup_taken_while_a_write_commits_is_consistent(demo, stores, monkeypatch):
    """A write commits after the backup has read the first tables and before it reads the rest.

    The backup reads one snapshot: it holds the store as it was before the write, entirely; a backup
    read table by table without one would hold an occupancy row whose building it does not hold.
    """
    real = repo.dump_table
    done: list[str] = []

    def dump_then_write(session, *, table):
        out = real(session, table=table)
        if table.name == "building":
            add_building(demo, "写入中的新楼")  # another connection, committed
            done.append(table.name)
        return out

    before = counts(demo)
    monkeypatch.setattr(repo, "dump_table", dump_then_write)
    data, _ = backup.backup_bytes(demo, actor=SYSTEM)
    monkeypatch.setattr(repo, "dump_table", real)
    assert done and counts(demo)["buildings"] == before["buildings"] + 1  # the write did commit
    fresh = stores.engine(schema=False)
    backup.restore(fresh, data, name="b.zip", actor=person("t"))
    got = counts(fresh)
    assert {k: got[k] for k in ("buildings", "occupancy")} == {k: before[k] for k in ("buildings", "occupancy")}
    assert got["audit_log"] == before["audit_log"] + 1  # + the restore's own entry
    fresh.dispose()


def test_backups_taken_during_a_stream_of_writes_all_restore_consistently(demo, stores):
    """A writer adds buildings (each with its occupancy and two audit entries) while backups are taken."""
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        i = 0
        try:
            while not stop.is_set():
                add_building(demo, f"并发楼{i}")
                i += 1
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        backups = [backup.backup_bytes(demo, actor=SYSTEM)[0] for _ in range(4)]
    finally:
        stop.set()
        thread.join(30)
    assert not errors
    base = 16
    for data in backups:
        fresh = stores.engine(schema=False)
        backup.restore(fresh, data, name="b.zip", actor=person("t"))
        c = counts(fresh)
        added = c["buildings"] - base
        assert c["occupancy"] == 65 + added  # every building restored has its occupancy row
        with Session(fresh) as s:
            writes = s.execute(text("SELECT count(*) FROM auditlog WHERE actor = 'writer'")).scalar_one()
        assert writes == 2 * added  # and its two audit entries, no more, no fewer
        fresh.dispose()


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in files.items():
            zf.writestr(name, body)
    return buf.getvalue()


def _doctored(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(files["manifest.json"])
    change(manifest, files)
    files["manifest.json"] = json.dumps(manifest).encode()
    return _zip(files)


@pytest.mark.parametrize(("case", "words"), [
    ("not a zip", "is not a backup of this application: it is not a zip file"),
    ("no manifest", "is not a backup of this application: it has no manifest.json"),
    ("other application", "is not a backup of this application: its application id is 'someone-else'"),
    ("newer format", "was made by a newer version of the application"),
    ("tampered table", "is damaged: the checksum of tables/building.jsonl does not match"),
    ("other schema", "the columns of building do not match"),
    ("truncated", "is not a backup of this application"),
])
def test_restore_refuses_what_is_not_a_backup_of_ours(demo, case, words):
    good, _ = backup.backup_bytes(demo, actor=SYSTEM)

    def tamper(m, files):
        files["tables/building.jsonl"] = files["tables/building.jsonl"].replace("市行政中心".encode(), "别的楼".encode())

    files = {
        "not a zip": "名称,面积\n".encode(),
        "no manifest": _zip({"tables/building.jsonl": b"[]\n"}),
        "other application": _doctored(good, lambda m, f: m.update(app_id="someone-else")),
        "newer format": _doctored(good, lambda m, f: m.update(format=99)),
        "tampered table": _doctored(good, tamper),
        "other schema": _doctored(good, lambda m, f: m["tables"]["building"]["columns"].append("colour")),
        "truncated": good[: len(good) // 2],
    }
    before = dump(demo)
    with pytest.raises(db.StoreError) as err:
        backup.restore(demo, files[case], name="x.zip", actor=person("t"))
    assert words in str(err.value) and "\n" not in str(err.value)
    assert dump(demo) == before
