"""``load_councils`` builds the register from the real ONS packages."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from sharedservices.councils import loading
from sharedservices.councils.models import Council, CouncilKind, Nation

pytestmark = pytest.mark.django_db


def current_counts(field: str) -> dict[str, int]:
    rows = Council.objects.current().values(field).annotate(n=Count("code"))
    return {row[field]: row["n"] for row in rows}


def test_current_councils_per_kind_match_the_uk_in_2025():
    assert current_counts("kind") == {
        CouncilKind.COUNTY: 21,
        CouncilKind.DISTRICT: 164,
        CouncilKind.UNITARY: 63,
        CouncilKind.METROPOLITAN_BOROUGH: 36,
        CouncilKind.LONDON_BOROUGH: 33,
        CouncilKind.WELSH_PRINCIPAL_AREA: 22,
        CouncilKind.SCOTTISH_COUNCIL_AREA: 32,
        CouncilKind.NI_DISTRICT: 11,
    }


def test_current_councils_per_nation():
    assert current_counts("nation") == {
        Nation.ENGLAND: 317,
        Nation.WALES: 22,
        Nation.SCOTLAND: 32,
        Nation.NORTHERN_IRELAND: 11,
    }


@pytest.mark.parametrize(
    "code,name,kind,upper_tier",
    [
        ("E07000121", "Lancaster", CouncilKind.DISTRICT, "E10000017"),
        ("E07000123", "Preston", CouncilKind.DISTRICT, "E10000017"),
        ("E07000239", "Wyre Forest", CouncilKind.DISTRICT, "E10000034"),
        ("E10000024", "Nottinghamshire", CouncilKind.COUNTY, None),
        ("E06000063", "Cumberland", CouncilKind.UNITARY, None),
        ("E06000064", "Westmorland and Furness", CouncilKind.UNITARY, None),
        ("E09000001", "City of London", CouncilKind.LONDON_BOROUGH, None),
        ("E08000038", "Barnsley", CouncilKind.METROPOLITAN_BOROUGH, None),
        ("W06000001", "Isle of Anglesey", CouncilKind.WELSH_PRINCIPAL_AREA, None),
        ("S12000036", "City of Edinburgh", CouncilKind.SCOTTISH_COUNCIL_AREA, None),
        ("S12000013", "Na h-Eileanan Siar", CouncilKind.SCOTTISH_COUNCIL_AREA, None),
        ("N09000003", "Belfast", CouncilKind.NI_DISTRICT, None),
    ],
)
def test_known_councils(code, name, kind, upper_tier):
    council = Council.objects.get(code=code)
    assert (council.name, council.kind, council.upper_tier_id) == (name, kind, upper_tier)
    assert council.is_current


def test_cumbria_2023_reorganisation_has_successors():
    carlisle = Council.objects.get(code="E07000028")
    assert carlisle.valid_to == dt.date(2023, 3, 31)
    assert not carlisle.is_current
    assert [c.code for c in carlisle.successors.all()] == ["E06000063"]
    assert carlisle.upper_tier.code == "E10000006"  # Cumbria County Council
    cumbria = Council.objects.get(code="E10000006")
    assert sorted(cumbria.successors.values_list("code", flat=True)) == ["E06000063", "E06000064"]
    cumberland = Council.objects.get(code="E06000063")
    assert cumberland.valid_from == dt.date(2023, 4, 1)
    assert sorted(cumberland.predecessors.values_list("code", flat=True)) == [
        "E07000026",  # Allerdale
        "E07000028",  # Carlisle
        "E07000029",  # Copeland
        "E10000006",  # Cumbria
    ]
    westmorland = Council.objects.get(code="E06000064")
    assert sorted(westmorland.predecessors.values_list("code", flat=True)) == [
        "E07000027",  # Barrow-in-Furness
        "E07000030",  # Eden
        "E07000031",  # South Lakeland
        "E10000006",
    ]


def test_northamptonshire_2021_split_in_two():
    county = Council.objects.get(code="E10000021")
    assert county.name == "Northamptonshire"
    assert sorted(county.successors.values_list("code", flat=True)) == ["E06000061", "E06000062"]
    assert Council.objects.get(code="E07000154").successors.get().name == "West Northamptonshire"


def test_every_earlier_reorganisation_is_recorded():
    abolished = Council.objects.abolished()
    by_year = {
        year: abolished.filter(valid_to__year=year).count()
        for year in (2009, 2012, 2013, 2018, 2019, 2020, 2021, 2023)
    }
    # 2012-13: the English recodes after three boundary change orders (St Albans and Welwyn
    # Hatfield; East Hertfordshire and Stevenage; Gateshead and Northumberland); 2018 and
    # 2019 (two of the 2019 ones): the Scottish recodes (Fife and Perth and Kinross on
    # 1 February 2018; Glasgow City and North Lanarkshire on 31 January 2019).
    assert by_year == {
        2009: 44,
        2012: 2,
        2013: 4,
        2018: 2,
        2019: 17,
        2020: 5,
        2021: 8,
        2023: 20,
    }
    assert not abolished.filter(successors__isnull=True).exists()


def test_recoded_councils_have_records_before_their_current_codes():
    for old, new, last_day in [
        ("S12000015", "S12000047", dt.date(2018, 2, 1)),  # Fife
        ("S12000024", "S12000048", dt.date(2018, 2, 1)),  # Perth and Kinross
        ("S12000046", "S12000049", dt.date(2019, 1, 31)),  # Glasgow City
        ("S12000044", "S12000050", dt.date(2019, 1, 31)),  # North Lanarkshire
        ("E07000100", "E07000240", dt.date(2012, 3, 31)),  # St Albans
        ("E07000104", "E07000241", dt.date(2012, 3, 31)),  # Welwyn Hatfield
        ("E07000097", "E07000242", dt.date(2013, 3, 31)),  # East Hertfordshire
        ("E07000101", "E07000243", dt.date(2013, 3, 31)),  # Stevenage
        ("E08000020", "E08000037", dt.date(2013, 3, 31)),  # Gateshead
        ("E06000048", "E06000057", dt.date(2013, 3, 31)),  # Northumberland
    ]:
        before, after = Council.objects.get(code=old), Council.objects.get(code=new)
        assert before.name == after.name
        assert before.valid_to == last_day
        assert after.valid_from == last_day + dt.timedelta(days=1)
        assert list(before.successors.all()) == [after]
    # Northumberland's 2009 districts lead to its first unitary code, then its current one
    alnwick = Council.objects.get(code="35UB")
    assert [c.code for c in alnwick.successors.all()] == ["E06000048"]


def test_every_council_code_in_the_postcode_directory_has_a_name():
    codes = loading.read_postcode_council_codes()
    assert len(codes) == 361
    named = dict(Council.objects.filter(code__in=codes).values_list("code", "name"))
    assert set(named) == codes
    assert all(named.values())


def test_loading_again_changes_nothing(capsys):
    before = list(Council.objects.order_by("code").values())
    call_command("load_councils")
    out = capsys.readouterr().out
    assert "0 created, 0 updated" in out and "0 links changed" in out
    assert list(Council.objects.order_by("code").values()) == before


def test_a_gap_in_the_data_writes_nothing_and_names_the_council(monkeypatch):
    curated = loading.read_curated()
    del curated["S12000036"]  # City of Edinburgh's name comes only from the curated file
    monkeypatch.setattr(loading, "read_curated", lambda *_: curated)
    Council.objects.filter(code="S12000036").update(name="changed")
    with pytest.raises(CommandError, match="S12000036: no name"):
        call_command("load_councils")
    assert Council.objects.get(code="S12000036").name == "changed"


def test_a_changed_record_is_updated_in_place():
    Council.objects.filter(code="E07000121").update(name="Lancaster (old name)")
    sources = loading.read_sources()
    report = loading.save_records(loading.build_records(sources))
    assert (report.created, report.updated) == (0, 1)
    assert Council.objects.get(code="E07000121").name == "Lancaster"


def test_a_council_missing_from_the_postcodes_must_be_marked_abolished():
    sources = loading.read_sources()
    sources = dataclasses.replace(sources, postcode_codes=sources.postcode_codes - {"E07000121"})
    with pytest.raises(
        loading.CouncilDataError, match="E07000121 .*does not say when it was abolished"
    ):
        loading.build_records(sources)
