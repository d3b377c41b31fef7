"""The one NinjaAPI instance; each domain adds its router here.

Public endpoints declare ``auth=None``; everything else uses the signed-in
session (CSRF-checked) and narrows by ``visible_to(user)`` like the pages do.
"""

from ninja import NinjaAPI
from ninja.security import django_auth

from sharedservices.api import errors
from sharedservices.api.analysis import router as analysis_router
from sharedservices.api.councils import router as councils_router
from sharedservices.api.docs import LocalSwagger
from sharedservices.api.parser import SafeParser
from sharedservices.operations.ratelimit import RateLimited

api = NinjaAPI(
    title="Shared Services Hub API",
    version="1",
    description=(
        "Councils, the register of shared-service arrangements, and the appraisal, sharing "
        "and partner-finding maths. Public data needs no sign-in; council data needs a "
        "signed-in session."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=LocalSwagger(),
    auth=django_auth,
    parser=SafeParser(),
)
errors.install(api)  # every 4xx body: {"errors": [{"path", "message"}]}
api.add_router("/councils", councils_router)
api.add_router("/reorganisations", "sharedservices.api.reorganisations.router")
api.add_router("", analysis_router)
api.add_router("", "sharedservices.api.jobs.router")
api.add_router("/arrangements", "sharedservices.api.arrangements.router")
api.add_router("/stats", "sharedservices.api.stats.router")
api.add_router("", "sharedservices.api.programmes.router")
api.add_router("", "sharedservices.api.opportunities.router")


@api.exception_handler(RateLimited)
def rate_limited(request, exc: RateLimited):
    """429 in the API's error shape, with the seconds to wait (operations.ratelimit)."""
    response = api.create_response(
        request, {"errors": [{"path": "$", "message": exc.message}]}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


api.add_router("/cases", "sharedservices.api.cases.router")
api.add_router("", "sharedservices.api.benefits.router")
