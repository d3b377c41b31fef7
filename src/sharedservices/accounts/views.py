"""Sign in and sign out. Lock-out after repeated failures is django-axes' job
(settings.AXES_*); this view only renders the GOV.UK form."""

from django.contrib import messages
from django.contrib.auth import views as auth_views

from sharedservices.accounts.forms import SignInForm
from sharedservices.base.access import PUBLIC


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
