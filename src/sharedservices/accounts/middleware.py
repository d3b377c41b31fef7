"""A signed-in user is not fully signed in until the second step is done.

After the password, a user with an authenticator app is sent to enter a code, and a
user who must use one (``mfa.mfa_required``) but has none is sent to set it up.
Until then every page, the admin and the API answer only with that redirect (the
API with 403 and its error shape): the session is half-open, and public pages too
would show that user's council drafts. Signing out and the two-step pages stay open.
"""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

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
            has_app, must_use_one = mfa.second_step_state(request)  # no query once known
            if has_app:
                return self._send(request, "accounts:two-step-verify", "enter the code")
            if must_use_one:
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


# The app a session passed the second step with, and the stamp it was checked under.
VERIFIED_SESSION_KEY = "second_step_verified"


class RememberedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, minus its query on every page of a verified session.

    django-otp loads the app that verified the session on every request, to check that
    it is still this user's and still confirmed. Once it has checked, the session keeps
    which app and the user's ``second_step_stamp``; while the stamp has not moved (any
    change to the user's apps moves it: ``accounts/signals.py``) the same check would
    give the same answer, so the app is only loaded if a page actually uses it."""

    def _verify_user_sync(self, request, user):
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            checked = [user.pk, user.second_step_stamp, persistent_id]
            if persistent_id and request.session.get(VERIFIED_SESSION_KEY) == checked:
                self._init_user_fields(user)
                user.otp_device = SimpleLazyObject(
                    partial(self._device_from_persistent_id, persistent_id)
                )
                return user
            user = super()._verify_user_sync(request, user)
            if user.otp_device is not None:
                request.session[VERIFIED_SESSION_KEY] = checked
            return user
        return super()._verify_user_sync(request, user)
