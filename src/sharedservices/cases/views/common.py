"""What every case page needs: the case (through ``visible_to``), its sub-navigation and
the permission flags, and one way to handle an edit form with conflicts."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from sharedservices.base.once import arm_form, submit_once
from sharedservices.cases import permissions
from sharedservices.cases.models import BusinessCase
from sharedservices.cases.selectors import case_for
from sharedservices.cases.services import EditConflict

CASE_PAGES = [
    ("detail", "Overview"),
    ("sections", "The five cases"),
    ("options", "Options"),
    ("appraisal", "Appraisal"),
    ("agreement", "Sharing agreement"),
    ("criteria", "Policy criteria"),
    ("baselines", "Baselines"),
    ("risks", "Risks"),
    ("consultation", "Consultation and staff"),
    ("sharing", "Sharing and comments"),
    ("versions", "Versions"),
    # Pages of the governance app (full URL names).
    ("governance:case", "Decisions and governance"),
    ("governance:timeline", "Audit trail"),
    ("reports:case", "Committee reports"),
]


def get_case(request, pk: int) -> BusinessCase:
    return case_for(request.user, pk)


def case_context(request, case: BusinessCase, page: str, **extra) -> dict:
    user = request.user
    return {
        "case": case,
        "case_nav": [
            {
                "href": reverse(name if ":" in name else f"cases:{name}", args=[case.pk]),
                "text": text,
                "current": name == page,
            }
            for name, text in CASE_PAGES
        ],
        "can_draft": permissions.can_draft(user, case),
        "can_comment": permissions.can_comment(user, case),
        "contributing": permissions.contributing_councils(user, case),
        **extra,
    }


def require_draft(request, case) -> None:
    if not permissions.can_draft(request.user, case):
        raise PermissionDenied


def theirs(form, current) -> list[tuple[str, str]]:
    """The other person's saved values, labelled as in the form, to show beside ours."""
    rows = []
    for name, field in form.fields.items():
        if name == "revision" or not hasattr(current, name):
            continue
        value = getattr(current, name)
        display = getattr(current, f"get_{name}_display", None)
        rows.append((str(field.label or name), display() if display else str(value or "")))
    return rows


def edit_page(
    request,
    case: BusinessCase,
    *,
    form,
    save: Callable,
    page: str,
    title: str,
    success: str,
    next_url: str,
    intro: str = "",
    guidance: dict | None = None,
    delete_url: str | None = None,
    template: str = "cases/form.html",
    context: Callable | None = None,
):
    """Render ``form``; on a valid POST call ``save(form)``. A conflict keeps the writer's
    text in the form, shows what the other person saved, and arms the next save. A form
    that creates a record carries a one-time token: sent twice, it creates one.

    A page with more than a form (the sharing agreement's tables) gives its own
    ``template`` and a ``context(theirs)`` callable: ``theirs`` is the record someone
    else saved when there was a conflict, else None, so the page can show their version."""
    conflict = None
    their_record = None
    creating = getattr(getattr(form, "instance", None), "pk", False) is None
    if creating:
        arm_form(form)

    def save_once() -> str:
        save(form)
        return next_url

    if request.method == "POST" and form.is_valid():
        try:
            if creating:
                outcome = submit_once(form, user=request.user, run=save_once)
                if outcome.repeated:  # a double click: the first one already said so
                    return redirect(next_url)
            else:
                save(form)
        except EditConflict as error:
            their_record = error.current
            conflict = theirs(form, error.current)
            form.set_revision(error.current.revision)
            form.add_error(
                None,
                "Someone else saved this while you were editing it. Your changes have not been"
                " saved yet: they are still in the form. Compare them with the saved version"
                " below, then save again to replace it.",
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, success)
            return redirect(next_url)
    return render(
        request,
        template,
        case_context(
            request,
            case,
            page,
            form=form,
            title=title,
            intro=intro,
            guidance=guidance,
            conflict=conflict,
            cancel_url=next_url,
            delete_url=delete_url,
            **(context(their_record) if context else {}),
        ),
    )
