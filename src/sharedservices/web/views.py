from django.conf import settings
from django.shortcuts import redirect, render

from sharedservices.base.access import public, signed_in
from sharedservices.benefits.selectors import dashboard as benefits_dashboard
from sharedservices.governance.waiting import waiting_for
from sharedservices.web.selectors import council_counts


@public
def home(request):
    return render(request, "web/home.html")


@public
def about(request):
    return render(request, "web/about.html")


@public
def accessibility(request):
    """The statement the 2018 accessibility regulations require."""
    return render(request, "web/accessibility.html")


@public
def privacy(request):
    return render(request, "web/privacy.html")


@public
def cookies(request):
    return render(request, "web/cookies.html")


@public
def help_and_contact(request):
    return render(request, "web/help.html", {"contact_email": settings.SERVICE_CONTACT_EMAIL})


@signed_in
def dashboard(request):
    if request.user.council is None:  # a platform administrator
        return redirect("admin:index")
    return render(
        request,
        "web/dashboard.html",
        {
            "council": request.user.council,
            "counts": council_counts(user=request.user),
            "waiting": waiting_for(request.user),
            "benefits": benefits_dashboard(request.user),
        },
    )
