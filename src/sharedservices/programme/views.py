from django.shortcuts import get_object_or_404, render

from sharedservices.base.access import signed_in
from sharedservices.programme.models import Opportunity


@signed_in
def index(request):
    opportunities = Opportunity.objects.visible_to(request.user).prefetch_related(
        "proposed_partners"
    )
    return render(request, "programme/index.html", {"opportunities": opportunities})


@signed_in
def opportunity(request, pk):
    item = get_object_or_404(Opportunity.objects.visible_to(request.user), pk=pk)
    return render(request, "programme/opportunity.html", {"opportunity": item})
