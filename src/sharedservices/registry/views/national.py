"""The national map and the national picture (seed 004), from public records."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string

from sharedservices.base.access import public
from sharedservices.base.panels import page_panels
from sharedservices.catalogue.models import ServiceArea
from sharedservices.registry.statistics import (
    SAVINGS_BANDS,
    map_data,
    national_picture,
    register_version,
)

PROVENANCE_CHOICES = [
    ("real", "Real records (from a cited source or a council)"),
    ("demo", "Demo records"),
    ("all", "Real and demo records"),
]


def _provenance(request) -> str:
    """Real records unless the visitor asks for demo ones (they exist only in the demo)."""
    value = request.GET.get("provenance", "")
    return value if value in ("demo", "all") else "real"


class MapForm(forms.Form):
    measure = forms.ChoiceField(
        label="Shade councils by",
        choices=[("live", "Number of live arrangements"), ("savings", "Annual savings")],
        required=False,
    )
    service_area = forms.ChoiceField(label="Service area", required=False)
    provenance = forms.ChoiceField(label="Records", required=False, choices=PROVENANCE_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = [("", "All service areas")] + [
            (a.slug, a.name) for a in ServiceArea.objects.order_by("name")
        ]


@public
def national_map(request):
    """The map (drawn in the browser from the API) and the same figures as a table.

    The table lists every council in a live arrangement (hundreds of rows), the same
    for every visitor: it is kept in the cache under the register's version and the
    (validated) service area, so it is drawn once per register change, not per visit."""
    form = MapForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {}
    measure = choice.get("measure") or "live"
    service_area = choice.get("service_area") or ""
    provenance = _provenance(request)
    key = f"registry.national_map.{register_version()}.{service_area}.{provenance}"
    figures = cache.get(key)
    if figures is None:
        data = map_data(service_area=service_area, provenance=provenance)
        table = render_to_string(
            "registry/includes/map_table.html",
            {"councils": data["councils"], "service_area": service_area},
        )
        figures = (len(data["councils"]), len(data["links"]), table)
        cache.set(key, figures, timeout=24 * 3600)
    councils, links, table = figures
    return render(
        request,
        "registry/map.html",
        {
            "form": form,
            "measure": measure,
            "service_area": service_area,
            "provenance": provenance,
            "councils": councils,
            "links": links,
            "table": table,
        },
    )


@public
def stats(request):
    """The national picture. Its tables (thousands of formatted figures) are the same for
    everyone until the register changes, so they are kept in the cache under the
    register's version; the panels (benefits: the share measured from partners' figures)
    are read fresh."""
    provenance = _provenance(request)
    # The version is read before the figures.
    key = f"registry.stats_tables.{register_version()}.{provenance}"
    picture = national_picture(provenance=provenance)
    tables = cache.get(key)
    if tables is None:
        tables = render_to_string(
            "registry/includes/stats_tables.html", {"picture": picture, "bands": SAVINGS_BANDS}
        )
        cache.set(key, tables, timeout=24 * 3600)
    return render(
        request,
        "registry/stats.html",
        {
            "picture": picture,
            "tables": tables,
            "panels": page_panels("national-picture", request, None),
            "provenance": provenance,
            "provenance_choices": PROVENANCE_CHOICES,
        },
    )
