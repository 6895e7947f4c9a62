"""MSS social index: hand-calculated example and the reproduction of Berlin MSS 2021."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from isrp_plugin.core.social_index import (
    HIGHER_BETTER,
    IndexIndicator,
    SocialIndexError,
    change,
    classify,
    classify_dynamics,
    classify_status,
    combine_classes,
    compute_social_index,
    zscores,
)

BERLIN = Path(__file__).resolve().parents[1] / "data" / "berlin-mss" / "berlin_mss_2021.csv"  # bundled copy (CC BY)
assert BERLIN.exists(), f"bundled test data missing: {BERLIN}"


def needs_berlin(test):
    """The data is bundled in tests/data; kept as a marker of which tests read it."""
    return test


STATUS = ["s1_arbeitslosigkeit_pct", "s3_transferbezug_pct", "s4_kinderarmut_pct"]
DYNAMICS = ["d1_arbeitslosigkeit_pp", "d3_transferbezug_pp", "d4_kinderarmut_pp"]
DYN_N = {1.0: 1, 3.0: 2, 5.0: 3}  # MSS table codes 1/3/5 → our classes 1/2/3


# ------------------------------------------------------------------ hand-calculated example
#
# Units A..E are included (population 1000), F is too small (250), G is on the exclusion list.
#   x (higher_worse)  = 1, 2, 3, 4, 5      mean 3, population SD sqrt(2) = 1.414214
#       z_x = -1.414214, -0.707107, 0, 0.707107, 1.414214
#   y (higher_better) = 4, 3, 3, 2, 3      mean 3, SD sqrt(2/5) = 0.632456
#       z_y = 1.581139, 0, 0, -1.581139, 0  → flipped: -1.581139, 0, 0, 1.581139, 0
#   sum = -2.995352, -0.707107, 0, 2.288246, 1.414214   mean 0, SD sqrt(16.708204/5) = 1.828016
#   status index = sum / 1.828016 = -1.638581, -0.386817, 0, 1.251765, 0.773633
#   classes: A < -1 → 1 hoch; B, C, E → 2 mittel; D (1 < 1.25 <= 1.5) → 3 niedrig
# Dynamics, one change indicator d (higher_worse) = -2, 0, 0, 0, 2: mean 0, SD sqrt(8/5) = 1.264911
#   z_d = -1.581139, 0, 0, 0, 1.581139 = index (a single z already has SD 1)
#   classes: A → 1 positiv, B, C, D → 2 stabil, E → 3 negativ
#   groups (status-1)*3 + dynamics: A 1 "1+", B 5 "2+/-", C 5, D 8 "3+/-", E 6 "2-"


@pytest.fixture
def hand_data():
    return pd.DataFrame(
        {
            "x": [1, 2, 3, 4, 5, 100, -50],
            "y": [4, 3, 3, 2, 3, 0, 99],
            "d": [-2, 0, 0, 0, 2, 40, 40],
            "ew": [1000, 1000, 1000, 1000, 1000, 250, 5000],
        },
        index=list("ABCDEFG"),
    )


def test_hand_example(hand_data):
    res = compute_social_index(hand_data, ["x", ("y", HIGHER_BETTER)], ["d"], population="ew", exclude=["G"])
    t = res.table
    assert t["included"].tolist() == [True] * 5 + [False, False]
    assert t.loc["F", "exclusion_reason"] == "population below 300"
    assert t.loc["G", "exclusion_reason"] == "excluded (outlier list)"
    inc = t.loc[list("ABCDE")]
    np.testing.assert_allclose(inc["z_x"], [-1.414214, -0.707107, 0, 0.707107, 1.414214], atol=1e-6)
    np.testing.assert_allclose(inc["z_y"], [-1.581139, 0, 0, 1.581139, 0], atol=1e-6)
    np.testing.assert_allclose(inc["status_sum"], [-2.995352, -0.707107, 0, 2.288246, 1.414214], atol=1e-6)
    np.testing.assert_allclose(inc["status_index"], [-1.638581, -0.386817, 0, 1.251765, 0.773633], atol=1e-6)
    assert inc["status_class"].tolist() == [1, 2, 2, 3, 2]
    assert inc["status_label"].tolist() == ["hoch", "mittel", "mittel", "niedrig", "mittel"]
    np.testing.assert_allclose(inc["dynamics_index"], [-1.581139, 0, 0, 0, 1.581139], atol=1e-6)
    assert inc["dynamics_class"].tolist() == [1, 2, 2, 2, 3]
    assert inc["dynamics_label"].tolist() == ["positiv", "stabil", "stabil", "stabil", "negativ"]
    assert inc["group"].tolist() == [1, 5, 5, 8, 6]
    assert inc["group_code"].tolist() == ["1+", "2+/-", "2+/-", "3+/-", "2-"]
    out = t.loc[["F", "G"]]
    assert out["status_index"].isna().all() and out["status_class"].isna().all()
    assert out["dynamics_class"].isna().all() and out["group"].isna().all()
    assert res.parameters["n_included"] == 5 and res.parameters["ddof"] == 0


def test_hand_example_sample_sd(hand_data):
    # with ddof=1 every index value is the ddof=0 value times sqrt((n-1)/n) = sqrt(4/5):
    # -1.638581 * 0.894427 = -1.465592
    res = compute_social_index(hand_data, ["x", ("y", HIGHER_BETTER)], population="ew", exclude=["G"], ddof=1)
    np.testing.assert_allclose(
        res.table["status_index"].iloc[:5], [-1.465592, -0.345979, 0, 1.119613, 0.691959], atol=1e-6
    )


def test_min_population_boundary():
    data = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "ew": [300, 299, 5000, 5000]}, index=list("abcd"))
    t = compute_social_index(data, ["x"], population="ew").table
    assert t["included"].tolist() == [True, False, True, True]  # "fewer than 300" excludes 299 only
    t = compute_social_index(data, ["x"], population="ew", min_population=None).table
    assert t["included"].all()


def test_missing_values_exclude_unit_with_reason():
    data = pd.DataFrame({"x": [1.0, np.nan, 3.0, 5.0], "y": [1.0, 2.0, 2.0, 4.0], "ew": [900] * 4}, index=list("abcd"))
    res = compute_social_index(data, ["x", "y"], population="ew")
    assert res.table.loc["b", "exclusion_reason"] == "missing value: x"
    assert res.table["included"].sum() == 3


def test_missing_dynamics_values_warn():
    data = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "d": [1.0, np.nan, 0.0, 2.0], "ew": [900] * 4}, index=list("abcd"))
    res = compute_social_index(data, ["x"], ["d"], population="ew")
    assert res.table.loc["b", "status_class"] == 2 and pd.isna(res.table.loc["b", "dynamics_class"])
    assert pd.isna(res.table.loc["b", "group"])
    assert any("lack change values" in w for w in res.warnings)


@pytest.mark.parametrize(
    ("ties", "expected"),
    [("middle", [1, 2, 2, 2, 3, 4, 4]), ("upper", [1, 2, 2, 3, 4, 4, 4]), ("lower", [1, 1, 2, 2, 3, 4, 4])],
)
def test_classify_ties(ties, expected):
    values = [-1.0000001, -1.0, 0.0, 1.0, 1.5, 1.5000001, 9.0]
    assert classify_status(values, ties=ties).tolist() == expected


def test_classify_nan_and_dynamics():
    assert classify_dynamics([np.nan, -1.2, -1.0, 1.0, 1.01]).tolist() == [pd.NA, 1, 2, 2, 3]
    with pytest.raises(SocialIndexError, match="ascending"):
        classify([0.0], [1.0, 0.5])


def test_combine_classes_all_twelve():
    s = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
    d = [1, 2, 3] * 4
    group, codes = combine_classes(s, d)
    assert group.tolist() == list(range(1, 13))
    assert codes.tolist() == ["1+", "1+/-", "1-", "2+", "2+/-", "2-", "3+", "3+/-", "3-", "4+", "4+/-", "4-"]


def test_change():
    now = pd.DataFrame({"a": [5.0, 7.0]}, index=["u1", "u2"])
    before = pd.DataFrame({"a": [4.5, 8.0]}, index=["u2", "u1"])
    assert change(now, before)["a"].to_dict() == {"u1": -3.0, "u2": 2.5}


def test_zscores_population_sd():
    np.testing.assert_allclose(zscores([2.0, 4.0, np.nan, 6.0]), [-1.224745, 0, np.nan, 1.224745], atol=1e-6)


def test_errors():
    data = pd.DataFrame({"x": [1.0, 1.0, 1.0], "y": [1.0, 2.0, 3.0], "ew": [500, 500, 500]})
    with pytest.raises(SocialIndexError, match="standard deviation is 0"):
        compute_social_index(data, ["x"], population="ew")
    with pytest.raises(SocialIndexError, match="'nope'"):
        compute_social_index(data, ["nope"], population="ew")
    with pytest.raises(SocialIndexError, match="polarity"):
        IndexIndicator("y", "sideways")
    with pytest.raises(SocialIndexError, match="only 0 unit"):
        compute_social_index(data, ["y"], population="ew", min_population=1000)
    with pytest.raises(SocialIndexError, match="no population"):
        compute_social_index(data, ["y"])
    with pytest.raises(SocialIndexError, match="given twice"):
        compute_social_index(data, ["y", "y"], population="ew")


# ------------------------------------------------------------------ Berlin MSS 2021 reproduction


@pytest.fixture(scope="module")
def berlin():
    return pd.read_csv(BERLIN, dtype={"plr_id": str}).set_index("plr_id")


def _berlin_index(berlin, **kwargs):
    kwargs.setdefault("exclude", ["10100205"])  # the outlier "Gewerbegebiet Bitterfelder Straße"
    return compute_social_index(berlin, STATUS, DYNAMICS, population="ew_2020", **kwargs)


@needs_berlin
def test_berlin_mss_2021_reproduced(berlin):
    res = _berlin_index(berlin)
    t = res.table
    official_in = berlin["in_index"] == 1
    assert official_in.sum() == 536
    assert (t["included"] == official_in).all()
    # the 6 left-out areas get no value and no class; the reasons match the official validity
    out = t.loc[~official_in]
    assert len(out) == 6
    assert out[["status_index", "dynamics_index"]].isna().all().all()
    assert out[["status_class", "dynamics_class", "group"]].isna().all().all()
    assert (out["exclusion_reason"] == "population below 300").sum() == 5
    assert out.loc["10100205", "exclusion_reason"] == "excluded (outlier list)"
    assert (
        berlin.loc[~official_in, "validity"].str.contains("EW unter 300")
        == (out["exclusion_reason"] == "population below 300")
    ).all()

    inc = t.loc[official_in]
    ref = berlin.loc[official_in]
    # all 536 classes equal the official ones
    assert (inc["status_class"].astype(int) == ref["status_class_n"].astype(int)).all()
    assert (inc["status_label"] == ref["status_class"]).all()
    assert (inc["dynamics_class"].astype(int) == ref["dynamik_class_n"].map(DYN_N)).all()
    assert (inc["dynamics_label"] == ref["dynamik_class"]).all()
    assert (inc["group_code"] == ref["sdi"]).all()
    # index values within one unit of the last published decimal (status 5 dp, dynamics 2 dp)
    assert np.abs(inc["status_index"] - ref["status_index"]).max() < 1e-5
    assert np.abs(inc["dynamics_index"] - ref["dynamik_index_2dp"]).max() < 1e-2
    for ours, theirs in zip(STATUS, ("z_s1", "z_s3", "z_s4")):
        assert np.abs(inc[f"z_{ours}"] - ref[theirs]).max() < 1e-5
    assert np.abs(inc["z_d1_arbeitslosigkeit_pp"] - ref["z_d1"]).max() < 1e-4
    assert np.abs(inc["status_sum"] - ref["status_sum"]).max() < 2e-5


@needs_berlin
def test_berlin_conventions_documented(berlin):
    """The evidence behind the conventions in the social_index module docstring."""
    ref = berlin.loc[berlin["in_index"] == 1]
    base = _berlin_index(berlin).table.loc[ref.index]
    # sample SD: the classes happen to agree, but the index is off by far more than the rounding
    sample = _berlin_index(berlin, ddof=1).table.loc[ref.index]
    assert np.abs(sample["status_index"] - ref["status_index"]).max() > 1e-3
    # ... because every value shrinks by sqrt((n-1)/n)
    np.testing.assert_allclose(sample["status_index"], base["status_index"] * math.sqrt(535 / 536), atol=1e-12)
    # implied number of units of the official z-values: slope of official z on the share = 1/SD
    x = ref[STATUS[0]].to_numpy()
    slope = np.polyfit(x, ref["z_s1"].to_numpy(), 1)[0]
    implied_n = ((x - x.mean()) ** 2).sum() * slope**2
    assert abs(implied_n - 536) < 0.01
    # boundaries: no area close enough to a threshold for ties to matter
    for ties in ("upper", "lower"):
        other = _berlin_index(berlin, ties=ties).table.loc[ref.index]
        assert (other["status_class"] == base["status_class"]).all()
        assert (other["dynamics_class"] == base["dynamics_class"]).all()
    gaps = [np.abs(base["status_index"] - b).min() for b in (-1, 1, 1.5)]
    gaps += [np.abs(base["dynamics_index"] - b).min() for b in (-1, 1)]
    assert min(gaps) > 0.0015
    # rounding z to the 5 published decimals before summing changes nothing that matters
    rounded = _berlin_index(berlin, round_z=5).table.loc[ref.index]
    assert (rounded["status_class"] == base["status_class"]).all()
    assert (rounded["dynamics_class"] == base["dynamics_class"]).all()
    assert np.abs(rounded["status_index"] - base["status_index"]).max() < 1e-5
    # the second standardisation matters: the plain mean of z mis-classifies areas
    mean_z = base[[f"z_{c}" for c in STATUS]].mean(axis=1)
    assert (classify_status(mean_z).astype(int) != base["status_class"].astype(int)).sum() == 5
    mean_dz = base[[f"z_{c}" for c in DYNAMICS]].mean(axis=1)
    assert (classify_dynamics(mean_dz).astype(int) != base["dynamics_class"].astype(int)).sum() == 54
    # the two-decimal published dynamics index is ±1.00 for three areas of three different classes:
    # only the unrounded value decides (-1.0032 positiv, +1.0028 negativ, -0.9960 stabil)
    on_edge = ref.index[ref["dynamik_index_2dp"].abs() == 1.0]
    assert sorted(ref.loc[on_edge, "dynamik_class"]) == ["negativ", "positiv", "stabil"]
    assert base.loc[on_edge, "dynamics_class"].tolist() == ref.loc[on_edge, "dynamik_class_n"].map(DYN_N).tolist()


@needs_berlin
def test_berlin_without_outlier_exclusion_differs(berlin):
    """Leaving the outlier in (it has no published values) just excludes it for missing values."""
    res = _berlin_index(berlin, exclude=[])
    assert res.table.loc["10100205", "exclusion_reason"] == f"missing value: {STATUS[0]}"
