from django.shortcuts import redirect, render

from sharedservices.base.access import public, signed_in
from sharedservices.governance.waiting import waiting_for
from sharedservices.web.selectors import council_counts


@public
def home(request):
    return render(request, "web/home.html")


@public
def about(request):
    return render(request, "web/about.html")


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
        },
    )
