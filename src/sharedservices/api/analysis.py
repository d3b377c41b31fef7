"""The analysis functions over HTTP: the same ``run`` functions as the command
line (``python -m sharedservices.analysis``), for signed-in users.

Bad input answers 422 with ``{"errors": [{"path", "message"}]}``, the same
shape the command prints.
"""

import json
from typing import Any

from ninja import Body, Router, Status

from sharedservices.analysis import appraisal
from sharedservices.analysis.errors import InputError, Problem
from sharedservices.api.errors import ERROR_CODES, ErrorsOut
from sharedservices.operations import ratelimit

router = Router(tags=["analysis"])

# A web request should answer in a couple of seconds; a million iterations of a
# ten-year case takes about one (bench/bench_appraisal.py). Larger runs belong
# on the command line.
MAX_WEB_ITERATIONS = 1_000_000


@router.post(
    "/appraise",
    response={200: dict[str, Any], ERROR_CODES: ErrorsOut},
    summary="Appraise options the Green Book way",
    description="The JSON contract of docs/appraisal.md: NPSV, BCR, payback, switching values, "
    "Monte Carlo. The same engine as `python -m sharedservices.analysis appraise`. "
    "Monte Carlo runs are rate-limited per user (429 with `Retry-After`).",
)
def appraise(request, payload: Body[dict[str, Any]]):
    mc = payload.get("monte_carlo") if isinstance(payload, dict) else None
    if mc:
        ratelimit.check(request.user, "Monte Carlo appraisal")
    iterations = mc.get("iterations") if isinstance(mc, dict) else None
    if isinstance(iterations, int) and iterations > MAX_WEB_ITERATIONS:
        raise InputError(
            [
                Problem(
                    "$.monte_carlo.iterations",
                    f"at most {MAX_WEB_ITERATIONS:,} iterations over the web; use "
                    "`python -m sharedservices.analysis appraise` for more",
                )
            ]
        )
    result = appraisal.run(payload)
    # Round-trip through JSON so numpy scalars never reach the renderer.
    return Status(200, json.loads(json.dumps(result)))
