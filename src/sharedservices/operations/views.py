"""``/healthz``: for load balancers and monitoring; public, cheap, and never cached."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from sharedservices.base.access import public
from sharedservices.operations.health import run_checks


@public
@never_cache
def healthz(request):
    checks = run_checks()
    down = [name for name, status in checks.items() if status == "down"]
    return JsonResponse(
        {"status": "down" if down else "ok", "down": down, "checks": checks},
        status=503 if down else 200,
    )
