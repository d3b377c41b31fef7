"""Who may write what on a business case.

Corporate directors develop business cases and officers draft them, overseen by the lead
officer (seed 003, 4.1.1 and 4.1.4). The lead council's drafters write the whole case;
once it is shared, a partner council's drafters add their own council's baselines and
criteria evidence; any user who can read the case may comment. A council's policy is
kept by its lead officer or a corporate director. Reading is ``visible_to(user)``.
"""

from __future__ import annotations

from sharedservices.accounts.roles import Role

DRAFTING_ROLES = frozenset({Role.OFFICER, Role.DIRECTOR, Role.LEAD_OFFICER})
POLICY_ROLES = frozenset({Role.LEAD_OFFICER, Role.DIRECTOR})


def _has(user, roles) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(roles & user.roles)


def can_create_case(user) -> bool:
    return user.is_superuser or (user.council_id is not None and _has(user, DRAFTING_ROLES))


def can_draft(user, case) -> bool:
    """Write the case itself: its details, five cases, options, risks and consultation."""
    if getattr(user, "is_superuser", False):
        return True
    return user.council_id == case.lead_council_id and _has(user, DRAFTING_ROLES)


def is_partner_user(user, case) -> bool:
    return (
        case.shared_with_partners
        and user.council_id is not None
        and user.council_id != case.lead_council_id
        and case.partner_councils.filter(pk=user.council_id).exists()
    )


def can_contribute_for(user, case, council) -> bool:
    """Write ``council``'s baselines and criteria evidence on ``case``."""
    if can_draft(user, case):
        return True
    return (
        _has(user, DRAFTING_ROLES) and user.council_id == council.pk and is_partner_user(user, case)
    )


def contributing_councils(user, case) -> list:
    return [c for c in case.councils if can_contribute_for(user, case, c)]


def can_comment(user, case) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return user.council_id == case.lead_council_id or is_partner_user(user, case)


def can_manage_policy(user, council) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return user.council_id == council.pk and _has(user, POLICY_ROLES)
