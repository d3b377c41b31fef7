"""Money on the page and in forms: one filter, one field, and no template writing "£"
itself (``base/templatetags/money.py``, ``base/money.py``)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template

from sharedservices.analysis.money import format_figure
from sharedservices.base.money import MoneyField

SRC = Path(__file__).resolve().parents[2] / "src" / "sharedservices"


def render(text: str, **context) -> str:
    return Template("{% load money %}" + text).render(Context(context))


def test_the_money_filter_writes_pounds_with_separators_and_the_sign_in_front():
    assert render("{{ a|money }}", a=410000) == "£410,000"
    assert render("{{ a|money }}", a=Decimal("49999.95")) == "£50,000"  # to the pound
    assert render("{{ a|money }}", a=-1234) == "−£1,234"
    assert render("{{ a|money }}", a=None) == "Not reported"
    assert render('{{ a|money:"short" }}', a=1_200_000) == "£1.20m"
    assert render('{{ a|money:"short" }}', a=None) == ""
    assert render('{{ a|money:"pence" }}', a=Decimal("1234.5")) == "£1,234.50"


@pytest.mark.parametrize(
    "amount,unit,shown",
    [
        (410000, "£ a year", "£410,000 a year"),
        (Decimal("410000.00"), "£", "£410,000"),
        (Decimal("12.5"), "gbp", "£12.50"),
        (Decimal("-1250"), "gbp", "−£1,250"),
        (Decimal("97.50"), "%", "97.5%"),
        (Decimal("97.5"), "percent", "97.5%"),
        (12000, "days", "12,000 days"),
        (1500, "count", "1,500"),
        (None, "£ a year", ""),
    ],
)
def test_a_figure_in_its_unit(amount, unit, shown):
    assert format_figure(amount, unit) == shown
    assert render("{{ a|figure:u }}", a=amount, u=unit) == shown


def _templates():
    return [p for p in SRC.rglob("*.html") if "node_modules" not in p.parts]


def test_no_template_writes_a_pound_sign_before_a_figure():
    """ "£" before a variable or a tag is a second formatter; the filter writes it."""
    offenders = []
    for path in _templates():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if re.search(r"£\s*\{[{%]", line):
                offenders.append(f"{path.relative_to(SRC)}:{number}")
    assert offenders == []


def test_every_template_shows_money_through_the_one_filter():
    libraries = re.compile(r"\|(pounds|gbp|short)\b|\|measure:")
    assert [str(p.relative_to(SRC)) for p in _templates() if libraries.search(p.read_text())] == []


@pytest.mark.parametrize(
    "typed,whole",
    [
        ("£25,000", 25000),
        ("25000", 25000),
        ("£1.2m", 1_200_000),
        ("90k", 90000),
        (" 410,000 ", 410000),
    ],
)
def test_the_money_field_reads_what_people_type(typed, whole):
    assert MoneyField(what="the exit costs").clean(typed) == whole


@pytest.mark.parametrize(
    "field,typed,message",
    [
        (MoneyField(what="the exit costs"), "lots", "Enter the exit costs as an amount in pounds"),
        (MoneyField(what="the exit costs"), "12.50", "Enter the exit costs in whole pounds"),
        (MoneyField(what="the exit costs"), "-5", "The exit costs must be 0 or more"),
        (MoneyField(what="the amount", min_value=1), "0", "The amount must be at least £1"),
        (MoneyField(what="the cost", max_value=1000), "£1,001", "The cost must be at most £1,000"),
        (MoneyField(what="the cost", pence=True), "1.234", "Enter the cost to the penny at most"),
        (MoneyField(what="the cost"), "", "Enter the cost in pounds"),
    ],
)
def test_the_money_field_names_each_mistake(field, typed, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        field.clean(typed)
    assert caught.value.messages[0].startswith(message)


def test_a_money_field_with_pence_keeps_them():
    assert MoneyField(pence=True).clean("£0.50") == Decimal("0.50")
    assert MoneyField(required=False).clean("") is None
