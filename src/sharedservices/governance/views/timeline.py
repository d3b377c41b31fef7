"""The audit trail as a timeline, on each case and on each register record."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from sharedservices.base.access import council_owned, public
from sharedservices.cases.views.common import case_context
from sharedservices.governance.models import AuditEvent, Decision
from sharedservices.governance.selectors import timeline_page
from sharedservices.governance.tenancy import acting_council_ids
from sharedservices.governance.views.case import get_case
from sharedservices.registry.models import Arrangement


@council_owned
def case_timeline(request, pk):
    case = get_case(request, pk)
    page = timeline_page(AuditEvent.objects.of_case(case), request.GET.get("page"))
    return render(
        request,
        "governance/case_timeline.html",
        case_context(request, case, "governance:timeline", events=page),
    )


@public
def arrangement_timeline(request, pk):
    """Public for a public arrangement (the register is open data); otherwise only the
    partner councils' users see the record, and so its history."""
    arrangement = get_object_or_404(Arrangement.objects.visible_to(request.user), pk=pk)
    page = timeline_page(AuditEvent.objects.of_arrangement(arrangement), request.GET.get("page"))
    partners = set(arrangement.partners.values_list("council_id", flat=True))
    full = request.user.is_superuser or bool(partners & acting_council_ids(request.user))
    decisions = (
        Decision.objects.filter(case__arrangement=arrangement)
        .select_related("council", "case", "call_in")
        .order_by("decided_on", "pk")
    )
    return render(
        request,
        "governance/arrangement_timeline.html",
        {"arrangement": arrangement, "events": page, "full": full, "decisions": decisions},
    )
