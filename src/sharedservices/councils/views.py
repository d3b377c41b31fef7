import json

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from sharedservices.base.access import public
from sharedservices.base.panels import council_panels
from sharedservices.councils.dates import CouncilsOn, DateError, councils_on, parse_on
from sharedservices.councils.forms import CouncilFilterForm
from sharedservices.councils.models import Council
from sharedservices.councils.selectors import (
    council_detail,
    council_list,
    current_council_names,
    recode_lineage,
    recoded_as,
)


@public
def index(request):
    form = CouncilFilterForm(request.GET or {"status": "current"})
    filters = form.cleaned_data if form.is_valid() else {"status": "current"}
    on = filters.pop("on", None)
    if on and filters.get("status", "current") in ("", "current"):
        # the councils of that day (a reorganisation ahead included): ?on=2027-04-01
        q = (filters.get("q") or "").lower()
        councils = [
            c
            for c in councils_on(on)
            if (not filters.get("kind") or c.kind == filters["kind"])
            and (not filters.get("nation") or c.nation == filters["nation"])
            and (not q or q in c.name.lower() or q == c.code.lower())
        ]
    else:
        councils = council_list(**{k: v for k, v in filters.items() if v})
    page = Paginator(councils, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "councils/index.html",
        {
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "query": query.urlencode(),
            "map_names_json": json.dumps(current_council_names()),
        },
    )


@public
def detail(request, code):
    try:
        council = council_detail(code.upper())
    except Council.DoesNotExist:
        raise Http404("No council with that code") from None
    lineage = recode_lineage(council)
    try:
        on = parse_on(request.GET.get("on")) if request.GET.get("on") else None
    except DateError:
        on = None
    holders = CouncilsOn.build(on).holders(council.code) if on else []
    return render(
        request,
        "councils/detail.html",
        {
            "council": council,
            "on": on,
            "holders_on": list(Council.objects.filter(code__in=holders)),
            "panels": council_panels(request, council),
            # ONS recoded it (Barnsley E08000016 -> E08000038): the same council, another code
            "recoded_as": recoded_as(council, lineage),
            "earlier_codes": [
                c for c in lineage if c != council and lineage.index(c) < lineage.index(council)
            ],
        },
    )
