"""Sign in and sign out. Lock-out after repeated failures is django-axes' job
(settings.AXES_*); this view only renders the GOV.UK form."""

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
