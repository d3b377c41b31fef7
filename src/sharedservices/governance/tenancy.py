"""The tenancy door, in the shape COORDINATION.md gives for ``sharedservices/base/tenancy.py``.

Kept here until that module lands on main; then this file re-exports it.
"""

from __future__ import annotations

from django.db import models


def acting_council_ids(user) -> frozenset[str]:
    """GSS codes the user acts for: their council plus every council it succeeded."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "council_id", None) is None:
        return frozenset()
    from sharedservices.councils.models import Council

    succeeded = Council.objects.filter(successors=user.council_id).values_list("pk", flat=True)
    return frozenset({user.council_id, *succeeded})


class CouncilOwnedQuerySet(models.QuerySet):
    """``visible_to(user)`` written once; each model says only what it owns."""

    def owned_by(self, council_codes) -> models.QuerySet:
        raise NotImplementedError

    def public(self):
        return self.none()

    def visible_to(self, user):
        if getattr(user, "is_superuser", False):
            return self.all()
        codes = acting_council_ids(user)
        if not codes:
            return self.public()
        return (self.owned_by(codes) | self.public()).distinct()

    def editable_by(self, user):
        if getattr(user, "is_superuser", False):
            return self.all()
        codes = acting_council_ids(user)
        return self.owned_by(codes) if codes else self.none()
