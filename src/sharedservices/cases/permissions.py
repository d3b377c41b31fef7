"""Who may write what on a business case.

Corporate directors develop business cases and officers draft them, overseen by the lead
officer (seed 003, 4.1.1 and 4.1.4). The lead council's drafters write the whole case;
once it is shared, a partner council's drafters add their own council's baselines and
criteria evidence; any user who can read the case may comment. A council's policy is
kept by its lead officer or a corporate director. Reading is ``visible_to(user)``.

A user acts for their council and every council it succeeded
(``base.tenancy.acting_council_ids``): Cumberland's drafters write Carlisle's cases.
"""

from __future__ import annotations

from sharedservices.base.tenancy import (
    DRAFTING_ROLES,
    acting_council_ids,
    acts_for_any,
    has_drafting_role,
    is_superuser,
)

POLICY_ROLES = frozenset({"lead-officer", "director"})

__all__ = ["DRAFTING_ROLES", "POLICY_ROLES"]


def _has(user, roles) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(roles & user.roles)


def can_create_case(user) -> bool:
    return is_superuser(user) or (
        getattr(user, "council_id", None) is not None and has_drafting_role(user)
    )


def can_draft(user, case) -> bool:
    """Write the case itself: its details, five cases, options, risks and consultation."""
    if is_superuser(user):
        return True
    return case.lead_council_id in acting_council_ids(user) and has_drafting_role(user)


def acts_for_sharing_partner(user, case) -> bool:
    """The user acts for a partner council (not the lead) of a case shared with partners."""
    return (
        case.shared_with_partners
        and case.lead_council_id not in acting_council_ids(user)
        and acts_for_any(user, case.partner_councils.values_list("pk", flat=True))
    )


def can_contribute_for(user, case, council) -> bool:
    """Write ``council``'s baselines and criteria evidence on ``case``."""
    if can_draft(user, case):
        return True
    return (
        has_drafting_role(user)
        and council.pk in acting_council_ids(user)
        and acts_for_sharing_partner(user, case)
    )


def contributing_councils(user, case) -> list:
    return [c for c in case.councils if can_contribute_for(user, case, c)]


def can_comment(user, case) -> bool:
    if is_superuser(user):
        return True
    return case.lead_council_id in acting_council_ids(user) or acts_for_sharing_partner(user, case)


def can_manage_policy(user, council) -> bool:
    if is_superuser(user):
        return True
    return council.pk in acting_council_ids(user) and _has(user, POLICY_ROLES)
