"""What a business case must hold at its stage before it can be submitted, after HM
Treasury's *Guide to developing the project business case* (2018), chapter 3: the
strategic outline case makes the case for change and finds the preferred way forward;
the outline business case appraises the shortlist, names the preferred option and
outlines the commercial, financial and management arrangements; the full business case
completes those three (the deal and how it is shared, the risks managed, the people
consulted). A business justification case is the single-stage form of a full one.

One rule, used by the readiness check (``cases/readiness.py``) that the submission
refuses on, the case page's checklist and the API's ``readiness``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse

from sharedservices.base.text import is_placeholder
from sharedservices.cases.models import (
    Baseline,
    BusinessCase,
    CaseSection,
    CaseStage,
    ConsultationEntry,
    EvidenceSource,
    EvidenceStatus,
    Option,
    Risk,
    RiskStatus,
    SectionPart,
    SharingAgreement,
)


@dataclass(frozen=True)
class CaseContent:
    """What a case holds, as the rule reads it (loaded for many cases at once)."""

    stage: str
    written: frozenset[str]  # the parts whose text is written (not blank, not a placeholder)
    options: tuple[str, ...]  # options other than doing nothing
    preferred: str | None
    preferred_reasons: bool
    appraised: frozenset[str]  # options with a result in the last appraisal
    appraisal_errors: tuple[str, ...]
    risks: int
    risks_without_owner_or_mitigation: int
    consultation_groups: frozenset[str]
    baselines: int
    agreement: str  # "" when computed without errors, else why not


@dataclass(frozen=True)
class Requirement:
    key: str
    part: str  # the one of the five cases it belongs to (SectionPart)
    text: str  # what must be there, in words
    page: str  # the case page where it is written, e.g. "sections"
    test: Callable[[CaseContent], str]  # why it is not met ("" when it is)

    @property
    def part_label(self) -> str:
        return SectionPart(self.part).label


@dataclass(frozen=True)
class RequirementCheck:
    requirement: Requirement
    reason: str
    url: str

    @property
    def met(self) -> bool:
        return not self.reason


def _written(part: str) -> Callable[[CaseContent], str]:
    label = SectionPart(part).label

    def test(content: CaseContent) -> str:
        return "" if part in content.written else f"The {label.lower()} is not written yet"

    return test


def _options(content: CaseContent) -> str:
    return "" if content.options else "No option besides doing nothing has been entered"


def _preferred(content: CaseContent) -> str:
    if not content.preferred:
        return "No preferred option has been chosen"
    if not content.preferred_reasons:
        return "The reasons for preferring the option are not given"
    return ""


def _appraised(content: CaseContent) -> str:
    if content.appraisal_errors:
        return "The appraisal cannot run: " + "; ".join(content.appraisal_errors)
    if not content.preferred:
        return "No preferred option to appraise"
    if content.preferred not in content.appraised:
        return f"The appraisal has no result for ‘{content.preferred}’"
    return ""


def _agreement(content: CaseContent) -> str:
    return content.agreement


def _risks(content: CaseContent) -> str:
    if not content.risks:
        return "The risk register is empty"
    if content.risks_without_owner_or_mitigation:
        n = content.risks_without_owner_or_mitigation
        return f"{n} open risk{'s' if n != 1 else ''} without an owner or a mitigation"
    return ""


def _consultation(content: CaseContent) -> str:
    if not content.consultation_groups:
        return "No consultation is recorded"
    if not content.consultation_groups & {"staff", "unions"}:
        return "Neither staff nor their trade unions are recorded as consulted"
    return ""


P = SectionPart
_STRATEGIC = Requirement(
    "strategic-case",
    P.STRATEGIC,
    "The case for change is written",
    "sections",
    _written(P.STRATEGIC),
)
_ECONOMIC = Requirement(
    "economic-case",
    P.ECONOMIC,
    "The options and the preferred way forward are written",
    "sections",
    _written(P.ECONOMIC),
)
_OPTIONS = Requirement(
    "options", P.ECONOMIC, "At least one option besides doing nothing", "options", _options
)
_PREFERRED = Requirement(
    "preferred-option", P.ECONOMIC, "A preferred option, with reasons", "preferred", _preferred
)
_APPRAISAL = Requirement(
    "appraisal", P.ECONOMIC, "The preferred option is appraised", "appraisal", _appraised
)
_COMMERCIAL = Requirement(
    "commercial-case",
    P.COMMERCIAL,
    "The commercial case is written",
    "sections",
    _written(P.COMMERCIAL),
)
_FINANCIAL = Requirement(
    "financial-case",
    P.FINANCIAL,
    "The financial case is written",
    "sections",
    _written(P.FINANCIAL),
)
_MANAGEMENT = Requirement(
    "management-case",
    P.MANAGEMENT,
    "The management case is written",
    "sections",
    _written(P.MANAGEMENT),
)
_AGREEMENT = Requirement(
    "sharing-agreement",
    P.FINANCIAL,
    "How costs and benefits are shared, agreed for the preferred option",
    "agreement",
    _agreement,
)
_RISKS = Requirement(
    "risk-register",
    P.MANAGEMENT,
    "A risk register, each open risk with an owner and a mitigation",
    "risks",
    _risks,
)
_CONSULTATION = Requirement(
    "consultation-record",
    P.MANAGEMENT,
    "A consultation record, with staff or their trade unions",
    "consultation",
    _consultation,
)

_SOC = (_STRATEGIC, _ECONOMIC, _OPTIONS)
_OBC = (*_SOC, _PREFERRED, _APPRAISAL, _COMMERCIAL, _FINANCIAL, _MANAGEMENT)
_FBC = (*_OBC, _AGREEMENT, _RISKS, _CONSULTATION)

STAGE_REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {
    CaseStage.SOC: _SOC,
    CaseStage.OBC: _OBC,
    CaseStage.FBC: _FBC,
    CaseStage.BJC: _FBC,
}


def _url(case_id: int, requirement: Requirement) -> str:
    if requirement.page == "sections":
        return reverse("cases:sections", args=[case_id]) + f"#{requirement.part}"
    return reverse(f"cases:{requirement.page}", args=[case_id])


def stage_checks(case: BusinessCase, content: CaseContent) -> list[RequirementCheck]:
    """Each requirement of the case's stage, met or with the reason it is not."""
    return [
        RequirementCheck(r, r.test(content), _url(case.pk, r))
        for r in STAGE_REQUIREMENTS.get(content.stage, _FBC)
    ]


def case_contents(cases) -> dict[int, CaseContent]:
    """What each case holds: seven queries however many cases (the dashboard asks for all
    the cases a user may submit)."""
    cases = list(cases)
    ids = [c.pk for c in cases]
    written = defaultdict(set)
    for case_id, part, body in CaseSection.objects.filter(case__in=ids).values_list(
        "case_id", "part", "body"
    ):
        if not is_placeholder(body):
            written[case_id].add(part)
    options = defaultdict(dict)
    for case_id, pk, name, nothing in Option.objects.filter(case__in=ids).values_list(
        "case_id", "pk", "name", "is_do_nothing"
    ):
        options[case_id][pk] = (name, nothing)
    risks = defaultdict(lambda: [0, 0])
    for case_id, status, owner, mitigation in Risk.objects.filter(case__in=ids).values_list(
        "case_id", "status", "owner", "mitigation"
    ):
        risks[case_id][0] += 1
        if status == RiskStatus.OPEN and (is_placeholder(owner) or is_placeholder(mitigation)):
            risks[case_id][1] += 1
    groups = defaultdict(set)
    for case_id, group in ConsultationEntry.objects.filter(case__in=ids).values_list(
        "case_id", "group"
    ):
        groups[case_id].add(group)
    baselines = defaultdict(int)
    for row in Baseline.objects.filter(case__in=ids).values("case_id").annotate(n=Count("pk")):
        baselines[row["case_id"]] = row["n"]
    agreements = {
        a.case_id: a
        for a in SharingAgreement.objects.filter(case__in=ids).only(
            "case_id", "option_id", "result", "errors"
        )
    }
    return {
        case.pk: _content(case, written, options, risks, groups, baselines, agreements.get(case.pk))
        for case in cases
    }


def _content(case, written, options, risks, groups, baselines, agreement) -> CaseContent:
    mine = options[case.pk]
    preferred = mine.get(case.preferred_option_id, (None, False))[0]
    appraisal = case.appraisal or {}
    return CaseContent(
        stage=case.stage,
        written=frozenset(written[case.pk]),
        options=tuple(name for name, nothing in mine.values() if not nothing),
        preferred=preferred,
        preferred_reasons=not is_placeholder(case.preferred_reasons),
        appraised=frozenset(o.get("name") for o in appraisal.get("options", [])),
        appraisal_errors=tuple(e.get("message", "") for e in case.appraisal_errors or []),
        risks=risks[case.pk][0],
        risks_without_owner_or_mitigation=risks[case.pk][1],
        consultation_groups=frozenset(groups[case.pk]),
        baselines=baselines[case.pk],
        agreement=_agreement_state(agreement, case.preferred_option_id),
    )


def _agreement_state(agreement, preferred_id) -> str:
    if agreement is None:
        return "No sharing agreement is saved"
    if agreement.errors or not agreement.result:
        why = "; ".join(e.get("message", "") for e in agreement.errors or [])
        return "The sharing agreement cannot be computed" + (f": {why}" if why else "")
    if preferred_id and agreement.option_id != preferred_id:
        return "The sharing agreement splits an option other than the preferred one"
    return ""


def evidence_problem(evidence, content: CaseContent) -> str:
    """Why a criterion's evidence does not count ("" when it does): it must be complete
    and point at something the case holds (a written section, the appraisal result, the
    risk register, the consultation record, the sharing agreement or the baselines)."""
    if evidence is None or not evidence.evidence.strip():
        return "No evidence given yet"
    if evidence.status != EvidenceStatus.COMPLETE:
        return "The evidence is still a draft"
    where = evidence.where_shown
    if not where:
        return "The evidence does not say where in the case it is shown"
    if where in SectionPart.values:
        if where in content.written:
            return ""
        return f"It points at the {SectionPart(where).label.lower()}, which is not written yet"
    missing = {
        EvidenceSource.APPRAISAL: not content.appraised,
        EvidenceSource.RISKS: not content.risks,
        EvidenceSource.CONSULTATION: not content.consultation_groups,
        EvidenceSource.AGREEMENT: bool(content.agreement),
        EvidenceSource.BASELINES: not content.baselines,
    }
    if missing.get(where, True):
        label = EvidenceSource(where).label.lower() if where in EvidenceSource.values else where
        return f"It points at the {label}, which {_EMPTY.get(where, 'does not exist')}"
    return ""


_EMPTY = {
    EvidenceSource.APPRAISAL: "has no result",
    EvidenceSource.RISKS: "is empty",
    EvidenceSource.CONSULTATION: "records no consultation",
    EvidenceSource.AGREEMENT: "is not agreed",
    EvidenceSource.BASELINES: "holds no baselines",
}
