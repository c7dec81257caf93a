"""Schema changes are migrations: the migrated schema is the models' schema, and old stores upgrade."""
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from core.files import admin
from core.store import audit, db, repo, users
from core.store.models import AuditAction
from tests.conftest import both_backends
from tests.factories import SYSTEM


def test_migrations_build_exactly_the_models_schema(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.migrate(engine)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diffs == []
    assert db.schema_revision(engine) == db.head_revision()


def test_a_store_made_before_migrations_is_stamped_and_keeps_its_data(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    db.migrate(engine, db.BASELINE)  # the first stores' tables, made without an alembic_version table:
    with engine.begin() as c:
        c.execute(text("DROP TABLE alembic_version"))
    with Session(engine) as s:
        repo.set_meta(s, values={"app_id": admin.APP_ID})
        s.commit()
    assert db.schema_revision(engine) is None
    db.migrate(engine)
    assert db.schema_revision(engine) == db.head_revision()
    with Session(engine) as s:
        assert repo.get_meta(s)["app_id"] == admin.APP_ID


def downgrade(engine, revision: str) -> None:
    cfg = db.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


@both_backends
def test_init_db_applies_migrations_and_leaves_data_alone(stores):
    engine = stores.engine(demo=True)
    downgrade(engine, db.BASELINE)  # a store made before accounts existed, data and all
    assert db.schema_revision(engine) == db.BASELINE
    assert not inspect(engine).has_table("app_user") and not inspect(engine).has_table("packsettings")
    db.migrate(engine)
    assert db.schema_revision(engine) == db.head_revision() == "0005_noncost_scores"
    with Session(engine) as s:
        assert repo.table_counts(s)["buildings"] == 16
        assert users.count_users(s) == 0  # init-db --if-empty then makes the first admin (tests/core/cli)


@both_backends
def test_the_audit_log_takes_sign_in_events_after_0002_and_not_before(stores):
    engine = stores.engine()
    with db.session_scope(engine) as s:
        audit.record_event(s, who="anonymous@local", source="app", key="x", action=AuditAction.sign_in_failed)
    downgrade(engine, db.BASELINE)  # the sign-in events go with the revision that allowed them
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM auditlog")).scalar_one() == 0
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(text("INSERT INTO auditlog (at, actor, source, table_name, row_key, action) "
                       "VALUES (CURRENT_TIMESTAMP, 'a', 'app', 'users', 'x', 'sign_in')"))
    db.migrate(engine)
    with db.session_scope(engine) as s:
        audit.record_event(s, who="anonymous@local", source="app", key="x", action=AuditAction.locked_out)


def test_force_drops_the_version_table_too(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'f.db'}")
    admin.init_store(engine, actor=SYSTEM)
    db.drop_schema(engine)
    assert inspect(engine).get_table_names() == []
