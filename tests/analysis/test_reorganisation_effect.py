"""What vesting day does to an arrangement: hand-worked cases and a brute-force check."""

from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from sharedservices.analysis.reorganisation import (
    BETWEEN_SUCCESSORS,
    PARTLY,
    WITHIN_ONE_COUNCIL,
    vesting_effect,
)

# Surrey on 1 April 2027 (the county's area is split between both new councils)
SURREY = {
    "woking": ["west"],
    "guildford": ["west"],
    "elmbridge": ["east"],
    "county": ["east", "west"],
}


def test_two_partners_going_into_one_council_become_its_own_service():
    result = vesting_effect(["woking", "guildford"], SURREY)
    assert result.effect == WITHIN_ONE_COUNCIL
    assert result.successors == ("west",) and result.councils_after == ("west",)


def test_partners_going_into_different_councils_continue_between_them():
    result = vesting_effect(["woking", "elmbridge"], SURREY)
    assert result.effect == BETWEEN_SUCCESSORS
    assert result.successors == ("east", "west")


def test_some_merge_and_one_stays_is_partly():
    result = vesting_effect(["woking", "guildford", "hart"], SURREY)
    assert result.effect == PARTLY
    assert result.councils_after == ("hart", "west") and result.successors == ("west",)


def test_an_outside_partner_with_one_successor_continues_between_them():
    assert vesting_effect(["woking", "hart"], SURREY).effect == BETWEEN_SUCCESSORS


def test_the_split_county_with_a_district_merges_into_that_districts_successor():
    assert vesting_effect(["county", "woking"], SURREY).effect == PARTLY


def test_an_arrangement_the_reorganisation_does_not_touch_is_unaffected():
    assert vesting_effect(["hart", "rushmoor"], SURREY) is None


def brute_force(partners, successors):
    after = [tuple(successors.get(p, [p])) for p in partners]
    everyone = {c for held in after for c in held}
    if not any(p in successors for p in partners):
        return None
    if len(everyone) == 1:
        return WITHIN_ONE_COUNCIL
    shares = any(
        set(after[i]) & set(after[j]) for i, j in product(range(len(after)), repeat=2) if i < j
    )
    return PARTLY if shares else BETWEEN_SUCCESSORS


codes = st.sampled_from(["woking", "guildford", "elmbridge", "county", "hart", "rushmoor"])


@given(st.lists(codes, min_size=1, max_size=6, unique=True))
def test_matches_brute_force(partners):
    result = vesting_effect(partners, SURREY)
    assert (result.effect if result else None) == brute_force(partners, SURREY)
