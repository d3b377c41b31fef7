"""Each council's shared-services policy and its versions of criteria."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sharedservices.base.audit import audit_record
from sharedservices.cases import permissions
from sharedservices.cases.models import (
    Criterion,
    Policy,
    PolicyVersion,
)
from sharedservices.cases.policy_templates import TEMPLATES
from sharedservices.cases.services.common import require
from sharedservices.councils.models import Council


@transaction.atomic
def policy_adopt_template(
    *,
    council: Council,
    template: str,
    user=None,
    in_force_from: datetime.date | None = None,
    is_demo: bool = False,
) -> Policy:
    """Adopt a template as the council's policy (its first version, or a new version)."""
    if not is_demo:
        require(permissions.can_manage_policy(user, council))
    chosen = TEMPLATES[template]
    policy, _ = Policy.objects.get_or_create(
        council=council,
        defaults={"title": chosen.name, "template": chosen.slug, "is_demo": is_demo},
    )
    policy_version_create(
        policy=policy,
        user=user,
        in_force_from=in_force_from or timezone.localdate(),
        change_note=f"Adopted from the template '{chosen.name}'",
        lead_officer=chosen.lead_officer,
        lead_member=chosen.lead_member,
        scrutiny_committee=chosen.scrutiny_committee,
        decision_body=chosen.decision_body,
        criteria=[
            {
                "key": c.key,
                "reference": c.reference,
                "title": c.title,
                "text": c.text,
                "guidance": c.guidance,
            }
            for c in chosen.criteria
        ],
        is_demo=is_demo,
    )
    return policy


@transaction.atomic
def policy_version_create(
    *,
    policy: Policy,
    user=None,
    in_force_from: datetime.date,
    criteria: list[dict],
    change_note: str = "",
    lead_officer: str = "",
    lead_member: str = "",
    scrutiny_committee: str = "",
    decision_body: str = "",
    is_demo: bool = False,
) -> PolicyVersion:
    """A new version of the policy. Earlier versions are never changed."""
    if not is_demo:
        require(permissions.can_manage_policy(user, policy.council))
    if not criteria:
        raise ValidationError({"criteria": "A policy needs at least one criterion"})
    keys = [c["key"] for c in criteria]
    if len(set(keys)) != len(keys):
        raise ValidationError({"criteria": "Each criterion needs its own key"})
    Policy.objects.select_for_update().get(pk=policy.pk)
    number = (policy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PolicyVersion.objects.create(
        policy=policy,
        number=number,
        in_force_from=in_force_from,
        lead_officer=lead_officer,
        lead_member=lead_member,
        scrutiny_committee=scrutiny_committee,
        decision_body=decision_body,
        change_note=change_note,
        adopted_by=user if getattr(user, "is_authenticated", False) else None,
    )
    Criterion.objects.bulk_create(
        Criterion(version=version, order=i, **c) for i, c in enumerate(criteria, start=1)
    )

    audit_record(
        user=user,
        action="policy.version_created",
        obj=version,
        after={
            "council": policy.council_id,
            "number": number,
            "in_force_from": in_force_from,
            "change_note": change_note,
            "criteria": [c["key"] for c in criteria],
        },
        council=policy.council_id,
    )
    return version
