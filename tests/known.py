"""Well-known councils the tests use, by GSS code: one list, named as the papers name them.

Lancaster, Preston and Wyre Forest wrote the council papers the product follows; Cumberland
succeeded Carlisle, Allerdale and Copeland (2023), and Westmorland and Furness succeeded
Eden and South Lakeland, so they prove that successors act for their predecessors.
"""

LANCASHIRE = "E10000017"
LANCASTER = "E07000121"
PRESTON = "E07000123"
WYRE = "E07000128"
FYLDE = "E07000119"
WYRE_FOREST = "E07000239"
BROMSGROVE = "E07000234"

CUMBERLAND = "E06000063"
CARLISLE = "E07000028"
ALLERDALE = "E07000026"
COPELAND = "E07000029"
EDEN = "E07000030"
SOUTH_LAKELAND = "E07000031"
WESTMORLAND_AND_FURNESS = "E06000064"

# Codes that changed: Barnsley was re-coded in 2024; Caradon and Restormel became Cornwall.
OLD_BARNSLEY = "E08000016"
BARNSLEY = "E08000038"
ROTHERHAM = "E08000018"
CARADON = "15UB"
RESTORMEL = "15UG"
CORNWALL = "E06000052"
