"""The sharing and partner-finding maths over HTTP, with background jobs.

``POST /share`` always answers at once. ``POST /coalitions`` answers at once for
up to 16 councils; more councils, or ``"background": true`` in the body, create
an analysis job (Celery) and answer 202 with where to watch it. Bad input
answers 422 with ``{"errors": [{"path", "message"}]}``, as ``/appraise`` does.
A job is visible only to users of the council that asked for it.
"""

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema, Status

from sharedservices.api.errors import ERROR_CODES, ErrorsOut, ProblemOut
from sharedservices.jobs import services
from sharedservices.jobs.models import AnalysisJob, JobKind
from sharedservices.operations import ratelimit

router = Router(tags=["sharing and partners"])


class JobAccepted(Schema):
    job: int
    status: str
    status_url: str
    page_url: str


class JobOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    progress: float
    message: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    page_url: str
    result: dict[str, Any] | None
    errors: list[ProblemOut]


def _accepted(job: AnalysisJob) -> Status:
    return Status(
        202,
        {
            "job": job.pk,
            "status": job.status,
            "status_url": f"/api/v1/jobs/{job.pk}",
            "page_url": job.get_absolute_url(),
        },
    )


@router.post(
    "/share",
    response={200: dict[str, Any], ERROR_CODES: ErrorsOut},
    summary="Split the cost and saving lines of a sharing agreement",
    description="The `share` contract of docs/sharing-and-coalitions.md: equal, households, "
    "population, baseline cost, usage, custom, Shapley or nucleolus splits, individual "
    "rationality, the core and rebalancing. The same function as "
    "`python -m sharedservices.analysis share`.",
)
def share(request, payload: Body[dict[str, Any]]):
    ratelimit.check(request.user, "share")
    return Status(200, services.analysis_run(kind=JobKind.SHARE, data=payload))


@router.post(
    "/coalitions",
    response={200: dict[str, Any], 202: JobAccepted, ERROR_CODES: ErrorsOut},
    summary="Find the best partnerships of a set of councils",
    description="The `coalitions` contract of docs/sharing-and-coalitions.md; council "
    "locations and neighbours default to the register's ONS geography. Up to 16 councils "
    'answer 200 with the result; more councils, or `"background": true`, answer 202 with '
    "a job to follow at `status_url` (JSON) or `page_url` (a page).",
)
def coalitions(request, payload: Body[dict[str, Any]]):
    ratelimit.check(request.user, "coalitions")
    data = services.analysis_input(payload)
    if not services.runs_in_background(kind=JobKind.COALITIONS, data=payload):
        return Status(200, services.analysis_run(kind=JobKind.COALITIONS, data=data))
    services.coalitions_validate(data=data)
    n = len(data.get("councils") or [])
    job = services.analysis_job_create(
        kind=JobKind.COALITIONS,
        data=data,
        user=request.user,
        title=f"Best partnerships of {n} council{'s' if n != 1 else ''} (API)",
    )
    return _accepted(job)


@router.get(
    "/jobs/{int:job_id}",
    response={200: JobOut},
    summary="An analysis job: status, progress and, when done, the result",
    description="`status` is queued, running, succeeded or failed; `progress` runs from 0 "
    "to 1. `result` is the analysis output once succeeded; `errors` say why it failed. "
    "Only users of the council that asked for the job can see it (others get 404).",
)
def job_detail(request, job_id: int):
    services.analysis_jobs_sweep(AnalysisJob.objects.visible_to(request.user).filter(pk=job_id))
    job = get_object_or_404(AnalysisJob.objects.visible_to(request.user), pk=job_id)
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "progress": job.progress,
        "message": job.progress_message,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "page_url": job.get_absolute_url(),
        "result": job.result,
        "errors": job.errors or [],
    }
