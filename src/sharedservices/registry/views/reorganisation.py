"""What reorganisations do to shared services: the national page and its CSV (issue 29)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render

from sharedservices.base.access import public
from sharedservices.councils.dates import DateError, parse_scenario, reorganisations_in_view
from sharedservices.councils.models import Council, Reorganisation
from sharedservices.registry.models import Arrangement
from sharedservices.registry.reorganisation import EFFECT_LABELS, national_picture


def _picture(request):
    try:
        scenario = parse_scenario(request.GET.getlist("scenario"))
    except DateError:
        scenario = ()
    chosen = reorganisations_in_view(scenario)
    picture = national_picture(Arrangement.objects.visible_to(request.user), chosen)
    return scenario, chosen, picture


@public
def national(request):
    scenario, chosen, picture = _picture(request)
    names = dict(Council.objects.values_list("code", "name"))
    for r in chosen:
        names.update({c.code: c.name for c in r.created.all()})
    by_council: dict[str, int] = {}
    for _, effect in picture.rows:
        for code in effect.councils_after:
            by_council[code] = by_council.get(code, 0) + 1
    return render(
        request,
        "registry/reorganisations.html",
        {
            "reorganisations": chosen,
            "proposed": Reorganisation.objects.filter(status="proposed"),
            "scenario": [r.slug for r in scenario],
            "rows": [(a, e, [names.get(c, c) for c in e.successors]) for a, e in picture.rows],
            "counts": [(EFFECT_LABELS[k], v) for k, v in picture.counts().items()],
            "total": len(picture.rows),
            "savings": picture.savings_at_stake(),
            "councils_after": sorted(
                ((names.get(c, c), c, n) for c, n in by_council.items()), key=lambda t: t[0]
            ),
            "query": request.GET.urlencode(),
        },
    )


@public
def effects_csv(request):
    _, chosen, picture = _picture(request)
    names = dict(Council.objects.values_list("code", "name"))
    for r in chosen:
        names.update({c.code: c.name for c in r.created.all()})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reorganisation-effects.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "arrangement_id",
            "arrangement",
            "status",
            "reorganisation",
            "vesting_day",
            "effect",
            "partners",
            "successors",
            "annual_savings_gbp",
        ]
    )
    for a, e in picture.rows:
        writer.writerow(
            [
                a.pk,
                _cell(a.name),
                a.status,
                _cell(e.reorganisation.name),
                e.on.isoformat(),
                e.effect,
                _cell("; ".join(str(p.party) for p in a.partners.all())),
                _cell("; ".join(names.get(c, c) for c in e.successors)),
                a.annual_savings_gbp or "",
            ]
        )
    return response


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
