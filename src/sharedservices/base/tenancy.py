"""The one door to council-owned records.

Every model that belongs to councils gets its default manager from a subclass of
``CouncilOwnedQuerySet`` and declares only *which councils own a record*
(``owned_by(codes)``) and, if some records are open to everyone, ``public()``. Who a
user acts for, and what superusers, anonymous users and users without a council see,
is decided here once, so a new model cannot get it slightly different.

A user acts for their own council and every council it succeeded, transitively:
Cumberland acts for Carlisle, Allerdale and Copeland, whose records did not stop
mattering on vesting day. ``tests/base/test_tenancy.py`` walks every model with a
council foreign key or many-to-many and proves it comes through this door.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import models
from django.utils import timezone

# The roles that write council records (officers draft, corporate directors develop,
# the lead officer oversees: seed 003, 4.1.1 and 4.1.4); members read and decide.
DRAFTING_ROLES = frozenset({"officer", "director", "lead-officer"})

_CACHE_ATTR = "_acting_council_ids_cache"


def _council_id(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "council_id", None)


def council_and_predecessors(code: str) -> frozenset[str]:
    """A council's code with those of every council it succeeded, and theirs in turn:
    Cumberland's list includes Carlisle, Allerdale and Copeland. A council a reorganisation
    creates takes its predecessors on from its shadow authority's election (West Surrey acts
    for Woking from 7 May 2026), or from vesting day when there is no shadow authority;
    before then it acts for itself only."""
    council_model = apps.get_model("councils", "Council")
    today = timezone.localdate()
    started = council_model.objects.filter(pk=code).values_list("valid_from", "shadow_from")
    for valid_from, shadow_from in started:
        if valid_from and valid_from > today and not (shadow_from and shadow_from <= today):
            return frozenset({code})
    seen = {code}
    frontier = {code}
    while frontier:  # predecessors of predecessors: reorganisations can chain
        found = set(
            council_model.objects.filter(successors__in=frontier).values_list("pk", flat=True)
        )
        frontier = found - seen
        seen |= frontier
    return frozenset(seen)


def acting_council_ids(user) -> frozenset[str]:
    """GSS codes the user acts for: their council plus every council it succeeded
    (Cumberland acts for Carlisle, Allerdale and Copeland). Empty for anonymous users
    and users without a council.

    Cached on the user object for its council, so one request asks the database once.
    """
    code = _council_id(user)
    if code is None:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None and cached[0] == code:
        return cached[1]
    result = council_and_predecessors(code)
    setattr(user, _CACHE_ATTR, (code, result))
    return result


def acts_for_any(user, council_codes: Iterable[str | None]) -> bool:
    """Whether the user acts for at least one of ``council_codes``."""
    return bool(acting_council_ids(user) & {c for c in council_codes if c})


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) and bool(
        getattr(user, "is_authenticated", False)
    )


def has_drafting_role(user) -> bool:
    """A signed-in user whose roles let them write council records."""
    return bool(getattr(user, "is_authenticated", False)) and bool(
        DRAFTING_ROLES & set(getattr(user, "roles", ()))
    )


class CouncilOwnedQuerySet(models.QuerySet):
    """One door: ``visible_to(user)`` and ``editable_by(user)`` for every council-owned
    model. Superusers see all; anonymous and council-less users see only ``public()``.

    Subclasses override ``owned_by`` (required), ``public`` (if some records are open)
    and, when fewer councils may change a record than may read it, ``written_by``.
    ``editing_roles`` names the roles that may change records (``None``: any role).
    """

    editing_roles: frozenset[str] | None = DRAFTING_ROLES

    def owned_by(self, council_codes) -> models.QuerySet:
        """Records the councils ``council_codes`` may read as owners or partners."""
        raise NotImplementedError(f"{type(self).__name__} must say which councils own a record")

    def public(self) -> models.QuerySet:
        """Records anyone may read, signed in or not. Default: none."""
        return self.none()

    def written_by(self, council_codes) -> models.QuerySet:
        """Records the councils ``council_codes`` may change. Default: those they own."""
        return self.owned_by(council_codes)

    def visible_to(self, user) -> models.QuerySet:
        """Public records plus those owned by a council the user acts for.

        Both sides are ``pk IN (subquery)``, so lists need no DISTINCT however many
        partner rows match, and later filters, ordering and slicing still apply.
        """
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
        """Records the user may change: written by a council they act for, if their
        role writes records. Superusers may change everything."""
        if is_superuser(user):
            return self.all()
        codes = acting_council_ids(user)
        if not codes:
            return self.none()
        roles = set(getattr(user, "roles", ()))
        if self.editing_roles is not None and not (self.editing_roles & roles):
            return self.none()
        return self.filter(pk__in=self.written_by(codes).values("pk"))


class OwnedThroughQuerySet(CouncilOwnedQuerySet):
    """A record owned by its parent's councils (a case's risks, an arrangement's
    partners): ``owner_path`` is the lookup to the parent, e.g. ``"option__case"``.
    The parent's own queryset decides, so the rule is never restated."""

    owner_path: str = ""

    def _parent(self):
        model = self.model
        for part in self.owner_path.split("__"):
            model = model._meta.get_field(part).related_model
        return model._default_manager.all()

    def _through(self, parent_qs) -> models.QuerySet:
        return self.filter(**{f"{self.owner_path}__in": parent_qs.values("pk")})

    def owned_by(self, council_codes):
        return self._through(self._parent().owned_by(council_codes))

    def public(self):
        return self._through(self._parent().public())

    def written_by(self, council_codes):
        return self._through(self._parent().written_by(council_codes))
