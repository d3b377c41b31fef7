from django.http import JsonResponse
from django.urls import path, re_path

from sharedservices.api.main import api
from sharedservices.base.access import public


@public
def not_found(request, rest=""):
    """An address under the API that matches no endpoint (``/arrangements/abc``):
    a 404 in the API's error shape, not the site's HTML page."""
    return JsonResponse(
        {"errors": [{"path": "$", "message": "No API endpoint at this address"}]}, status=404
    )


urlpatterns = [path("", api.urls), re_path(r"^(?P<rest>.*)$", not_found)]
