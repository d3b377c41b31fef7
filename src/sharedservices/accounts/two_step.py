"""The two-step sign-in pages: set up an authenticator app, enter its code after the
password, and make new recovery codes. Rules and writes are in ``mfa`` and
``services``; ``middleware.SecondStepMiddleware`` sends people here."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from sharedservices.accounts import mfa, services
from sharedservices.accounts.forms import TwoStepCodeForm
from sharedservices.base.access import SIGNED_IN

APP_HINT = "The 6-digit code shown in your authenticator app, for example 123456"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _too_many(form, error: mfa.TooManyAttempts) -> None:
    form.add_error(
        "code",
        f"Too many wrong codes. Wait {error.seconds} seconds, then enter the code again",
    )


class TwoStepEnrolView(LoginRequiredMixin, View):
    """Set up an authenticator app: a QR code (an image in the page, no script) and
    the same secret as text, then one code from the app to prove it worked."""

    access = SIGNED_IN
    template_name = "accounts/two_step_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and mfa.confirmed_device(user) is not None:
            # Set up already: only a verified session may see it (else one could enrol a
            # second app with just the password).
            if not user.is_verified():
                return redirect("accounts:two-step-verify")
            return redirect("accounts:two-step-recovery-codes")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._page(request, TwoStepCodeForm(button="Continue", hint=APP_HINT))

    def post(self, request):
        device = services.mfa_enrolment_start(user=request.user)
        form = TwoStepCodeForm(request.POST, button="Continue", hint=APP_HINT)
        if form.is_valid():
            try:
                codes = services.mfa_enrol_confirm(
                    request=request, device=device, code=form.cleaned_data["code"]
                )
            except mfa.TooManyAttempts as error:
                _too_many(form, error)
            else:
                if codes is not None:
                    return render(
                        request,
                        "accounts/two_step_recovery_codes.html",
                        {"codes": codes, "next": _next(request), "just_enrolled": True},
                    )
                form.add_error(
                    "code",
                    "The code is not right. Check the app shows this service and your "
                    "address, and the phone's clock is set automatically",
                )
        return self._page(request, form, status=200)

    def _page(self, request, form, status=200):
        device = services.mfa_enrolment_start(user=request.user)
        qr = segno.make(device.config_url, error="m")
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "qr_src": qr.svg_data_uri(scale=5, border=4),
                "secret": mfa.secret_text(device),
                "required": mfa.mfa_required(request.user),
                "next": _next(request),
            },
            status=status,
        )


class TwoStepVerifyView(LoginRequiredMixin, View):
    """The second step after the password: an app code or a recovery code."""

    access = SIGNED_IN
    template_name = "accounts/two_step_verify.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            if user.is_verified():
                return redirect(_next(request))
            if mfa.confirmed_device(user) is None:
                return redirect("accounts:two-step-enrol")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._page(request, self._form())

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                used = services.mfa_verify(request=request, code=form.cleaned_data["code"])
            except mfa.TooManyAttempts as error:
                _too_many(form, error)
                return self._page(request, form, status=429)
            if used == "recovery":
                left = mfa.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"You used a recovery code: {left} left. Make new ones from "
                    "Two-step sign-in if you are running out",
                )
            if used:
                return redirect(_next(request))
            form.add_error("code", "The code is not right, or it has been used already")
        return self._page(request, form)

    @staticmethod
    def _form(data=None):
        return TwoStepCodeForm(
            data,
            button="Continue",
            hint=APP_HINT + ". If you have lost your phone, enter one of your recovery codes.",
        )

    def _page(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "next": _next(request)}, status=status
        )


class RecoveryCodesView(LoginRequiredMixin, View):
    """How many recovery codes are left, and a button to replace them all."""

    access = SIGNED_IN
    template_name = "accounts/two_step_recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            return redirect("accounts:two-step-enrol")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(
            request,
            self.template_name,
            {"left": mfa.recovery_codes_left(request.user), "codes": None},
        )

    def post(self, request):
        codes = services.recovery_codes_replace(user=request.user)
        return render(request, self.template_name, {"codes": codes, "next": ""})
