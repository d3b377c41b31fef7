"""The one way a page shows money: ``{{ amount|money }}`` (``analysis/money.py``).

``money`` writes whole pounds with thousands separators and the pound sign in front
(£410,000; −£1,234; "Not reported" for an empty amount); ``money:"short"`` is for a
crowded table or a chart label (£1.20m, £90k; an empty cell stays empty) and
``money:"pence"`` for the maths' explanations (£1,234.56). A figure with a unit that may be
money, such as a baseline in "£ a year", goes through ``figure``: "£410,000 a year",
"97.5%", "12 days". No template writes "£" before a number itself.
"""

from __future__ import annotations

from django import template

from sharedservices.analysis.money import format_figure, format_number, format_pounds

register = template.Library()


@register.filter
def money(amount, style: str = "") -> str:
    if style == "short":
        return "" if amount in (None, "") else format_pounds(amount, short=True)
    return format_pounds(amount, pence=style == "pence")


@register.filter
def figure(amount, unit: str = "") -> str:
    return format_figure(amount, unit)


@register.filter
def number(amount) -> str:
    """A count or a quantity with thousands separators: 12,345."""
    return "" if amount in (None, "") else format_number(amount)
