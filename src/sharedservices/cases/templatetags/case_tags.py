from django import template

from sharedservices.cases.charts import money as short_money

register = template.Library()


@register.filter
def money(value):
    """Whole pounds with a minus sign that screen readers read: −£1,234."""
    if value is None or value == "":
        return "–"
    value = float(value)
    return f"{'−' if value < 0 else ''}£{abs(value):,.0f}"


@register.filter
def short(value):
    return "" if value in (None, "") else short_money(float(value))


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
