"""Council geography: fast tests of each step on synthetic points, slow tests on the real ONSPD.

The slow tests share one full build per session, cached where the app caches it
(`<repo>/data/geography/`), so a second run loads in seconds.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from sharedservices.councils.geography import (
    Geography,
    PostcodePoints,
    build_geography,
    compute_geography,
)
from sharedservices.councils.geography import build as build_module
from sharedservices.councils.geography.neighbours import (
    MIN_EDGES,
    combined_neighbours,
    lower_tier_neighbours,
    upper_tier_neighbours,
)

REPO = Path(__file__).resolve().parents[2]
CACHE_DIR = REPO / "data" / "geography"

# --------------------------------------------------------------------------- synthetic data


def _grid_points(code: str, x0: float, y0: float, width: float, height: float, step: float):
    xs, ys = np.meshgrid(np.arange(x0, x0 + width, step), np.arange(y0, y0 + height, step))
    rng = np.random.default_rng(zlib.crc32(f"{code}{x0}{y0}".encode()))
    jitter = rng.uniform(-step / 4, step / 4, size=(2, xs.size))
    return [code] * xs.size, xs.ravel() + jitter[0], ys.ravel() + jitter[1]


def _points(*blocks) -> PostcodePoints:
    codes, xs, ys = [], [], []
    for code, x, y in blocks:
        codes += code
        xs = np.concatenate([xs, x])
        ys = np.concatenate([ys, y])
    return PostcodePoints.from_arrays(codes, xs, ys)


def _cleaned(points: PostcodePoints):
    from sharedservices.councils.geography.neighbours import drop_outliers, thinned_points

    return drop_outliers(*thinned_points(points))


@pytest.fixture
def synthetic_points() -> PostcodePoints:
    """A town (A) whose suburbs run on into a district (B) on land, a rural district (C) touching
    B, and a town (D) across a 1.2 km estuary from A."""
    return _points(
        _grid_points("E07000001", 400_000, 300_000, 4_000, 4_000, 80),
        _grid_points("E07000002", 404_000, 300_000, 10_000, 4_000, 150),
        _grid_points("E07000003", 414_000, 300_000, 10_000, 4_000, 600),
        _grid_points("E07000004", 400_000, 305_200, 4_000, 4_000, 80),
    )


# --------------------------------------------------------------------------- fast tests


def test_councils_touching_on_land_are_neighbours_and_an_estuary_is_not(synthetic_points):
    xy, labels = _cleaned(synthetic_points)
    lower, evidence = lower_tier_neighbours(xy, labels, synthetic_points.codes, islands=())
    assert lower["E07000001"] == {"E07000002"}
    assert lower["E07000002"] == {"E07000001", "E07000003"}
    assert "E07000004" not in lower["E07000001"]
    assert evidence.get(("E07000001", "E07000004"), 0) < MIN_EDGES


def test_a_known_island_has_no_neighbour_even_when_the_strait_is_narrow(synthetic_points):
    xy, labels = _cleaned(synthetic_points)
    lower, _ = lower_tier_neighbours(xy, labels, synthetic_points.codes, islands={"E07000002"})
    assert lower["E07000002"] == frozenset()
    assert "E07000002" not in lower["E07000001"]


def test_counties_border_what_their_districts_border_but_not_their_own_districts():
    lower = {
        "E07000001": frozenset({"E07000002", "E06000001"}),
        "E07000002": frozenset({"E07000001", "E07000003"}),
        "E07000003": frozenset({"E07000002"}),
        "E06000001": frozenset({"E07000001"}),
    }
    upper_tier = {"E07000001": "E10000001", "E07000002": "E10000001", "E07000003": "E10000002"}
    upper = upper_tier_neighbours(lower, upper_tier)
    assert upper["E10000001"] == {"E10000002", "E06000001"}
    assert upper["E10000002"] == {"E10000001"}
    merged = combined_neighbours(lower, upper)
    assert merged["E06000001"] == {"E07000001", "E10000001"}
    assert "E07000001" not in merged["E10000001"]
    for code, near in merged.items():
        for other in near:
            assert code in merged[other], (code, other)


def test_northern_ireland_points_are_read_in_irish_grid():
    # Belfast City Hall in Irish Grid; the ONSPD puts BT postcodes in the same columns as GB.
    points = PostcodePoints.from_arrays(["N09000003"], [333_870.0], [374_360.0], [True])
    geo = compute_geography(points, {}, version="t")
    belfast = geo.councils["N09000003"]
    assert belfast.grid == "EPSG:29903"
    assert belfast.lat == pytest.approx(54.597, abs=0.005)
    assert belfast.lon == pytest.approx(-5.930, abs=0.005)


def test_centroid_is_the_mean_of_the_postcodes_and_the_count_is_the_households_proxy():
    points = PostcodePoints.from_arrays(
        ["E07000001"] * 3, [400_000.0, 401_000.0, 402_000.0], [300_000.0, 300_000.0, 303_000.0]
    )
    geo = compute_geography(points, {}, version="t")
    council = geo.councils["E07000001"]
    assert (council.easting, council.northing, council.postcode_count) == (401_000, 301_000, 3)
    lon, lat = Transformer.from_crs(27700, 4326, always_xy=True).transform(401_000, 301_000)
    assert (council.lat, council.lon) == (pytest.approx(lat), pytest.approx(lon))


def test_polygons_hold_their_own_points_and_counties_are_built_from_districts(synthetic_points):
    upper_tier = {"E07000002": "E10000099", "E07000003": "E10000099"}
    geo = compute_geography(synthetic_points, upper_tier, version="t", islands=())
    assert geo.metrics["containment_min"] >= 0.9
    features = {f["properties"]["code"]: f for f in geo.boundaries["features"]}
    assert set(features) == {"E07000001", "E07000002", "E07000003", "E07000004", "E10000099"}
    county = shapely.geometry.shape(features["E10000099"]["geometry"])
    district = shapely.geometry.shape(features["E07000003"]["geometry"])
    assert county.area > district.area
    assert geo.councils["E10000099"].tier == "county"
    assert geo.councils["E10000099"].postcode_count == (
        geo.councils["E07000002"].postcode_count + geo.councils["E07000003"].postcode_count
    )
    # A is a unitary-like lone district; D faces B across the mouth of the 1.2 km estuary
    assert geo.neighbours["E10000099"] == {"E07000001", "E07000004"}


def test_a_narrow_estuary_joins_the_councils_on_its_banks_and_a_wide_one_does_not(
    synthetic_points,
):
    """Land edges alone never cross water (the first test); the polygons' land mask closes an
    estuary up to about 3 km wide, so A and D, 1.2 km apart, share a boundary mid-stream, as the
    Mersey makes Wirral and Liverpool neighbours. Moved 6 km away, D is on its own."""
    near = compute_geography(synthetic_points, {}, version="t", islands=())
    assert "E07000004" in near.neighbours["E07000001"]
    assert near.metrics["neighbour_contact_m"]["E07000001|E07000004"] >= 1_000
    far = _points(
        _grid_points("E07000001", 400_000, 300_000, 4_000, 4_000, 80),
        _grid_points("E07000004", 400_000, 310_000, 4_000, 4_000, 80),
    )
    assert compute_geography(far, {}, version="t", islands=()).neighbours["E07000001"] == set()


def test_contact_lengths_measure_shared_edges_not_corners():
    from sharedservices.councils.geography.neighbours import contact_lengths

    shapes = {
        "A": shapely.box(0, 0, 2_000, 2_000),
        "B": shapely.box(2_000, 0, 4_000, 2_000),  # shares 2 km with A
        "C": shapely.box(4_000, 2_000, 6_000, 4_000),  # touches B at one corner
    }
    lengths = contact_lengths(shapes)
    assert lengths[("A", "B")] == pytest.approx(2_000, abs=100)
    assert lengths.get(("B", "C"), 0) < 100
    assert ("A", "C") not in lengths


def test_curated_pairs_apply_only_to_councils_present(synthetic_points):
    xy, labels = _cleaned(synthetic_points)
    lower, _ = lower_tier_neighbours(
        xy,
        labels,
        synthetic_points.codes,
        islands=(),
        known_apart={("E07000001", "E07000002")},
        known_borders={("E07000003", "E07000004"), ("E07000001", "S12000017")},
    )
    assert "E07000002" not in lower["E07000001"]
    assert "E07000004" in lower["E07000003"]
    assert "S12000017" not in lower


def test_cache_round_trip_and_reuse(synthetic_points, tmp_path, monkeypatch):
    loads = []

    def fake_load():
        loads.append(1)
        return synthetic_points

    monkeypatch.setattr(build_module, "load_postcode_points", fake_load)
    first = build_geography(upper_tier={}, cache_dir=tmp_path)
    second = build_geography(upper_tier={}, cache_dir=tmp_path)
    assert len(loads) == 1
    assert second.councils == first.councils
    assert second.neighbours == first.neighbours
    assert second.boundaries == json.loads(json.dumps(first.boundaries))
    assert (tmp_path / first.data_version / "meta.json").exists()
    again = Geography.from_files(tmp_path / first.data_version)
    assert again.data_version == first.data_version
    other = build_geography(upper_tier={"E07000002": "E10000099"}, cache_dir=tmp_path)
    assert other.data_version != first.data_version
    assert len(loads) == 2


# --------------------------------------------------------------------------- the real build
