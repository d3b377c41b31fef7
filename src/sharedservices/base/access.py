"""Every view says who may see it, and a test walks the URL patterns to prove it.

``public`` pages may be seen by anyone. ``signed_in`` pages need a signed-in user and
are for every signed-in user (lists narrowed by ``visible_to(user)``, councils'
published policies). ``council_owned`` pages need a signed-in user too, and their
address names a record owned by a council (a case, a programme, an arrangement's
draft parts, a council's own template): another council's user gets 404 or 403 and
changes nothing, which ``tests/security/test_cross_council_probe.py`` proves for
every such page, every role and every method. A view without one of these
decorators fails ``tests/base/test_access_declared.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required

PUBLIC = "public"
SIGNED_IN = "signed-in"
COUNCIL_OWNED = "council-owned"


def public(view: Callable) -> Callable:
    view.access = PUBLIC
    return view


def signed_in(view: Callable) -> Callable:
    wrapped = login_required(view)
    wrapped.access = SIGNED_IN
    return wrapped


def council_owned(view: Callable) -> Callable:
    """A signed-in page about one council-owned record, read through ``visible_to``."""
    wrapped = login_required(view)
    wrapped.access = COUNCIL_OWNED
    return wrapped


def access_of(callback: Callable) -> str | None:
    """The declared access of a resolved URL callback (class-based views too)."""
    for candidate in (callback, getattr(callback, "view_class", None)):
        if candidate is not None and getattr(candidate, "access", None):
            return candidate.access
    return None
