"""One resolver for councils typed as text (forms, importer, Find partners)."""

from __future__ import annotations

import pytest

from sharedservices.councils.naming import (
    UnknownCouncil,
    council_by_name_or_code,
    councils_by_names_or_codes,
)

pytestmark = pytest.mark.django_db


def test_by_code_or_name_in_any_case():
    assert council_by_name_or_code("e07000121").name == "Lancaster"
    assert council_by_name_or_code("  PRESTON ").code == "E07000123"


def test_names_with_commas_match_whole_and_lists_split_on_commas():
    bristol = council_by_name_or_code("E06000023")
    assert "," in bristol.name  # ONS writes "Bristol, City of"
    found = councils_by_names_or_codes(f"{bristol.name}\nLancaster, Preston; E07000128")
    assert [c.code for c in found] == ["E06000023", "E07000121", "E07000123", "E07000128"]


def test_every_unknown_item_is_named():
    with pytest.raises(UnknownCouncil) as error:
        councils_by_names_or_codes("Lancaster, Atlantis\nLyonesse")
    assert error.value.messages == [
        "There is no council “Atlantis”: enter its name or GSS code, like E07000123",
        "There is no council “Lyonesse”: enter its name or GSS code, like E07000123",
    ]


def test_an_abolished_council_points_to_its_successor_unless_history_is_wanted():
    with pytest.raises(UnknownCouncil, match="Carlisle no longer exists: .*Cumberland"):
        council_by_name_or_code("Carlisle")
    assert council_by_name_or_code("Carlisle", current_only=False).code == "E07000028"


def test_duplicates_are_dropped_keeping_order():
    assert [c.code for c in councils_by_names_or_codes("Preston\nE07000123\nLancaster")] == [
        "E07000123",
        "E07000121",
    ]


def test_a_council_is_found_by_its_everyday_name():
    assert council_by_name_or_code("Lancaster City Council").code == "E07000121"
    assert council_by_name_or_code("City of Bristol Council").code == "E06000023"


def test_an_unknown_name_lists_the_nearest_councils():
    with pytest.raises(UnknownCouncil) as error:
        council_by_name_or_code("Lancster")
    (message,) = error.value.messages
    assert message.startswith("There is no council “Lancster”. Did you mean “Lancaster”")
    assert message.endswith("? Enter its name or GSS code")


def test_a_name_several_councils_contain_lists_them():
    with pytest.raises(UnknownCouncil, match="Did you mean .*“Preston”"):
        council_by_name_or_code("Prestn")
