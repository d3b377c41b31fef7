"""Who may enter an actual: a drafting role (officer, director, lead officer) acting for
the partner council, or for the arrangement's lead council (which often reports for all).
Members read and review; they do not enter figures."""

from __future__ import annotations

from sharedservices.base.tenancy import acting_council_ids, has_drafting_role, is_superuser
from sharedservices.registry.models import ArrangementPartner, PartnerRole


def lead_council_ids(arrangement_id: int) -> set[str]:
    return set(
        ArrangementPartner.objects.filter(
            arrangement_id=arrangement_id, role=PartnerRole.LEAD, council__isnull=False
        ).values_list("council_id", flat=True)
    )


def enterable_councils(user, indicator, *, system: bool = False) -> set[str]:
    """The indicator's councils whose actuals ``user`` may enter (``system``: the
    command line and the demo, which enter every partner's)."""
    councils = {c.pk for c in indicator.councils.all()}
    if system or is_superuser(user):
        return councils
    if not has_drafting_role(user):
        return set()
    acting = acting_council_ids(user)
    if acting & lead_council_ids(indicator.arrangement_id):
        return councils
    return councils & acting


def can_manage(user, arrangement) -> bool:
    """Set up indicators and hold reviews: a drafting role at a partner council."""
    if is_superuser(user):
        return True
    partners = set(
        ArrangementPartner.objects.filter(
            arrangement=arrangement, council__isnull=False
        ).values_list("council_id", flat=True)
    )
    return has_drafting_role(user) and bool(acting_council_ids(user) & partners)


def baseline_councils(user, arrangement) -> set[str]:
    """The partner councils whose baselines ``user`` may set (``can_set_baseline``)."""
    partners = set(
        ArrangementPartner.objects.filter(
            arrangement=arrangement, council__isnull=False
        ).values_list("council_id", flat=True)
    )
    return {code for code in partners if can_set_baseline(user, arrangement, code)}


def can_set_baseline(user, arrangement, council_code: str) -> bool:
    """A council's baseline is that council's own figure: a drafting role at that council
    sets it, and the lead council's too only where the partners' agreement, recorded on
    the arrangement (``lead_sets_baselines``), says the lead may."""
    if is_superuser(user):
        return True
    if not has_drafting_role(user):
        return False
    acting = acting_council_ids(user)
    if council_code in acting:
        return True
    return arrangement.lead_sets_baselines and bool(acting & lead_council_ids(arrangement.pk))
