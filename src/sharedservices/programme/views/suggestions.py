"""One click from a suggestion to an opportunity."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sharedservices.base.access import signed_in
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme import permissions
from sharedservices.programme.services.opportunities import OpportunityInput, opportunity_create


def suggestion_title(area: ServiceArea, councils: list[Council]) -> str:
    names = [c.name for c in councils[:3]]
    more = len(councils) - len(names)
    who = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return f"Shared {area.name.lower()} (as {who} already share)"[:200]


@signed_in
@require_POST
def suggestion_adopt(request):
    council = request.user.council
    if council is None or not permissions.can_act_for(request.user, council):
        raise PermissionDenied("Your role cannot record opportunities")
    area = ServiceArea.objects.filter(slug=request.POST.get("service_area", "")).first()
    if area is None:
        messages.error(request, "That suggestion is no longer available")
        return redirect("programme:index")
    codes = [c.upper() for c in request.POST.getlist("council")][:50]
    partners = sorted(
        Council.objects.filter(pk__in=codes).exclude(pk=council.pk), key=lambda c: codes.index(c.pk)
    )
    try:
        token = uuid.UUID(request.POST.get("submission_token", ""))
    except ValueError:
        token = None
    try:
        o = opportunity_create(
            user=request.user,
            data=OpportunityInput(
                title=suggestion_title(area, partners),
                council=council,
                service_area=area,
                proposed_partners=partners,
                description=(
                    f"Suggested because councils like {council.name} already share"
                    f" {area.name.lower()} in the register."
                ),
                next_step="Contact the councils that already share it",
                owner=request.user,
            ),
            submission_token=token,
        )
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
        return redirect("programme:index")
    messages.success(request, "The suggestion is now an opportunity in your pipeline")
    return redirect(o)
