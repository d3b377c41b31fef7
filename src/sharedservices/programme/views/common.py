"""One way to handle a programme form: render it, call the service on a valid POST,
show the service's errors in the form, and tell a second saver instead of
overwriting (``EditConflict``)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from sharedservices.base.revisions import EditConflict


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, errors in error.message_dict.items():
            for message in errors:
                form.add_error(key if key in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def form_page(
    request,
    form,
    *,
    save: Callable,
    title: str,
    caption: str,
    cancel_url: str,
    success: str,
    intro: str = "",
):
    """``save(form)`` returns the object to go to (or a URL) after a successful save."""
    if request.method == "POST" and form.is_valid():
        try:
            target = save(form)
        except EditConflict as conflict:
            if "revision" in form.fields:
                data = form.data.copy()
                data["revision"] = conflict.current.revision
                form.data = data
            form.add_error(
                None,
                "Someone else saved this while you were editing it. Your changes have not"
                " been saved yet: they are still in the form. Check the saved version in"
                " another tab, then save again to replace it.",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(target)
    return render(
        request,
        "programme/form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "cancel_url": cancel_url,
            "intro": intro,
        },
    )
