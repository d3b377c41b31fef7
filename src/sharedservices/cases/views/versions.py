from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from sharedservices.base.access import council_owned
from sharedservices.cases.models import CaseVersion
from sharedservices.cases.versions import compare_snapshots
from sharedservices.cases.views.common import case_context, get_case


@council_owned
def versions(request, pk):
    case = get_case(request, pk)
    return render(
        request,
        "cases/versions.html",
        case_context(
            request,
            case,
            "versions",
            versions=case.versions.select_related("saved_by").defer("snapshot"),
        ),
    )


def _number(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@council_owned
def compare(request, pk):
    case = get_case(request, pk)
    latest = case.versions.values_list("number", flat=True).first() or 1
    to_n = _number(request.GET.get("to"), latest)
    from_n = _number(request.GET.get("from"), max(1, to_n - 1))
    older = get_object_or_404(
        CaseVersion.objects.select_related("saved_by"), case=case, number=min(from_n, to_n)
    )
    newer = get_object_or_404(
        CaseVersion.objects.select_related("saved_by"), case=case, number=max(from_n, to_n)
    )
    return render(
        request,
        "cases/compare.html",
        case_context(
            request,
            case,
            "versions",
            older=older,
            newer=newer,
            differences=compare_snapshots(older.snapshot, newer.snapshot),
            numbers=list(case.versions.values_list("number", flat=True)),
        ),
    )
