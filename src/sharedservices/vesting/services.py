"""Vesting day (``manage.py apply_reorganisations``, daily in the beat): once a
reorganisation's vesting day has come, the records still running under the councils it
abolished move to their successors:

- live arrangements (and those being explored or in a business case): each abolished partner
  is replaced by its successor(s); two partners going into one council become one partner
  (the lead keeps the lead); the arrangement's history records the change with the
  predecessors' names, and the audit trail has one event per arrangement;
- benefits indicators of those arrangements: the councils they apply to (baselines and
  actuals are history and keep the council that gave them);
- open business cases (draft to call-in): partner councils and the lead council.

Idempotent: a second run finds nothing under an abolished council and changes nothing.
A proposed reorganisation is never applied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sharedservices.base.audit import audit_record
from sharedservices.benefits.models import Indicator
from sharedservices.cases.models import BusinessCase
from sharedservices.councils.dates import successor_map
from sharedservices.councils.models import Council, Reorganisation
from sharedservices.governance.models import CaseGovernance, CaseState
from sharedservices.registry.models import (
    ArrangementChange,
    ArrangementPartner,
    ArrangementStatus,
    ChangeAction,
    PartnerRole,
)

MOVING = (ArrangementStatus.LIVE, ArrangementStatus.EXPLORING, ArrangementStatus.BUSINESS_CASE)
OPEN_CASES = (
    CaseState.DRAFT,
    CaseState.SUBMITTED,
    CaseState.SCRUTINY,
    CaseState.DECISIONS,
    CaseState.CALL_IN,
)


@dataclass
class VestingReport:
    reorganisations: int = 0
    arrangements: int = 0
    indicators: int = 0
    cases: int = 0


def reorganisations_due(today: dt.date) -> list[Reorganisation]:
    return [
        r
        for r in Reorganisation.objects.filter(vesting_on__lte=today).prefetch_related(
            "abolished", "created__predecessors"
        )
        if not r.is_proposed
    ]


@transaction.atomic
def apply_reorganisations(*, today: dt.date | None = None) -> VestingReport:
    today = today or timezone.localdate()
    report = VestingReport()
    for r in reorganisations_due(today):
        successors = successor_map(r)
        report.reorganisations += 1
        report.arrangements += _move_arrangements(r, successors)
        report.indicators += _move_indicators(successors)
        report.cases += _move_cases(successors)
        if r.applied_at is None:
            r.applied_at = timezone.now()
            r.save(update_fields=["applied_at"])
    return report


def _move_arrangements(r: Reorganisation, successors: dict[str, list[str]]) -> int:
    rows = ArrangementPartner.objects.filter(
        council_id__in=list(successors), arrangement__status__in=MOVING
    ).select_related("council", "arrangement")
    by_arrangement: dict[int, list[ArrangementPartner]] = {}
    for row in rows:
        by_arrangement.setdefault(row.arrangement_id, []).append(row)
    names = dict(Council.objects.values_list("code", "name"))
    for partners in by_arrangement.values():
        arrangement = partners[0].arrangement
        before = sorted(p.council.name for p in arrangement.partners.filter(council__isnull=False))
        for old in partners:
            for code in successors[old.council_id]:
                current = arrangement.partners.filter(council_id=code).first()
                if current is None:
                    ArrangementPartner.objects.create(
                        arrangement=arrangement, council_id=code, role=old.role
                    )
                elif old.role == PartnerRole.LEAD and current.role != PartnerRole.LEAD:
                    current.role = PartnerRole.LEAD
                    current.save(update_fields=["role"])
            old.delete()
        after = sorted(
            names[c]
            for c in arrangement.partners.filter(council__isnull=False).values_list(
                "council_id", flat=True
            )
        )
        changes = {"partners": [", ".join(before), ", ".join(after)]}
        audit_record(
            user=None,
            action="arrangement.reorganised",
            obj=arrangement,
            before={"partners": before},
            after={"partners": after, "reorganisation": r.slug},
            arrangement=arrangement,
        )
        ArrangementChange.objects.create(
            arrangement=arrangement,
            user=None,
            user_name=f"{r.name} reorganisation, vesting day {r.vesting_on:%-d %B %Y}",
            action=ChangeAction.REORGANISED,
            changes=changes,
        )
    return len(by_arrangement)


def _move_indicators(successors: dict[str, list[str]]) -> int:
    moved = 0
    for indicator in Indicator.objects.filter(
        councils__in=list(successors), arrangement__status__in=MOVING
    ).distinct():
        for old in indicator.councils.filter(pk__in=list(successors)):
            indicator.councils.remove(old)
            indicator.councils.add(*successors[old.pk])
        moved += 1
    return moved


def _move_cases(successors: dict[str, list[str]]) -> int:
    """Open cases (no workflow yet counts as a draft) with an abolished partner or lead."""
    closed = CaseGovernance.objects.exclude(state__in=OPEN_CASES).values("case_id")
    codes = list(successors)
    affected = BusinessCase.objects.exclude(pk__in=closed).filter(
        Q(lead_council_id__in=codes) | Q(partner_councils__in=codes)
    )
    moved = 0
    for case in BusinessCase.objects.filter(pk__in=affected.values("pk")):
        before = sorted(c.code for c in case.councils)
        for old in case.partner_councils.filter(pk__in=list(successors)):
            case.partner_councils.remove(old)
            case.partner_councils.add(*successors[old.pk])
        if case.lead_council_id in successors:
            case.lead_council_id = successors[case.lead_council_id][0]
            BusinessCase.objects.filter(pk=case.pk).update(lead_council_id=case.lead_council_id)
            case.partner_councils.remove(case.lead_council_id)
        case = BusinessCase.objects.get(pk=case.pk)
        audit_record(
            user=None,
            action="case.reorganised",
            obj=case,
            before={"councils": before},
            after={"councils": sorted(c.code for c in case.councils)},
            case=case,
        )
        moved += 1
    return moved
