"""The register's panel on the council page: the council's arrangements, as far as the
viewer may see them (``base/panels.py`` explains why the council page does not ask)."""

from __future__ import annotations

from django.template.loader import render_to_string

from sharedservices.base.panels import council_panel
from sharedservices.councils.selectors import recoded_as
from sharedservices.registry.models import Arrangement


@council_panel("arrangements", order=10)
def council_arrangements(request, council) -> str:
    arrangements = Arrangement.objects.visible_to(request.user).of_council(council)
    return render_to_string(
        "registry/includes/council_arrangements.html",
        {"council": council, "arrangements": arrangements, "recoded_as": recoded_as(council)},
        request=request,
    )
