"""The demo city is whole and plausible: every key resolves, every mode and service occurs."""
import pandas as pd

from core.demo import synth
from core.domain.modes import modes_of_buildings
from core.files import admin
from core.files.io import read_folder
from core.store.layout import SPECS


def test_every_table_loads_and_every_key_resolves(demo_portfolio):
    p = demo_portfolio
    # the loader refuses unresolved references, so reaching here means all resolved; check counts
    demo = read_folder(admin.DEMO_DIR)
    assert len(p.buildings) == len(demo["buildings"]) == 16
    assert len(p.departments) == len(demo["departments"])
    assert len(p.costs) == len(demo["cost_records"])
    assert p.arrangements["building_id"].isin(p.buildings["id"]).all()
    assert p.costs["arrangement_id"].isin(p.arrangements["id"]).all()


def test_every_building_has_arrangements_and_occupants(demo_portfolio):
    p = demo_portfolio
    assert set(p.buildings["id"]) == set(p.arrangements["building_id"])
    assert set(p.buildings["id"]) == set(p.occupancy["building_id"])


def test_all_four_modes_and_all_twelve_services_occur(demo_portfolio):
    p = demo_portfolio
    modes = modes_of_buildings(p.arrangements, p.buildings["id"])
    assert set(modes) == {"full", "partial", "mixed", "self"}
    assert set(p.arrangements["service"]) == set(p.services["code"])
    assert len(p.services) == 12


def test_restricted_services_are_the_confidential_ones(demo_portfolio):
    flagged = set(demo_portfolio.services.loc[demo_portfolio.services["restricted"], "code"])
    assert flagged == {"confidential", "mail_print"}
    paid = set(demo_portfolio.services.loc[demo_portfolio.services["paid_at_actual"], "code"])
    assert paid == {"energy", "repairs"}


def test_several_buildings_are_shared(demo_portfolio):
    per_building = demo_portfolio.occupancy.groupby("building_id").size()
    assert (per_building >= 2).sum() >= 8


def test_sizes_departments_vendors_and_years(demo_portfolio):
    p = demo_portfolio
    assert p.buildings["gross_floor_area_m2"].between(2_000, 60_000).all()
    assert 55 <= len(p.departments) <= 70
    assert 18 <= len(p.vendors) <= 22
    assert p.years == list(range(2019, 2026))
    quarters = p.assessments[["year", "quarter"]].drop_duplicates()
    assert len(quarters) == 12 and quarters["year"].min() == 2023
    assert set(p.contracts["channel"]) == {"public_tender", "competitive_consultation", "single_source", "direct_award"}


def test_costs_are_what_a_facilities_manager_expects(demo_portfolio):
    p = demo_portfolio
    latest = p.costs.loc[p.costs["year"] == p.latest_year].groupby("building_id")["actual"].sum()
    per_m2 = latest / p.buildings.set_index("id")["gross_floor_area_m2"]
    assert per_m2.between(120, 260).all(), per_m2  # CNY per m² per year, all services and energy
    workers = p.arrangements.groupby("building_id")[["staff_in_house", "staff_vendor"]].sum().sum(axis=1)
    m2_per_worker = p.buildings.set_index("id")["gross_floor_area_m2"] / workers
    assert m2_per_worker.between(300, 1_000).all(), m2_per_worker


def test_wages_follow_the_minimum_wage_series(demo_portfolio):
    # a cleaner's labour cost per worker rises with the Jiangsu class-1 minimum wage
    book = demo_portfolio.book
    assert book.annual_mean("min_wage_class1", 2024) == 2490
    assert book.annual_mean("min_wage_class1", 2021) == (7 * 2020 + 5 * 2280) / 12
    p = demo_portfolio
    cleaning = p.costs.merge(p.arrangements[["id", "staff_in_house", "staff_vendor"]],
                             left_on="arrangement_id", right_on="id")
    cleaning = cleaning.loc[cleaning["service"] == "cleaning"]
    per_worker = (cleaning["labour"] / (cleaning["staff_in_house"] + cleaning["staff_vendor"])).groupby(cleaning["year"]).median()
    margin = book.value("wage_margin")
    expected_2024 = 2490 * 12 * (1 + margin)
    assert abs(per_worker[2024] / expected_2024 - 1) < 0.08
    assert per_worker[2024] > per_worker[2019]


def test_every_assumption_has_a_source_and_a_basis(demo_portfolio):
    a = demo_portfolio.assumptions
    assert a["source"].str.strip().ne("").all()
    assert a["basis"].isin(["sourced", "rule_of_thumb", "assumption"]).all()
    assert {"on_cost_rate", "overhead_rate", "vat_rate", "hurdle_rate", "discount_rate", "wage_growth"} <= set(a["key"])


def test_generator_is_deterministic_and_matches_the_committed_files():
    fresh = synth.demo_city()
    again = synth.demo_city()
    committed = read_folder(admin.DEMO_DIR)
    for name in synth.TABLES:
        pd.testing.assert_frame_equal(fresh[name], again[name])
        assert list(committed[name].columns) == list(SPECS[name].columns), name
        assert len(committed[name]) == len(fresh[name]), name
    reread = fresh["cost_records"].astype(str).reset_index(drop=True)
    assert (reread["budget"].astype(float) == committed["cost_records"]["budget"].astype(float)).all()


def test_fee_standards_carry_the_sichuan_repair_figures(demo_portfolio):
    s = demo_portfolio.standards
    repairs = s.loc[(s["service"] == "repairs") & (s["tier"] == 2)].sort_values("area_min_m2")
    assert repairs["fee_per_m2_month"].tolist()[:6] == [0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
    assert (repairs["basis"] == "sourced").all()


def test_in_house_teams_are_split_by_employment_type(demo_portfolio):
    a = demo_portfolio.arrangements
    split = a[["staff_established", "staff_contract", "staff_dispatched"]].sum(axis=1)
    assert (split <= a["staff_in_house"] + 1e-9).all()
    in_house = a.loc[a["delivery"] == "in_house"]
    assert (split[in_house.index] == in_house["staff_in_house"]).all()  # the demo records every type
    # confidential work is on established posts; the self-run buildings' guards are partly dispatched
    conf = in_house.loc[in_house["service"] == "confidential"]
    assert (conf["staff_established"] == conf["staff_in_house"]).all()
    assert in_house[["staff_established", "staff_contract", "staff_dispatched"]].sum().gt(0).all()
    assert (a.loc[a["delivery"] != "in_house", ["staff_established", "staff_contract", "staff_dispatched"]] == 0).all().all()
