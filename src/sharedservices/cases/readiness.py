"""Is a case ready for scrutiny? Only when it holds what its stage requires
(``cases/stage_requirements.py``, after HM Treasury's business case guidance) and every
criterion of every partner council's policy in force has complete evidence that points
at something the case holds (Carlisle City Council's shared services policy: "compliance
with the criteria must be clearly demonstrated in the business case"). Evidence saying
"set out in the strategic case" while the strategic case is unwritten does not count.

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
from django.urls import reverse
from django.utils import timezone

from sharedservices.cases.models import BusinessCase, Criterion, CriterionEvidence, PolicyVersion
from sharedservices.cases.stage_requirements import (
    RequirementCheck,
    case_contents,
    evidence_problem,
    stage_checks,
)
from sharedservices.councils.models import Council


@dataclass(frozen=True)
class CouncilCheck:
    council: Council
    version: PolicyVersion | None
    criteria: list[Criterion]
    evidenced: list[Criterion]
    missing: list[Criterion]
    # Criterion id -> why its evidence does not count, for each missing criterion.
    reasons: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Gap:
    """One thing standing between the case and submission: the part of the case it is
    in, the council it is for (None for the case's own content), and where to fix it."""

    part: str
    council: Council | None
    message: str
    url: str

    def as_dict(self) -> dict:
        return {
            "section": self.part,
            "council": self.council.pk if self.council else None,
            "council_name": self.council.name if self.council else None,
            "message": self.message,
            "url": self.url,
        }


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
    stage: list[RequirementCheck] = field(default_factory=list)
    case_id: int | None = None
    # the reorganisation rule: a partner abolished before go-live blocks submission
    gone_before_go_live: list[GoneBeforeGoLive] = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        return sum(len(v) for v in self.missing.values())

    @property
    def stage_gaps(self) -> list[RequirementCheck]:
        return [check for check in self.stage if not check.met]

    def gaps(self) -> list[Gap]:
        """Each gap, the stage's content first, then each council's criteria."""
        found = [
            Gap(c.requirement.part_label, None, f"{c.requirement.text}: {c.reason}", c.url)
            for c in self.stage_gaps
        ]
        policies = reverse("cases:policies")
        found += [
            Gap("Policy criteria", c, f"{c.name} has no shared-services policy recorded", policies)
            for c in self.without_policy
        ]
        for check in self.checks:
            found += [
                Gap(
                    "Policy criteria",
                    check.council,
                    f"{criterion}: {check.reasons.get(criterion.pk, 'not evidenced')}",
                    reverse("cases:evidence-edit", args=[self.case_id, criterion.pk]),
                )
                for criterion in check.missing
            ]
        found += [
            Gap(
                "Partners",
                gone.council,
                str(gone),
                reverse("cases:edit", args=[self.case_id]) if self.case_id else "",
            )
            for gone in self.gone_before_go_live
        ]
        return found

    def reasons(self) -> list[str]:
        """The gaps in words, one per line, for a page or an error message: the part of
        the case, the council where it is one council's, and what is missing."""
        return [
            f"{gap.part}{f', {gap.council.name}' if gap.council else ''}: {gap.message}"
            for gap in self.gaps()
        ]


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
    contents = case_contents(cases)
    out = {}
    for case in cases:
        readiness = _readiness(
            case, councils[case.pk], evidence[case.pk], in_force, contents[case.pk]
        )
        gone = partners_gone_before_go_live(case, councils[case.pk])
        if gone:
            readiness = dataclasses.replace(readiness, ready=False, gone_before_go_live=gone)
        out[case.pk] = readiness
    return out


def _key(criterion) -> tuple:
    return (criterion.version.policy_id, criterion.key, criterion.text)


def _readiness(case, councils, evidence, in_force, content) -> Readiness:
    problems = {e.pk: evidence_problem(e, content) for e in evidence}
    counted_ids = {e.criterion_id for e in evidence if not problems[e.pk]}
    counted_keys = {_key(e.criterion) for e in evidence if not problems[e.pk]}
    by_id = {e.criterion_id: e for e in evidence}
    by_key = {_key(e.criterion): e for e in evidence}
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
        reasons = {
            c.pk: evidence_problem(
                by_id.get(c.pk) or by_key.get((version.policy_id, c.key, c.text)), content
            )
            for c in gaps
        }
        checks.append(CouncilCheck(council, version, criteria, done, gaps, reasons))
    stage = stage_checks(case, content)
    return Readiness(
        ready=not missing and not without_policy and all(check.met for check in stage),
        missing=missing,
        without_policy=without_policy,
        checks=checks,
        stage=stage,
        case_id=case.pk,
    )
