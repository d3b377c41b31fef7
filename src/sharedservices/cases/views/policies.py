from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from sharedservices.base.access import council_owned, signed_in
from sharedservices.cases import permissions, services
from sharedservices.cases.forms import PolicyAdoptForm, PolicyVersionForm
from sharedservices.cases.models import Policy
from sharedservices.cases.policy_templates import TEMPLATES
from sharedservices.councils.models import Council


@signed_in
def policies(request):
    """Councils' policies are public documents: every signed-in user may read them."""
    return render(
        request,
        "cases/policies.html",
        {
            "policies": Policy.objects.select_related("council").prefetch_related("versions"),
            "templates": TEMPLATES.values(),
            "own": Policy.objects.filter(council_id=request.user.council_id).first(),
            "can_manage": request.user.council_id is not None
            and permissions.can_manage_policy(request.user, request.user.council),
        },
    )


@signed_in
def policy(request, code):
    council = get_object_or_404(Council, code=code.upper())
    pol = Policy.objects.filter(council=council).first()
    versions = list(pol.versions.prefetch_related("criteria")) if pol else []
    chosen = next((v for v in versions if str(v.number) == request.GET.get("version")), None)
    in_force = pol.version_in_force() if pol else None
    return render(
        request,
        "cases/policy.html",
        {
            "council": council,
            "policy": pol,
            "versions": versions,
            "shown": chosen or in_force or (versions[0] if versions else None),
            "in_force": in_force,
            "can_manage": permissions.can_manage_policy(request.user, council),
        },
    )


@signed_in
def policy_adopt(request):
    council = request.user.council
    if council is None or not permissions.can_manage_policy(request.user, council):
        raise PermissionDenied
    form = PolicyAdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.policy_adopt_template(
            council=council,
            template=form.cleaned_data["template"],
            user=request.user,
            in_force_from=form.cleaned_data["in_force_from"],
        )
        messages.success(request, "Policy adopted")
        return redirect("cases:policy", code=council.code)
    return render(
        request,
        "cases/policy_form.html",
        {"form": form, "title": "Adopt a shared-services policy", "templates": TEMPLATES.values()},
    )


@council_owned
def policy_new_version(request, code):
    council = get_object_or_404(Council, code=code.upper())
    if not permissions.can_manage_policy(request.user, council):
        raise PermissionDenied
    pol = get_object_or_404(Policy, council=council)
    current = pol.version_in_force() or pol.versions.first()
    initial = {}
    if current:
        initial = {
            f: getattr(current, f)
            for f in ("lead_officer", "lead_member", "scrutiny_committee", "decision_body")
        }
        initial["criteria"] = PolicyVersionForm.criteria_as_text(current.criteria.all())
    form = PolicyVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.policy_version_create(
                policy=pol, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, f"Version {version.number} adopted")
            return redirect("cases:policy", code=council.code)
    return render(
        request,
        "cases/policy_form.html",
        {"form": form, "title": f"New version of {council.name}'s policy", "council": council},
    )
