"""Council pairs whose adjacency postcodes cannot settle, each checked against ONS's own list.

Source: ONS, "Local Authority Districts 2021 neighbours" (github.com/ONSvisual/
Local-Authority-Districts-2021-neighbours, data.json, commit 79d1bd9, OGL v3): for every 2021
local authority district, the districts that share its boundary (index 0 of each list). The same
list measures the method as a whole (`evaluation.py`); these few pairs are the ones no rule on
postcode points can get right, so they are kept here, by hand, with the reason. A pair that names
a council not in the data (a test fixture) is ignored.
"""

from __future__ import annotations

# Shared boundaries neither test can see: through mountains with no postcode for tens of
# kilometres, or in the middle of an estuary wider than the land mask closes (about 3 km).
KNOWN_BORDERS: frozenset[tuple[str, str]] = frozenset(
    {
        ("S12000017", "S12000034"),  # Highland - Aberdeenshire (the Cairngorms)
        ("S12000017", "S12000048"),  # Highland - Perth and Kinross (the Grampians, Rannoch Moor)
        ("S12000035", "S12000048"),  # Argyll and Bute - Perth and Kinross (Breadalbane)
        ("E08000015", "W06000005"),  # Wirral - Flintshire (the Dee estuary, 5 to 8 km)
        ("E06000023", "W06000015"),  # Bristol - Cardiff (the Severn, Bristol's area reaches it)
        ("E06000023", "W06000021"),  # Bristol - Monmouthshire (the Severn)
        ("E06000025", "W06000021"),  # South Gloucestershire - Monmouthshire (the Severn)
        ("E06000034", "E06000035"),  # Thurrock - Medway (the Thames estuary)
        ("E06000035", "E07000069"),  # Medway - Castle Point (the Thames estuary)
        ("E06000052", "E07000044"),  # Cornwall - South Hams (Plymouth Sound)
    }
)

# Estuaries the land mask closes (they are a few kilometres wide) whose two shores are not a
# shared boundary in the ONS list: each council's area ends at its own shore.
KNOWN_APART: frozenset[tuple[str, str]] = frozenset(
    {
        ("E06000010", "E06000013"),  # Kingston upon Hull - North Lincolnshire (the Humber)
        ("E07000076", "E07000244"),  # Tendring - East Suffolk (the Stour and Orwell)
        ("E07000087", "E07000091"),  # Fareham - New Forest (Southampton Water)
        ("S12000014", "S12000047"),  # Falkirk - Fife (the Forth at Kincardine)
        ("S12000036", "S12000047"),  # City of Edinburgh - Fife (the Firth of Forth)
        ("S12000040", "S12000047"),  # West Lothian - Fife (the Firth of Forth)
        ("S12000042", "S12000047"),  # Dundee City - Fife (the Firth of Tay)
    }
)
