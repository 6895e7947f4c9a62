"""Indicator catalogue, rates and aggregation (sum counts, recompute rates, never average)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from isrp_plugin.core.indicators import (
    POLARITIES,
    AggregationError,
    IndicatorCatalogueError,
    aggregate,
    compute_rate,
    compute_rates,
    default_catalogue_path,
    load_catalogue,
)

FLENSBURG = Path(__file__).resolve().parents[1] / "data" / "flensburg"  # bundled copy (CC0)
assert FLENSBURG.exists(), f"bundled test data missing: {FLENSBURG}"


def needs_flensburg(test):
    """The data is bundled in tests/data; kept as a marker of which tests read it."""
    return test


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_catalogue_ships_domain_indicators(catalogue):
    assert default_catalogue_path().name == "indicators.csv"
    # DOMAIN.md §3: age groups, foreign nationals, migration background, single parents, unemployed,
    # SGB II rate, children in SGB II households, basic income in old age, housing benefit, youth
    # welfare, moves in/out, length of residence
    for ind_id in (
        "pop_0_3",
        "pop_3_6",
        "pop_6_10",
        "pop_10_18",
        "pop_18_27",
        "pop_65_plus",
        "pop_80_plus",
        "foreign_share",
        "migration_share",
        "single_parent_share",
        "unemployment_rate",
        "sgb2_rate",
        "child_poverty_rate",
        "old_age_poverty_rate",
        "housing_benefit_rate",
        "youth_welfare_rate",
        "in_migration_rate",
        "out_migration_rate",
        "residence_5y_share",
    ):
        assert ind_id in catalogue, ind_id
    frame = catalogue.to_frame()
    assert set(frame["kind"]) == {"count", "rate"}
    assert set(frame["polarity"]) <= set(POLARITIES)
    rates = frame[frame["kind"] == "rate"]
    assert rates["numerator"].isin(catalogue.counts()).all() and rates["denominator"].isin(catalogue.counts()).all()
    assert set(rates.loc[rates["unit"] == "%", "factor"]) == {100.0}
    assert (frame["label_de"].str.len() > 0).all() and (frame["label_en"].str.len() > 0).all()
    assert (frame["source"].str.len() > 0).all()
    assert catalogue["sgb2_rate"].polarity == "higher_worse"
    assert catalogue["residence_5y_share"].polarity == "higher_better"


def test_catalogue_file_is_plain_csv():
    with default_catalogue_path().open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(load_catalogue())


def test_bad_catalogue(tmp_path):
    header = "id,label_de,label_en,kind,numerator,denominator,factor,unit,polarity,source\n"
    path = tmp_path / "bad.csv"
    path.write_text(header + "a,A,A,count,,,,p,neutral,x\nr,R,R,rate,a,b,100,%,higher_worse,x\n", encoding="utf-8")
    with pytest.raises(IndicatorCatalogueError, match="denominator 'b' is not a count"):
        load_catalogue(path)
    path.write_text(header + "a,A,A,amount,,,,p,neutral,x\n", encoding="utf-8")
    with pytest.raises(IndicatorCatalogueError, match="kind 'amount'"):
        load_catalogue(path)
    path.write_text(header + "a,A,A,count,,,,p,upwards,x\n", encoding="utf-8")
    with pytest.raises(IndicatorCatalogueError, match="polarity 'upwards'"):
        load_catalogue(path)
    path.write_text(header + "a,A,A,count,,,,p,neutral,x\nr,R,R,rate,a,a,hundred,%,neutral,x\n", encoding="utf-8")
    with pytest.raises(IndicatorCatalogueError, match="row 3, column 'factor'"):
        load_catalogue(path)
    path.write_text(header + "a,A,A,count,,,,p,neutral,x\na,A,A,count,,,,p,neutral,x\n", encoding="utf-8")
    with pytest.raises(IndicatorCatalogueError, match="occurs twice"):
        load_catalogue(path)


def test_compute_rate():
    assert compute_rate(25, 200) == 12.5
    assert np.isnan(compute_rate(3, 0))
    out = compute_rate(np.array([1.0, 2.0, np.nan]), np.array([4.0, 0.0, 5.0]), 1000)
    assert out[0] == 250.0 and np.isnan(out[1]) and np.isnan(out[2])
    s = compute_rate(pd.Series([1, 2]), pd.Series([0, 8]))
    assert np.isnan(s.iloc[0]) and s.iloc[1] == 25.0


# Hand example: four units in two social spaces.
#   unit  space  sgb2_recipients  pop_0_65   rate
#   a     N            10            100     10 %
#   b     N            90            300     30 %
#   c     S             5             50     10 %
#   d     S            45            150     30 %
# Space N: 100 / 400 = 25 % (the mean of the unit rates would wrongly be 20 %)
# Space S:  50 / 200 = 25 %;  city: 150 / 600 = 25 %
UNITS = pd.DataFrame(
    {"sgb2_recipients": [10, 90, 5, 45], "pop_0_65": [100, 300, 50, 150], "sgb2_rate": [10.0, 30.0, 10.0, 30.0]},
    index=pd.Index(list("abcd"), name="unit"),
)
SPACES = {"a": "N", "b": "N", "c": "S", "d": "S"}


def test_aggregate_units_to_spaces_to_city(catalogue):
    spaces = aggregate(UNITS, SPACES, catalogue=catalogue, group_name="space")
    assert spaces.to_dict("index") == {
        "N": {"sgb2_recipients": 100.0, "pop_0_65": 400.0, "sgb2_rate": 25.0},
        "S": {"sgb2_recipients": 50.0, "pop_0_65": 200.0, "sgb2_rate": 25.0},
    }
    assert spaces.attrs["n_units"].tolist() == [2, 2]
    assert UNITS.groupby(pd.Series(SPACES))["sgb2_rate"].mean()["N"] == 20.0  # what averaging would give
    city = aggregate(spaces, None, catalogue=catalogue, total_label="Erfurt")
    assert city.loc["Erfurt"].tolist() == [150.0, 600.0, 25.0]
    direct = aggregate(UNITS, None, catalogue=catalogue, total_label="Erfurt")
    pd.testing.assert_frame_equal(city, direct)


def test_aggregate_with_years(catalogue):
    data = pd.concat({2020: UNITS, 2021: UNITS * 2}, names=["year", "unit"]).reorder_levels(["unit", "year"])
    out = aggregate(data, pd.Series(SPACES), catalogue=catalogue, unit_level="unit")
    assert out.loc[("N", 2021), "sgb2_recipients"] == 200.0
    assert out.loc[("N", 2021), "sgb2_rate"] == 25.0


def test_aggregate_missing_values(catalogue):
    data = UNITS.astype(float).copy()
    data.loc["b", "sgb2_recipients"] = np.nan
    strict = aggregate(data, SPACES, catalogue=catalogue)
    assert np.isnan(strict.loc["N", "sgb2_recipients"]) and np.isnan(strict.loc["N", "sgb2_rate"])
    assert strict.loc["S", "sgb2_rate"] == 25.0
    assert any("group N" in w and "sgb2_recipients" in w for w in strict.attrs["warnings"])
    lenient = aggregate(data, SPACES, catalogue=catalogue, skipna=True)
    assert lenient.loc["N", "sgb2_recipients"] == 10.0


def test_aggregate_errors(catalogue):
    with pytest.raises(AggregationError, match="'d'"):
        aggregate(UNITS, {"a": "N", "b": "N", "c": "S"}, catalogue=catalogue)
    with pytest.raises(AggregationError, match="'mean_age' are not in the indicator catalogue"):
        aggregate(UNITS.assign(mean_age=40.0), SPACES, catalogue=catalogue)
    with pytest.raises(AggregationError, match="rate 'sgb2_rate' cannot be aggregated"):
        aggregate(UNITS.drop(columns="pop_0_65"), SPACES, catalogue=catalogue)
    out = aggregate(
        UNITS.assign(kita_places=[10, 20, 30, 40]), SPACES, catalogue=catalogue, extra_counts=["kita_places"]
    )
    assert out["kita_places"].tolist() == [30.0, 70.0]


def test_compute_rates_explicit_missing_counts(catalogue):
    with pytest.raises(AggregationError, match="needs the count column"):
        compute_rates(UNITS, catalogue, ["child_poverty_rate"])
    assert list(compute_rates(UNITS, catalogue).columns) == ["sgb2_rate"]


@needs_flensburg
def test_flensburg_rates_and_city_totals(catalogue):
    """Rates computed from Flensburg's counts equal the atlas' own computed shares (1 decimal), and
    the 13 Stadtteile sum to the published city totals of the age groups (2022)."""
    with (FLENSBURG / "flensburg_atlas_2022.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    counts = pd.DataFrame(
        {
            "pop_total": [float(r["Einwohner"]) for r in rows],
            "pop_0_18": [float(r["unter 18"]) for r in rows],
            "pop_65_plus": [float(r["Personen 65 und älter"]) for r in rows],
            "housing_benefit_recipients": [float(r["Wohngeldempfänger"]) for r in rows],
        },
        index=[r["Stadtteil"] for r in rows],
    )
    rates = compute_rates(counts, catalogue, ["share_0_18", "share_65_plus", "housing_benefit_rate"])
    published = {
        "share_0_18": "Anteil unter 18 an Einwohnern (berechnet)",
        "share_65_plus": "Anteil 65 und älter an Einwohnern (berechnet)",
        "housing_benefit_rate": "Wohngeldempfänger je 100 Einwohner (berechnet)",
    }
    for rid, col in published.items():
        np.testing.assert_allclose(rates[rid].round(1), [float(r[col]) for r in rows], atol=1e-9)

    with (FLENSBURG / "tables" / "fl_age_groups_by_district.csv").open(encoding="utf-8", newline="") as fh:
        by_district = [r for r in csv.DictReader(fh) if r["year"] == "2022"]
    with (FLENSBURG / "tables" / "fl_age_groups_of_residents.csv").open(encoding="utf-8", newline="") as fh:
        city_row = next(r for r in csv.DictReader(fh) if r["year"] == "2022")
    bands = [
        "age_under_18",
        "age_18_to_under_30",
        "age_30_to_under_45",
        "age_45_to_under_65",
        "age_65_to_under_80",
        "age_80_and_above",
    ]
    frame = pd.DataFrame(
        {b: [float(r[b]) for r in by_district] for b in bands}, index=[r["district_id"] for r in by_district]
    )
    city = aggregate(frame, None, catalogue=catalogue, extra_counts=bands, total_label="Flensburg")
    assert city.loc["Flensburg"].tolist() == [float(city_row[b]) for b in bands]
