"""Is a case ready for scrutiny? Only when every criterion of every partner council's
policy in force has complete evidence (Carlisle's policy, seed 003, 1.1: "compliance with
the criteria must be clearly demonstrated in the business case").

The governance workflow calls ``case_readiness`` to refuse a submission that is not ready.
Evidence given against an earlier version of a policy still counts for a criterion that
the new version keeps unchanged (same key, same text); a new or reworded criterion needs
new evidence.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils import timezone

from sharedservices.cases.models import BusinessCase, Criterion, CriterionEvidence, PolicyVersion
from sharedservices.councils.models import Council


@dataclass(frozen=True)
class CouncilCheck:
    council: Council
    version: PolicyVersion | None
    criteria: list[Criterion]
    evidenced: list[Criterion]
    missing: list[Criterion]


@dataclass(frozen=True)
class GoneBeforeGoLive:
    """A partner a reorganisation abolishes before the case goes live."""

    council: Council
    vesting_on: datetime.date
    successors: list[Council]
    go_live: datetime.date

    def __str__(self) -> str:
        names = " or ".join(s.name for s in self.successors) or "its successor"
        return (
            f"{self.council.name} is abolished on {self.vesting_on:%-d %B %Y} (vesting day), "
            f"before the case goes live on {self.go_live:%-d %B %Y}: name {names} as the "
            "partner instead, or re-scope the case"
        )


def go_live_on(case: BusinessCase) -> datetime.date:
    """A case goes live at the start of its first financial year (1 April)."""
    return datetime.date(case.start_year, 4, 1)


def partners_gone_before_go_live(case: BusinessCase, councils) -> list[GoneBeforeGoLive]:
    """Partners that will not exist when the case goes live (a reorganisation's vesting day
    falls on or before it), with the councils that succeed them."""
    go_live = go_live_on(case)
    return [
        GoneBeforeGoLive(
            c, c.valid_to + datetime.timedelta(days=1), list(c.successors.all()), go_live
        )
        for c in councils
        if c.valid_to and c.valid_to < go_live and c.valid_to >= timezone.localdate()
    ]


@dataclass(frozen=True)
class Readiness:
    ready: bool
    missing: dict[Council, list[Criterion]]
    without_policy: list[Council] = field(default_factory=list)
    checks: list[CouncilCheck] = field(default_factory=list)
    # the reorganisation rule: a partner abolished before go-live blocks submission
    gone_before_go_live: list[GoneBeforeGoLive] = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        return sum(len(v) for v in self.missing.values())

    def reasons(self) -> list[str]:
        """The missing items in words, one per line, for a page or an error message."""
        lines = [f"{c.name} has no shared-services policy recorded" for c in self.without_policy]
        for council, criteria in self.missing.items():
            lines += [f"{council.name}: {c}" for c in criteria]
        lines += [str(gone) for gone in self.gone_before_go_live]
        return lines


def versions_in_force(councils, *, on: datetime.date | None = None) -> dict[str, PolicyVersion]:
    """Each council's policy version in force on ``on`` (today), as
    ``Policy.version_in_force`` chooses it, with its criteria: two queries however many
    partners (it was three per council; the case page and the dashboard ask for every
    case's councils). A council without a policy, or with none in force yet, is absent."""
    on = on or timezone.localdate()
    chosen: dict[str, PolicyVersion] = {}
    versions = (
        PolicyVersion.objects.filter(
            policy__council_id__in=[c.pk for c in councils], in_force_from__lte=on
        )
        .select_related("policy__council")
        .order_by("policy_id", "-in_force_from", "-number")
    )
    for version in versions:
        chosen.setdefault(version.policy.council_id, version)
    prefetch_related_objects(list(chosen.values()), "criteria")
    return chosen


def case_readiness(case: BusinessCase, *, on: datetime.date | None = None) -> Readiness:
    """Check ``case`` against each partner's policy version in force on ``on`` (today)."""
    return cases_readiness([case], on=on)[case.pk]


def cases_readiness(cases, *, on: datetime.date | None = None) -> dict[int, Readiness]:
    """``case_readiness`` for many cases (the dashboard's cases to submit): three queries
    for all of them."""
    cases = list(cases)
    evidence = defaultdict(list)
    for e in CriterionEvidence.objects.filter(case__in=[c.pk for c in cases]).select_related(
        "criterion__version"
    ):
        evidence[e.case_id].append(e)
    councils = {case.pk: case.councils for case in cases}
    every = {c.pk: c for partners in councils.values() for c in partners}
    in_force = versions_in_force(list(every.values()), on=on)
    out = {}
    for case in cases:
        readiness = _readiness(councils[case.pk], evidence[case.pk], in_force)
        gone = partners_gone_before_go_live(case, councils[case.pk])
        if gone:
            readiness = dataclasses.replace(readiness, ready=False, gone_before_go_live=gone)
        out[case.pk] = readiness
    return out


def _readiness(councils, evidence, in_force) -> Readiness:
    counted_ids = {e.criterion_id for e in evidence if e.counts}
    counted_keys = {
        (e.criterion.version.policy_id, e.criterion.key, e.criterion.text)
        for e in evidence
        if e.counts
    }
    checks: list[CouncilCheck] = []
    missing: dict[Council, list[Criterion]] = {}
    without_policy: list[Council] = []
    for council in councils:
        version = in_force.get(council.pk)
        if version is None:
            without_policy.append(council)
            checks.append(CouncilCheck(council, None, [], [], []))
            continue
        criteria = list(version.criteria.all())
        done = [
            c
            for c in criteria
            if c.pk in counted_ids or (version.policy_id, c.key, c.text) in counted_keys
        ]
        gaps = [c for c in criteria if c not in done]
        if gaps:
            missing[council] = gaps
        checks.append(CouncilCheck(council, version, criteria, done, gaps))
    return Readiness(
        ready=not missing and not without_policy,
        missing=missing,
        without_policy=without_policy,
        checks=checks,
    )
