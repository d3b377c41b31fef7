"""The national map and the national picture (seed 004), from public records."""

from __future__ import annotations

from django import forms
from django.shortcuts import render

from sharedservices.base.access import public
from sharedservices.benefits.savings import national_measured_share
from sharedservices.catalogue.models import ServiceArea
from sharedservices.registry.statistics import SAVINGS_BANDS, map_data, national_picture


class MapForm(forms.Form):
    measure = forms.ChoiceField(
        label="Shade councils by",
        choices=[("live", "Number of live arrangements"), ("savings", "Annual savings")],
        required=False,
    )
    service_area = forms.ChoiceField(label="Service area", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = [("", "All service areas")] + [
            (a.slug, a.name) for a in ServiceArea.objects.order_by("name")
        ]


@public
def national_map(request):
    form = MapForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {}
    measure = choice.get("measure") or "live"
    service_area = choice.get("service_area") or ""
    data = map_data(service_area=service_area)
    return render(
        request,
        "registry/map.html",
        {
            "form": form,
            "measure": measure,
            "service_area": service_area,
            "councils": data["councils"],
            "links": len(data["links"]),
        },
    )


@public
def stats(request):
    picture = national_picture()
    return render(
        request,
        "registry/stats.html",
        {"picture": picture, "bands": SAVINGS_BANDS, "measured": national_measured_share()},
    )
