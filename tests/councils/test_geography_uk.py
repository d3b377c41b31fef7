"""Neighbours, centroids and boundaries on the real ONS geography of the United Kingdom
(the shared cache of ``data/geography``), checked against places everyone knows and
against ONS's own list of districts that share a boundary."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from sharedservices.councils.geography import (
    Geography,
    build_geography,
)
from sharedservices.councils.geography.evaluation import (
    lower_tier_pairs,
    read_reference,
    reference_pairs,
    score,
)
from sharedservices.councils.geography.known_pairs import KNOWN_APART, KNOWN_BORDERS
from sharedservices.councils.geography.neighbours import (
    MIN_EDGES,
    adjacent_pairs,
)

REPO = Path(__file__).resolve().parents[2]
CACHE_DIR = REPO / "data" / "geography"

# --------------------------------------------------------------------------- synthetic data


@pytest.fixture(scope="session")
def uk() -> Geography:
    return build_geography(cache_dir=CACHE_DIR)


KNOWN_NEIGHBOURS = [
    ("E06000063", "E06000057"),  # Cumberland - Northumberland
    ("E06000063", "E06000064"),  # Cumberland - Westmorland and Furness
    ("E06000063", "S12000006"),  # Cumberland - Dumfries and Galloway (England/Scotland)
    ("E06000063", "S12000026"),  # Cumberland - Scottish Borders (England/Scotland)
    ("E06000057", "S12000026"),  # Northumberland - Scottish Borders
    ("E07000121", "E06000064"),  # Lancaster - Westmorland and Furness
    ("E07000121", "E06000065"),  # Lancaster - North Yorkshire
    ("E07000121", "E07000128"),  # Lancaster - Wyre
    ("E06000050", "W06000005"),  # Cheshire West and Chester - Flintshire (England/Wales)
    ("W06000021", "E07000080"),  # Monmouthshire - Forest of Dean (England/Wales)
    ("W06000021", "E06000019"),  # Monmouthshire - Herefordshire (England/Wales)
    ("W06000023", "E06000051"),  # Powys - Shropshire (England/Wales)
    ("E08000012", "E08000011"),  # Liverpool - Knowsley
    ("E08000015", "E06000050"),  # Wirral - Cheshire West and Chester
    ("E06000010", "E06000011"),  # Hull - East Riding of Yorkshire
    ("N09000003", "N09000007"),  # Belfast - Lisburn and Castlereagh
    # across water and empty hills (issue 14): the polygons' contact and the curated pairs
    ("E08000015", "E08000012"),  # Wirral - Liverpool, in the Mersey
    ("E08000015", "E08000014"),  # Wirral - Sefton, at the mouth of the Mersey
    ("E08000015", "W06000005"),  # Wirral - Flintshire, in the Dee estuary
    ("E07000088", "E06000044"),  # Gosport - Portsmouth, across the harbour mouth
    ("E07000114", "E07000108"),  # Thanet - Dover, over the Stour marshes
    ("E07000114", "E07000106"),  # Thanet - Canterbury
    ("E07000122", "E08000032"),  # Pendle - Bradford, on the moors
    ("E07000119", "E07000127"),  # Fylde - West Lancashire, in the Ribble estuary
    ("S12000017", "S12000034"),  # Highland - Aberdeenshire, in the Cairngorms
    ("S12000017", "S12000048"),  # Highland - Perth and Kinross
]

KNOWN_NON_NEIGHBOURS = [
    ("E07000121", "E07000123"),  # Lancaster - Preston
    ("E06000010", "E06000013"),  # Hull - North Lincolnshire, across the Humber
    ("E06000046", "E07000091"),  # Isle of Wight - New Forest, across the Solent
    ("S12000036", "S12000047"),  # Edinburgh - Fife, across the Firth of Forth
    ("N09000003", "S12000006"),  # Belfast - Dumfries and Galloway, across the North Channel
    ("E06000063", "E07000121"),  # Cumberland - Lancaster
]

ISLANDS = ["E06000046", "E06000053", "W06000001", "S12000023", "S12000027", "S12000013"]


@pytest.mark.slow
@pytest.mark.parametrize(("a", "b"), KNOWN_NEIGHBOURS)
def test_known_neighbours(uk, a, b):
    assert b in uk.neighbours[a]
    assert a in uk.neighbours[b]


@pytest.mark.slow
@pytest.mark.parametrize(("a", "b"), KNOWN_NON_NEIGHBOURS)
def test_known_non_neighbours(uk, a, b):
    assert b not in uk.neighbours[a]


@pytest.mark.slow
def test_the_brief_lists_exactly_cumberlands_neighbours(uk):
    assert uk.neighbours["E06000063"] == {"E06000057", "E06000064", "S12000006", "S12000026"}


@pytest.mark.slow
@pytest.mark.parametrize("island", ISLANDS)
def test_islands_have_no_land_neighbour(uk, island):
    assert uk.neighbours[island] == frozenset()


@pytest.mark.slow
@pytest.mark.parametrize("island", [c for c in ISLANDS if c != "W06000001"])
def test_islands_other_than_anglesey_need_no_override(uk, island):
    """Only Anglesey is declared an island by hand; the method finds the others by itself."""
    counts = uk.metrics["neighbour_edge_counts"]
    strong = {pair: n for pair, n in counts.items() if island in pair and n >= MIN_EDGES}
    assert strong == {}


@pytest.mark.slow
def test_neighbours_are_symmetric_and_never_self(uk):
    for code, near in uk.neighbours.items():
        assert code not in near
        for other in near:
            assert code in uk.neighbours[other], (code, other)


@pytest.mark.slow
def test_every_current_council_has_a_centroid_in_great_britain_or_northern_ireland(uk):
    councils = uk.councils
    assert len([c for c in councils if c[0] == "N"]) == 11
    assert len([c for c in councils if c[0] == "S"]) == 32
    assert len([c for c in councils if c[0] == "W"]) == 22
    for code, c in councils.items():
        if code.startswith("N"):
            assert 54.0 < c.lat < 55.35 and -8.2 < c.lon < -5.4, code
        else:
            assert 49.85 < c.lat < 60.9 and -7.7 < c.lon < 1.8, code
            assert not (54.0 < c.lat < 55.35 and c.lon < -5.45), code
        assert c.postcode_count > 0


@pytest.mark.slow
def test_every_polygon_contains_at_least_90_percent_of_its_own_postcodes(uk):
    """Checked independently of the build: the served GeoJSON against every postcode."""
    from sharedservices.councils.geography import load_postcode_points

    points = load_postcode_points()
    lon = np.empty(len(points))
    lat = np.empty(len(points))
    for grid, mask in (("EPSG:27700", ~points.is_ni), ("EPSG:29903", points.is_ni)):
        lon[mask], lat[mask] = Transformer.from_crs(grid, 4326, always_xy=True).transform(
            points.native_x[mask], points.native_y[mask]
        )
    shapes = {
        f["properties"]["code"]: shapely.geometry.shape(f["geometry"])
        for f in uk.boundaries["features"]
    }
    shares = {}
    for label, code in enumerate(points.codes):
        mine = points.labels == label
        shape = shapes[str(code)]
        shapely.prepare(shape)
        shares[str(code)] = shapely.contains_xy(shape, lon[mine], lat[mine]).mean()
    worst = min(shares, key=shares.get)
    assert shares[worst] >= 0.9, (worst, shares[worst])


@pytest.mark.slow
def test_counties_get_neighbours_and_geometry_from_their_districts(uk):
    lancashire = "E10000017"
    districts = [d for d, c in uk.upper_tier.items() if c == lancashire]
    assert "E07000121" in districts  # Lancaster
    assert {"E06000064", "E06000065", "E06000008"} <= uk.neighbours[lancashire]
    assert not set(districts) & uk.neighbours[lancashire]
    assert lancashire not in uk.neighbours["E07000121"]
    county = uk.councils[lancashire]
    assert county.tier == "county"
    assert county.postcode_count == sum(uk.councils[d].postcode_count for d in districts)
    features = {f["properties"]["code"]: f for f in uk.boundaries["features"]}
    shape = shapely.geometry.shape(features[lancashire]["geometry"])
    assert shape.contains(shapely.Point(county.lon, county.lat))
    for code in uk.councils:
        assert code in features, code


@pytest.mark.slow
def test_boundaries_file_is_small_enough_to_serve(uk):
    text = json.dumps(uk.boundaries, separators=(",", ":"))
    assert len(text.encode()) <= 3_000_000
    first = uk.boundaries["features"][0]["geometry"]["coordinates"]
    while isinstance(first[0], list):
        first = first[0]
    assert all(len(str(v).split(".")[-1]) <= 5 for v in first)


@pytest.mark.slow
def test_a_rerun_with_nothing_changed_loads_from_the_cache_quickly(uk):
    started = time.perf_counter()
    again = build_geography(cache_dir=CACHE_DIR)
    assert time.perf_counter() - started < 10
    assert again.data_version == uk.data_version
    assert again.neighbours == uk.neighbours


def test_the_ons_reference_is_read_in_todays_codes():
    reference = read_reference()
    assert len(reference) == 374  # the 2021 districts of the UK
    assert reference["E06000046"] == ()  # the Isle of Wight shares no boundary
    pairs = reference_pairs()
    assert ("E06000063", "E06000064") in pairs  # Carlisle-Eden became Cumberland-W&F
    assert ("E08000038", "E08000039") in pairs  # Barnsley-Sheffield under the 2025 codes
    assert not any("E07000028" in p or "E08000016" in p for p in pairs)
    assert ("W06000021", "W06000023") in pairs  # listed one way only by ONS, read both ways


@pytest.mark.slow
def test_neighbours_agree_with_the_ons_list_of_shared_boundaries(uk):
    """Recall and precision against ONS's own list (docs/geography.md has the figures)."""
    counties = {c for c, g in uk.councils.items() if g.tier == "county"}
    final = score(lower_tier_pairs(uk.neighbours, counties), reference_pairs())
    assert final.recall >= 0.99 and final.precision >= 0.996, (final.missed, final.extra)


@pytest.mark.slow
def test_the_method_alone_finds_97_percent_of_pairs_the_curated_list_left_aside(uk):
    """Without the hand-settled pairs, scored on the pairs they do not settle: the postcode
    method itself, so the curated list cannot make this pass."""
    counties = {c for c, g in uk.councils.items() if g.tier == "county"}
    present = [c for c in uk.councils if c not in counties]
    evidence = {
        key: {tuple(k.split("|")): v for k, v in uk.metrics[key].items()}
        for key in ("neighbour_edge_counts", "neighbour_contact_m")
    }
    method = adjacent_pairs(
        evidence["neighbour_edge_counts"],
        evidence["neighbour_contact_m"],
        present,
        islands=uk.metrics["method"]["known_islands"],
        known_borders=(),
        known_apart=(),
    )
    curated = {tuple(sorted(p)) for p in (*KNOWN_BORDERS, *KNOWN_APART)}
    alone = score(method - curated, reference_pairs() - curated)
    assert alone.recall >= 0.975 and alone.precision >= 0.99, (alone.missed, alone.extra)
