"""One money module: what people type parses, every amount formats one way."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharedservices.analysis.money import (
    EMPTY,
    MINUS,
    MoneyError,
    format_pence,
    format_pounds,
    parse_pounds,
    round_pounds,
    to_decimal,
    to_float,
)


@pytest.mark.parametrize(
    "text,pounds",
    [
        ("£1,234", "1234"),
        ("1234.50", "1234.50"),
        ("£1.2m", "1200000"),
        ("90k", "90000"),
        ("£90K", "90000"),
        ("2 million", "2000000"),
        ("£1bn", "1000000000"),
        (" 1 000 ", "1000"),
        ("1_000", "1000"),
        ("−£5", "-5"),
        ("-5", "-5"),
        ("£-5", "-5"),
    ],
)
def test_what_people_type_parses(text, pounds):
    assert parse_pounds(text) == Decimal(pounds)


@pytest.mark.parametrize(
    "text", ["", "£", "nan", "NaN", "inf", "-inf", "1e5", "1.2.3", "--5", "-£-5", "five", "£1e400"]
)
def test_anything_else_is_named(text):
    with pytest.raises(MoneyError, match="not an amount in pounds"):
        parse_pounds(text)


def test_absurd_amounts_are_named():
    with pytest.raises(MoneyError, match="is more than"):
        parse_pounds("9" * 40)


@pytest.mark.parametrize(
    "amount,text",
    [
        (None, EMPTY),
        ("", EMPTY),
        (0, "£0"),
        (1_900_000, "£1,900,000"),
        (Decimal("1234.5"), "£1,235"),
        (-1234.4, f"{MINUS}£1,234"),
        (-0.4, "£0"),
    ],
)
def test_one_format(amount, text):
    assert format_pounds(amount) == text


def test_short_and_pence():
    assert format_pounds(1_200_000, short=True) == "£1.20m"
    assert format_pounds(-90_000, short=True) == f"{MINUS}£90k"
    assert format_pounds(500, short=True) == "£500"
    assert format_pence(-10_000) == f"{MINUS}£10,000.00"
    assert format_pence(0.004) == "£0.00"


def test_round_half_up():
    assert round_pounds(Decimal("0.5")) == 1
    assert round_pounds(Decimal("2.5")) == 3
    assert round_pounds(Decimal("1.005"), 2) == Decimal("1.01")


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
def test_format_then_parse_round_trips_to_the_penny(amount):
    assert parse_pounds(format_pence(amount)) == amount


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
def test_the_border_keeps_pence(amount):
    assert to_decimal(to_float(amount)) == amount
