"""A signed-in user is not fully signed in until the second step is done.

After the password, a user with an authenticator app is sent to enter a code, and a
user who must use one (``mfa.mfa_required``) but has none is sent to set it up.
Until then every page, the admin and the API answer only with that redirect (the
API with 403 and its error shape): the session is half-open, and public pages too
would show that user's council drafts. Signing out and the two-step pages stay open.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse

from sharedservices.accounts import mfa

_OPEN_PREFIXES = ("/static/", "/healthz", "/accounts/sign-out/", "/accounts/two-step/")


class SecondStepMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if mfa.confirmed_device(user) is not None:
                return self._send(request, "accounts:two-step-verify", "enter the code")
            if mfa.mfa_required(user):
                return self._send(request, "accounts:two-step-enrol", "set up two-step sign-in")
        return self.get_response(request)

    @staticmethod
    def _send(request, name: str, what: str):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "errors": [
                        {
                            "path": "",
                            "message": f"finish signing in first: {what} on the sign-in pages",
                        }
                    ]
                },
                status=403,
            )
        target = reverse(name)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
