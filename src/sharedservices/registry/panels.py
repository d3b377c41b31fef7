"""The register's panel on the council page: the council's arrangements, as far as the
viewer may see them (``base/panels.py`` explains why the council page does not ask)."""

from __future__ import annotations

from django.template.loader import render_to_string

from sharedservices.base.panels import council_panel
from sharedservices.councils.dates import CouncilsOn, reorganisations_in_view
from sharedservices.councils.selectors import recoded_as
from sharedservices.registry.models import Arrangement
from sharedservices.registry.reorganisation import arrangement_effects, named_effects


@council_panel("arrangements", order=10)
def council_arrangements(request, council) -> str:
    arrangements = Arrangement.objects.visible_to(request.user).of_council(council)
    return render_to_string(
        "registry/includes/council_arrangements.html",
        {"council": council, "arrangements": arrangements, "recoded_as": recoded_as(council)},
        request=request,
    )


@council_panel("reorganisation", order=15)
def council_reorganisation(request, council) -> str:
    """What vesting day does to the council's arrangements (those the viewer may see)."""
    chosen = reorganisations_in_view()
    if not any(council in r.abolished.all() for r in chosen):
        return ""
    today = CouncilsOn.build()
    effects = [
        (f"{a.name}", e, names)
        for a in Arrangement.objects.visible_to(request.user)
        .of_council(council)
        .prefetch_related("partners")
        for e, names in named_effects(arrangement_effects(a, chosen, today))
    ]
    return render_to_string(
        "registry/includes/council_reorganisation.html",
        {"council": council, "effects": effects, "reorganisations": chosen},
        request=request,
    )
