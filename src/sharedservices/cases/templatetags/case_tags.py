from django import template

register = template.Library()


@register.filter
def percent(value):
    if value is None:
        return "–"
    return f"{float(value) * 100:.1f}%"


@register.filter
def switching(value, npsv):
    """A switching value in words (Green Book: the change that brings NPSV to zero).

    -0.52 on a benefit reads "would have to fall by 52%"; ``None`` (no change to
    this line alone can bring NPSV to zero) says which way the option stays."""
    stays = "pays for itself" if float(npsv or 0) >= 0 else "does not pay for itself"
    turn = "stop paying" if float(npsv or 0) >= 0 else "start paying"
    if value is None:
        return f"Never: the option {stays} even without this line"
    value = float(value)
    if value == 0:
        return "Already at the point where the option breaks even"
    size = abs(value)
    amount = f"{size * 100:,.0f}%"
    if size >= 2:
        amount += f" (to {1 + value:,.0f} times its amount)" if value > 0 else ""
    direction = "fall" if value < 0 else "rise"
    return f"Would have to {direction} by {amount} for the option to {turn} for itself"


@register.filter
def ratio(value):
    return "–" if value is None else f"{float(value):.2f}"


@register.filter
def get(mapping, key):
    return (mapping or {}).get(str(key)) if hasattr(mapping, "get") else None
