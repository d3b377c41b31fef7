import json

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from sharedservices.base.access import public
from sharedservices.base.panels import council_panels
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
    return render(
        request,
        "councils/detail.html",
        {
            "council": council,
            "panels": council_panels(request, council),
            # ONS recoded it (Barnsley E08000016 -> E08000038): the same council, another code
            "recoded_as": recoded_as(council, lineage),
            "earlier_codes": [
                c for c in lineage if c != council and lineage.index(c) < lineage.index(council)
            ],
        },
    )
