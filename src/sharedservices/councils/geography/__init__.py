"""Council geography from the ONS Postcode Directory: centroids, neighbours, boundaries.

Framework-free (no Django): `manage.py load_councils` calls `build_geography` and stores what it
returns. See docs/geography.md for the method and its measured accuracy.
"""

from .build import PIPELINE_VERSION, Geography, build_geography, compute_geography, data_version
from .centroids import CouncilGeometry
from .neighbours import KNOWN_ISLANDS
from .points import PostcodePoints, load_postcode_points

__all__ = [
    "KNOWN_ISLANDS",
    "PIPELINE_VERSION",
    "CouncilGeometry",
    "Geography",
    "PostcodePoints",
    "build_geography",
    "compute_geography",
    "data_version",
    "load_postcode_points",
]
