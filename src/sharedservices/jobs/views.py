"""Find partners: the form, and the page of one job (progress, then result)."""

from __future__ import annotations

import json

from django.shortcuts import get_object_or_404, redirect, render

from sharedservices.analysis.errors import InputError
from sharedservices.base.access import council_owned, signed_in
from sharedservices.jobs import services
from sharedservices.jobs.forms import FindPartnersForm
from sharedservices.jobs.models import AnalysisJob, JobKind
from sharedservices.jobs.presenters import coalitions_table

# Where a problem found by the analysis belongs on the form.
FIELD_OF_PATH = {
    "$.model.scale_exponent": "scale_exponent",
    "$.model.governance_cost": "governance_cost",
    "$.model.distance_cost_per_km": "distance_cost_per_km",
    "$.constraints.max_size": "max_size",
    "$.constraints.opt_out": "opt_out",
    "$.constraints.connected": "connected",
}


def _field_of(path: str) -> str | None:
    for prefix, field in FIELD_OF_PATH.items():
        if path == prefix or path.startswith(prefix + "["):
            return field
    return None


@signed_in
def find_partners(request):
    form = FindPartnersForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.coalitions_input()
        try:
            services.coalitions_validate(data=data)
        except InputError as exc:
            for problem in exc.problems:
                form.add_error(
                    _field_of(problem.path), problem.message[:1].upper() + problem.message[1:]
                )
        else:
            job = services.analysis_job_create(
                kind=JobKind.COALITIONS,
                data=data,
                user=request.user,
                title=f"{form.service_name()}: partners among {form.area_name()}",
            )
            return redirect(job)
    recent = AnalysisJob.objects.visible_to(request.user).filter(kind=JobKind.COALITIONS)[:10]
    return render(request, "jobs/find_partners.html", {"form": form, "recent": recent})


@council_owned
def detail(request, pk: int):
    services.analysis_jobs_sweep(AnalysisJob.objects.visible_to(request.user).filter(pk=pk))
    job = get_object_or_404(AnalysisJob.objects.visible_to(request.user), pk=pk)
    table = coalitions_table(job) if job.kind == JobKind.COALITIONS and job.result else None
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "table": table,
            "map_groups_json": json.dumps(table["map_groups"]) if table else "{}",
            "map_names_json": json.dumps(table["names"]) if table else "{}",
        },
    )
