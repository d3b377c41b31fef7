"""Figures in their unit (£1,250, 97.5%, 12 days) and a status as words with colour."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html

register = template.Library()

STATUS_TAGS = {"green": ("Green", "green"), "amber": ("Amber", "yellow"), "red": ("Red", "red")}


def _number(value) -> str:
    d = Decimal(value).normalize()
    if d == d.to_integral():
        return f"{int(d):,}"
    return f"{d:,.2f}".rstrip("0").rstrip(".")


@register.filter
def measure(value, unit: str) -> str:
    if value is None or value == "":
        return ""
    text = _number(value)
    if unit == "gbp":
        return ("-£" + text[1:]) if text.startswith("-") else "£" + text
    if unit == "percent":
        return text + "%"
    if unit == "days":
        return text + " days"
    return text


@register.filter
def plain(value) -> str:
    """A figure as the chart reads it: no separators."""
    return "" if value is None else str(Decimal(value).normalize())


@register.simple_tag
def status_tag(status: str):
    if status not in STATUS_TAGS:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "No figures")
    words, colour = STATUS_TAGS[status]
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, words)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
