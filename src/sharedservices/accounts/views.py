"""Sign in and sign out. Lock-out after repeated failures is django-axes' job
(settings.AXES_*); this view only renders the GOV.UK form."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy

from sharedservices.accounts.forms import (
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SignInForm,
)
from sharedservices.accounts.lockout import client_ip
from sharedservices.accounts.throttle import password_reset_allowed
from sharedservices.base.access import PUBLIC, SIGNED_IN


class SignInView(auth_views.LoginView):
    access = PUBLIC
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    access = PUBLIC

    def post(self, request, *args, **kwargs):
        """Sign out, and say so on the page that follows (the session is gone, so
        the message travels in the messages cookie)."""
        was_signed_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_signed_in:
            messages.success(request, "You have signed out")
        return response


# Passwords: Django's views (one-use, time-limited reset tokens; sessions other than
# the current one end when a password changes), our GOV.UK templates and forms.


class PasswordChangeView(auth_views.PasswordChangeView):
    access = SIGNED_IN
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password-change-done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    access = SIGNED_IN
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Always says the same thing, so it never tells anyone which addresses have accounts."""

    access = PUBLIC
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")
    extra_email_context = {"site_name": settings.SERVICE_NAME}

    def form_valid(self, form):
        # Past the limit per address or per client: the same page, no e-mail.
        if not password_reset_allowed(
            email=form.cleaned_data["email"], client=client_ip(self.request)
        ):
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    access = PUBLIC
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    access = PUBLIC
    # Reached from the e-mail, not from a page: the production smoke test uses these.
    smoke_kwargs = {"uidb64": "MQ", "token": "set-password"}
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    access = PUBLIC
    template_name = "accounts/password_reset_complete.html"
