from django import template

from sharedservices.analysis.money import format_pounds

register = template.Library()


@register.filter
def money(value):
    """Whole pounds with a minus sign that screen readers read: −£1,234."""
    return format_pounds(value)


@register.filter
def short(value):
    """£1.20m, £90k; an empty cell stays empty (a year with nothing in it)."""
    return "" if value in (None, "") else format_pounds(value, short=True)


@register.filter
def percent(value):
    if value is None:
        return "–"
    return f"{float(value) * 100:.1f}%"


@register.filter
def ratio(value):
    return "–" if value is None else f"{float(value):.2f}"


@register.filter
def get(mapping, key):
    return (mapping or {}).get(str(key)) if hasattr(mapping, "get") else None
