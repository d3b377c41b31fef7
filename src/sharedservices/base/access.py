"""Every view says who may see it, and a test walks the URL patterns to prove it.

``public`` pages may be seen by anyone. ``signed_in`` pages need a signed-in user;
what they show is then narrowed by each model's ``visible_to(user)``, so another
council's object answers 404. A view without one of these decorators fails
``tests/web/test_access_declared.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required

PUBLIC = "public"
SIGNED_IN = "signed-in"


def public(view: Callable) -> Callable:
    view.access = PUBLIC
    return view


def signed_in(view: Callable) -> Callable:
    wrapped = login_required(view)
    wrapped.access = SIGNED_IN
    return wrapped


def access_of(callback: Callable) -> str | None:
    """The declared access of a resolved URL callback (class-based views too)."""
    for candidate in (callback, getattr(callback, "view_class", None)):
        if candidate is not None and getattr(candidate, "access", None):
            return candidate.access
    return None
