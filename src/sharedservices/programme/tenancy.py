"""The tenancy door, in the shape of ``sharedservices/base/tenancy.py`` (COORDINATION.md).

Written here while that module is not yet in main; the programme's querysets import
from this one place so switching to the shared door is a one-line change.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

DRAFTING_ROLES = frozenset({"officer", "director", "lead-officer"})


def acting_council_ids(user) -> frozenset[str]:
    """GSS codes the user acts for: their council plus every council it succeeded."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    code = getattr(user, "council_id", None)
    if code is None:
        return frozenset()
    cached = getattr(user, "_programme_acting_ids", None)
    if cached and cached[0] == code:
        return cached[1]
    council = apps.get_model("councils", "Council")
    seen, frontier = {code}, {code}
    while frontier:
        found = set(council.objects.filter(successors__in=frontier).values_list("pk", flat=True))
        frontier = found - seen
        seen |= frontier
    result = frozenset(seen)
    user._programme_acting_ids = (code, result)
    return result


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) and bool(
        getattr(user, "is_authenticated", False)
    )


class CouncilOwnedQuerySet(models.QuerySet):
    """``visible_to(user)`` and ``editable_by(user)`` written once; models say which
    councils own a record (``owned_by``) and which records are open (``public``)."""

    editing_roles: frozenset[str] | None = DRAFTING_ROLES

    def owned_by(self, council_codes) -> models.QuerySet:
        raise NotImplementedError

    def public(self) -> models.QuerySet:
        return self.none()

    def written_by(self, council_codes) -> models.QuerySet:
        return self.owned_by(council_codes)

    def visible_to(self, user) -> models.QuerySet:
        if is_superuser(user):
            return self.all()
        codes = acting_council_ids(user)
        if not codes:
            return self.public()
        return self.filter(
            models.Q(pk__in=self.public().values("pk"))
            | models.Q(pk__in=self.owned_by(codes).values("pk"))
        )

    def editable_by(self, user) -> models.QuerySet:
        if is_superuser(user):
            return self.all()
        codes = acting_council_ids(user)
        if not codes:
            return self.none()
        roles = set(getattr(user, "roles", ()))
        if self.editing_roles is not None and not (self.editing_roles & roles):
            return self.none()
        return self.filter(pk__in=self.written_by(codes).values("pk"))
