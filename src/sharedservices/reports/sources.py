"""Everything a report is written from, read once: the case, the council's policy (its
meeting names and officers), the forward plan entry, the appraisal and the agreement.

Reading all of it here keeps the builders free of queries, and gives one place that
says which case version a report was written from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sharedservices.cases.models import (
    BusinessCase,
    CaseSection,
    Policy,
    SectionPart,
    SharingAgreement,
)
from sharedservices.councils.models import Council
from sharedservices.governance.models import ForwardPlanEntry
from sharedservices.reports.key_decision import KeyDecisionRoute, key_decision_route
from sharedservices.reports.models import Meeting, Report


@dataclass
class Sources:
    report: Report
    case: BusinessCase
    council: Council
    partners: list[Council]
    policy: object | None  # the PolicyVersion in force, if the council has a policy
    plan: ForwardPlanEntry | None
    appraisal: dict | None
    share: dict | None  # this council's row of the sharing agreement
    agreement_option: str
    sections: dict[str, str]
    implications: dict[str, object]
    case_version: int

    @cached_property
    def key_decision(self) -> KeyDecisionRoute:
        return key_decision_route(
            report=self.report,
            case=self.case,
            council=self.council,
            plan=self.plan,
            meeting_date=self.meeting_date,
            executive=self.executive,
        )

    @property
    def executive(self) -> bool:
        return self.report.meeting == Meeting.EXECUTIVE

    @property
    def decision_body(self) -> str:
        return getattr(self.policy, "decision_body", "") or "Cabinet"

    @property
    def scrutiny_body(self) -> str:
        return getattr(self.policy, "scrutiny_committee", "") or "Overview and Scrutiny Committee"

    @property
    def meeting_name(self) -> str:
        return self.decision_body if self.executive else self.scrutiny_body

    @property
    def meeting_date(self):
        if self.report.meeting_date:
            return self.report.meeting_date
        return self.plan.expected_on if self.plan and self.executive else None

    @property
    def options(self) -> list:
        return list(self.case.options.all())


def latest_case_version(case: BusinessCase) -> int:
    return case.versions.order_by("-number").values_list("number", flat=True).first() or 0


def load_sources(report: Report) -> Sources:
    case = (
        BusinessCase.objects.select_related("lead_council", "preferred_option")
        .prefetch_related("partner_councils", "options")
        .get(pk=report.case_id)
    )
    council = report.council
    policy = Policy.objects.filter(council=council).first()
    version = policy.version_in_force() if policy else None
    plan = (
        ForwardPlanEntry.objects.filter(council=council, case=case)
        .order_by("-expected_on", "-pk")
        .first()
    )
    agreement = SharingAgreement.objects.filter(case=case).first()
    result = agreement.result if agreement is not None else None
    share = next((p for p in (result or {}).get("partners", []) if p["code"] == council.pk), None)
    sections = {s.part: s.body for s in CaseSection.objects.filter(case=case) if s.body.strip()}
    return Sources(
        report=report,
        case=case,
        council=council,
        partners=[c for c in case.councils if c.pk != council.pk],
        policy=version,
        plan=plan,
        appraisal=case.appraisal,
        share=share,
        agreement_option=(result or {}).get("option", ""),
        sections=sections,
        implications={i.kind: i for i in report.implications.all()} if report.pk else {},
        case_version=latest_case_version(case),
    )


STRATEGIC = SectionPart.STRATEGIC
