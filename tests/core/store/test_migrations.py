"""Schema changes are migrations: the migrated schema is the models' schema, and old stores upgrade."""
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel

from core.files import admin
from core.store import db, repo


def test_migrations_build_exactly_the_models_schema(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.migrate(engine)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diffs == []
    assert db.schema_revision(engine) == db.head_revision()


def test_a_store_made_before_migrations_is_stamped_and_keeps_its_data(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    db.migrate(engine, db.BASELINE)  # the first stores' tables (made by create_all) …
    with engine.begin() as c:
        c.execute(text("DROP TABLE alembic_version"))  # … without a version table
    with Session(engine) as s:
        repo.set_meta(s, values={"app_id": admin.APP_ID})
        s.commit()
    assert db.schema_revision(engine) is None
    db.migrate(engine)
    assert db.schema_revision(engine) == db.head_revision()
    with Session(engine) as s:
        assert repo.get_meta(s)["app_id"] == admin.APP_ID


def test_init_db_applies_migrations_and_leaves_data_alone(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    admin.init_store(engine, demo=True)
    cfg = db.alembic_config()
    with engine.begin() as conn:  # as if the store had been made before the newer revisions
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, db.BASELINE)
    assert db.schema_revision(engine) == db.BASELINE
    db.migrate(engine)
    assert db.schema_revision(engine) == db.head_revision()
    with Session(engine) as s:
        assert repo.table_counts(s)["buildings"] == 16


def test_force_drops_the_version_table_too(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'f.db'}")
    admin.init_store(engine)
    db.drop_schema(engine)
    assert inspect(engine).get_table_names() == []
