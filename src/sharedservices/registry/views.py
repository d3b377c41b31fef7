from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from sharedservices.registry.models import Arrangement
from sharedservices.web.access import public


@public
def index(request):
    """The register: public arrangements for everyone, plus a signed-in user's
    council's private ones."""
    arrangements = Arrangement.objects.visible_to(request.user).prefetch_related(
        "partners__council"
    )
    council = request.GET.get("council", "").strip().upper()
    if council:
        arrangements = arrangements.filter(partners__council_id=council).distinct()
    page = Paginator(arrangements, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "registry/index.html", {"page": page, "query": query.urlencode()})


@public
def detail(request, pk):
    arrangement = get_object_or_404(
        Arrangement.objects.visible_to(request.user).prefetch_related("partners__council"), pk=pk
    )
    return render(request, "registry/detail.html", {"arrangement": arrangement})
