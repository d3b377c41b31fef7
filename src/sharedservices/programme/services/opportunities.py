"""Opportunities: record, change, and move through the pipeline.

``opportunity_check`` holds the rules of a good record for the form, the API, the
suggestions' one-click creation and the demo. Stage moves are their own service:
forward freely, back or out of the pipeline only with a reason (Carlisle's
licensing went back to its outline case; Wyre Forest says why it did not pursue a
service), and every move is appended to the history.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from sharedservices.base.audit import audit_record
from sharedservices.base.revisions import UNCHECKED
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme import permissions
from sharedservices.programme.models import (
    EventKind,
    Opportunity,
    OpportunityEvent,
    OpportunityStage,
    Programme,
    stage_position,
)
from sharedservices.programme.services.common import (
    actor_name,
    check_revision,
    raise_if,
    record,
    require,
)
from sharedservices.registry.models import Arrangement
from sharedservices.registry.services import organisations_get_or_create

LIMITS = {
    "title": 200,
    "sponsor_name": 200,
    "sponsor_role": 200,
    "next_step": 300,
}


@dataclass
class OpportunityInput:
    title: str
    council: Council
    programme: Programme | None = None
    service_area: ServiceArea | None = None
    description: str = ""
    proposed_partners: Sequence[Council] = ()
    organisations: Sequence[str] = ()
    sponsor_name: str = ""
    sponsor_role: str = ""
    owner: object | None = None
    next_step: str = ""
    next_step_due: date | None = None
    notes: str = ""
    arrangement: Arrangement | None = None
    stage: str = OpportunityStage.IDEA
    stage_reason: str = ""
    is_demo: bool = False
    extra: dict = field(default_factory=dict)


def opportunity_check(data: OpportunityInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(key, message):
        errors.setdefault(key, []).append(message)

    if not data.title.strip():
        add("title", "Enter the title of the opportunity")
    for key, limit in LIMITS.items():
        if len(getattr(data, key)) > limit:
            add(key, f"Must be {limit} characters or fewer")
    if data.council is None:
        add("council", "Say which council records the opportunity")
    if data.stage not in OpportunityStage.values:
        add(
            "stage",
            f"Unknown stage '{data.stage}'; use one of {', '.join(OpportunityStage.values)}",
        )
    elif data.stage == OpportunityStage.NOT_PURSUED and not data.stage_reason.strip():
        add("stage_reason", "Give the reason it is not pursued")
    partners = [c.pk for c in data.proposed_partners]
    if len(set(partners)) != len(partners):
        add("proposed_partners", "A council is listed more than once")
    elif data.council is not None and data.council.pk in partners:
        add("proposed_partners", "The council recording it need not be listed as a partner")
    names = [n.strip().casefold() for n in data.organisations]
    if any(not n for n in names):
        add("organisations", "An organisation name is empty")
    elif len(set(names)) != len(names):
        add("organisations", "An organisation is listed more than once")
    if (
        data.programme is not None
        and data.council is not None
        and not data.programme.members.filter(pk=data.council.pk).exists()
    ):
        add("programme", f"{data.council.name} is not a member of {data.programme.name}")
    if data.owner is not None and data.council is not None:
        allowed = {data.council.pk}
        if data.programme is not None:
            allowed |= set(data.programme.members.values_list("pk", flat=True))
        if data.owner.council_id not in allowed:
            add("owner", "The owner must work for the council or a member of its programme")
    return errors


def snapshot(o: Opportunity) -> dict[str, str]:
    """What a person reads of the record, for the history's before and after."""
    return {
        "Title": o.title,
        "Description": o.description,
        "Programme": o.programme.name if o.programme_id else "",
        "Service area": o.service_area.name if o.service_area_id else "",
        "Proposed partner councils": "; ".join(sorted(c.name for c in o.proposed_partners.all())),
        "Partner organisations": "; ".join(
            sorted(org.name for org in o.partner_organisations.all())
        ),
        "Sponsor": ", ".join(x for x in (o.sponsor_name, o.sponsor_role) if x),
        "Owner": str(o.owner) if o.owner_id else "",
        "Next step": o.next_step,
        "Next step due": o.next_step_due.isoformat() if o.next_step_due else "",
        "Notes": o.notes,
    }


def _diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}


def _event(o: Opportunity, user, kind, *, from_stage="", to_stage="", reason="", changes=None):
    """The opportunity's own history, and the same change in the audit trail."""
    audit_record(
        user=user,
        action=f"opportunity.{kind.replace('-', '_')}",
        obj=o,
        before={"stage": from_stage} if from_stage else None,
        after={
            k: v for k, v in {"stage": to_stage, "reason": reason, "changes": changes}.items() if v
        }
        or None,
        council=o.council_id,
    )
    return OpportunityEvent.objects.create(
        opportunity=o,
        user=user if user is not None and user.pk else None,
        user_name=actor_name(user),
        kind=kind,
        from_stage=from_stage,
        to_stage=to_stage,
        reason=reason,
        changes=changes or {},
    )


def _apply(o: Opportunity, data: OpportunityInput) -> None:
    o.title = data.title.strip()
    o.council = data.council
    o.programme = data.programme
    o.service_area = data.service_area
    o.description = data.description.strip()
    o.sponsor_name = data.sponsor_name.strip()
    o.sponsor_role = data.sponsor_role.strip()
    o.owner = data.owner
    o.next_step = data.next_step.strip()
    o.next_step_due = data.next_step_due
    o.notes = data.notes.strip()
    o.arrangement = data.arrangement


def _write_partners(o: Opportunity, data: OpportunityInput) -> None:
    o.proposed_partners.set(data.proposed_partners)
    orgs = organisations_get_or_create(list(data.organisations))
    o.partner_organisations.set([orgs[n.strip().casefold()] for n in data.organisations])


@transaction.atomic
def opportunity_create(
    *, user, data: OpportunityInput, submission_token: uuid.UUID | None = None
) -> Opportunity:
    """Record an opportunity for a council the user acts for."""
    if submission_token and (
        found := Opportunity.objects.filter(submission_token=submission_token).first()
    ):
        return found
    require(
        user is None or permissions.can_act_for(user, data.council),
        "You can record opportunities only for your own council",
    )
    raise_if(opportunity_check(data))
    o = Opportunity(
        stage=data.stage,
        stage_reason=data.stage_reason.strip(),
        is_demo=data.is_demo,
        submission_token=submission_token,
    )
    _apply(o, data)
    o.save()
    _write_partners(o, data)
    _event(o, user, EventKind.CREATED, to_stage=o.stage, reason=o.stage_reason)
    if o.programme_id:
        record(o.programme, user, f"Added the opportunity '{o.title}'")
    return o


@transaction.atomic
def opportunity_update(
    *,
    user,
    opportunity: Opportunity,
    data: OpportunityInput,
    expected_revision=UNCHECKED,
) -> Opportunity:
    """Change the details (not the stage: that is ``opportunity_move``). A stale or
    missing ``expected_revision`` is refused (``base.revisions``)."""
    require(
        user is None or permissions.can_edit_opportunity(user, opportunity),
        "Only officers of the council or its programme's members may change this opportunity",
    )
    o = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    check_revision(o, expected_revision)
    raise_if(opportunity_check(data))
    before = snapshot(o)
    _apply(o, data)
    o.revision += 1
    o.save()
    _write_partners(o, data)
    changes = _diff(before, snapshot(o))
    if changes:
        _event(o, user, EventKind.UPDATED, changes=changes)
    return o


def move_kind(from_stage: str, to_stage: str) -> str:
    if to_stage == OpportunityStage.NOT_PURSUED:
        return EventKind.NOT_PURSUED
    if from_stage == OpportunityStage.NOT_PURSUED:
        return EventKind.REVIVED
    if stage_position(to_stage) < stage_position(from_stage):
        return EventKind.BACK
    return EventKind.FORWARD


@transaction.atomic
def opportunity_move(
    *,
    user,
    opportunity: Opportunity,
    to_stage: str,
    reason: str = "",
    expected_revision=UNCHECKED,
) -> Opportunity:
    """Move to another stage. Back, out of the pipeline or into it again needs a reason."""
    require(
        user is None or permissions.can_edit_opportunity(user, opportunity),
        "Only officers of the council or its programme's members may move this opportunity",
    )
    o = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    check_revision(o, expected_revision)
    errors: dict[str, list[str]] = {}
    reason = reason.strip()
    if to_stage not in OpportunityStage.values:
        errors["stage"] = [f"Unknown stage '{to_stage}'"]
    elif to_stage == o.stage:
        errors["stage"] = [f"It is already at {OpportunityStage(to_stage).label.lower()}"]
    raise_if(errors)
    kind = move_kind(o.stage, to_stage)
    if kind != EventKind.FORWARD and not reason:
        why = {
            EventKind.NOT_PURSUED: "why it is not pursued",
            EventKind.REVIVED: "why it is taken up again",
            EventKind.BACK: "why it goes back a stage",
        }[kind]
        raise_if({"reason": [f"Give the reason: say {why}"]})
    from_stage = o.stage
    o.stage = to_stage
    if kind != EventKind.FORWARD:
        o.stage_reason = reason
    elif from_stage == OpportunityStage.NOT_PURSUED or o.stage_reason:
        o.stage_reason = ""
    o.revision += 1
    o.save()
    _event(o, user, kind, from_stage=from_stage, to_stage=to_stage, reason=reason)
    if o.programme_id:
        record(
            o.programme,
            user,
            f"'{o.title}': {OpportunityStage(from_stage).label} to "
            f"{OpportunityStage(to_stage).label}" + (f" ({reason})" if reason else ""),
        )
    return o


def opportunity_input_from(o: Opportunity) -> OpportunityInput:
    return OpportunityInput(
        title=o.title,
        council=o.council,
        programme=o.programme,
        service_area=o.service_area,
        description=o.description,
        proposed_partners=list(o.proposed_partners.all()),
        organisations=[org.name for org in o.partner_organisations.all()],
        sponsor_name=o.sponsor_name,
        sponsor_role=o.sponsor_role,
        owner=o.owner,
        next_step=o.next_step,
        next_step_due=o.next_step_due,
        notes=o.notes,
        arrangement=o.arrangement,
        stage=o.stage,
        stage_reason=o.stage_reason,
        is_demo=o.is_demo,
    )
