"""Synthetic benchmark cities: deterministic, complete, and loadable from the CLI."""
import json

import pandas as pd

from core.cli import main
from core.demo import large, synth
from core.domain.modes import modes_of_buildings


def test_same_seed_same_city_other_seed_other_city():
    a, b, c = large.synthetic_city(25, seed=3), large.synthetic_city(25, seed=3), large.synthetic_city(25, seed=4)
    for name in synth.TABLES:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert not a["buildings"].equals(c["buildings"])


def test_init_db_synthetic_loads_every_mode(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 's.db'}")
    assert main(["init-db", "--synthetic", "--buildings", "40", "--seed", "11"]) == 0
    capsys.readouterr()
    assert main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["tables"]["buildings"] == 40
    assert info["meta"]["dataset"] == "synthetic"
    assert sum(info["buildings_per_mode"].values()) == 40
    assert all(info["buildings_per_mode"][m] > 0 for m in ("full", "partial", "mixed", "self"))


def test_synthetic_restricted_services_stay_in_house_or_with_cleared_vendors():
    city = large.synthetic_city(60, seed=5)
    arr = city["arrangements"]
    confidential = arr.loc[arr["service"] == "confidential"]
    assert (confidential["delivery"] == "in_house").all()
    arr = arr.assign(building_id=arr["building"], paid_at_actual=arr["service"].isin(["energy", "repairs"]),
                     delivery=arr["delivery"].replace("", None))
    assert modes_of_buildings(arr).notna().all()
