"""Is a case ready for scrutiny? Only when every criterion of every partner council's
policy in force has complete evidence (Carlisle's policy, seed 003, 1.1: "compliance with
the criteria must be clearly demonstrated in the business case").

The governance workflow calls ``case_readiness`` to refuse a submission that is not ready.
Evidence given against an earlier version of a policy still counts for a criterion that
the new version keeps unchanged (same key, same text); a new or reworded criterion needs
new evidence.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

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
class Readiness:
    ready: bool
    missing: dict[Council, list[Criterion]]
    without_policy: list[Council] = field(default_factory=list)
    checks: list[CouncilCheck] = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        return sum(len(v) for v in self.missing.values())

    def reasons(self) -> list[str]:
        """The missing items in words, one per line, for a page or an error message."""
        lines = [f"{c.name} has no shared-services policy recorded" for c in self.without_policy]
        for council, criteria in self.missing.items():
            lines += [f"{council.name}: {c}" for c in criteria]
        return lines


def case_readiness(case: BusinessCase, *, on: datetime.date | None = None) -> Readiness:
    """Check ``case`` against each partner's policy version in force on ``on`` (today)."""
    evidence = list(
        CriterionEvidence.objects.filter(case=case).select_related("criterion__version")
    )
    counted_ids = {e.criterion_id for e in evidence if e.counts}
    counted_keys = {
        (e.criterion.version.policy_id, e.criterion.key, e.criterion.text)
        for e in evidence
        if e.counts
    }
    checks: list[CouncilCheck] = []
    missing: dict[Council, list[Criterion]] = {}
    without_policy: list[Council] = []
    for council in case.councils:
        policy = getattr(council, "shared_services_policy", None)
        version = policy.version_in_force(on) if policy else None
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
