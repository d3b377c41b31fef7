from django.shortcuts import get_object_or_404, render

from sharedservices.cases.models import BusinessCase
from sharedservices.web.access import signed_in


@signed_in
def index(request):
    cases = BusinessCase.objects.visible_to(request.user).select_related("lead_council")
    return render(request, "cases/index.html", {"cases": cases})


@signed_in
def detail(request, pk):
    case = get_object_or_404(
        BusinessCase.objects.visible_to(request.user)
        .select_related("lead_council")
        .prefetch_related("partner_councils"),
        pk=pk,
    )
    return render(request, "cases/detail.html", {"case": case})
