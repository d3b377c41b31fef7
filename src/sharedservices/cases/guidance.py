"""What each of the five cases should contain (HM Treasury, *Guide to developing the
project business case*), put in the terms of a council shared service, and the risks a
council can start its register from (seed 002, "Risk management": the unions' concerns)."""

from __future__ import annotations

from dataclasses import dataclass

from sharedservices.cases.models import SectionPart

SECTION_GUIDANCE: dict[str, dict] = {
    SectionPart.STRATEGIC: {
        "question": "Is there a compelling case for change?",
        "points": [
            "The service today, for each partner: what it does, for whom, and how well.",
            "Why change now: budget pressure, resilience of small teams, recruitment, quality.",
            "What the partners want to achieve (objectives that can be measured).",
            "Scope: which services and functions are in, and which stay with each council.",
            "How the proposal fits each partner's corporate priorities and policy framework.",
        ],
    },
    SectionPart.ECONOMIC: {
        "question": "Does the preferred option give the best value for money?",
        "points": [
            "The long list of options, including doing nothing, and how it was shortlisted.",
            "Costs and benefits of each shortlisted option by year (entered under Options).",
            "The appraisal: net present social value, benefit-cost ratio, payback, sensitivity.",
            "Benefits that cannot be given a money value (quality, resilience, customer access).",
            "The preferred option and the reasons for preferring it.",
        ],
    },
    SectionPart.COMMERCIAL: {
        "question": "Can the arrangement be set up and run commercially?",
        "points": [
            "The delivery model (lead authority, joint committee, company, private provider).",
            "The legal vehicle: agreement under the Local Government Act 1972 s.101/s.113, etc.",
            "Procurement of any systems or services, and the contract or service level agreement.",
            "Staff transfer (TUPE) and pensions, assets and accommodation.",
            "How disputes are resolved and how a partner may withdraw.",
        ],
    },
    SectionPart.FINANCIAL: {
        "question": "Is it affordable to each partner?",
        "points": [
            "Capital and revenue costs against each partner's budget and medium-term plan.",
            "How costs, risks and savings are shared between the partners, and on what basis.",
            "Funding sources (e.g. a programme or cluster fund) and any invest-to-save.",
            "The section 151 officer's view for each partner.",
        ],
    },
    SectionPart.MANAGEMENT: {
        "question": "Can it be delivered and managed?",
        "points": [
            "Governance: the joint board, reporting lines and how members scrutinise it.",
            "The project plan, milestones, team and project management method.",
            "The risk register and the consultation with staff, unions and members.",
            "Benefits realisation: indicators measured against the baselines, and reviews.",
            "Independent review and the post-implementation review.",
        ],
    },
}


@dataclass(frozen=True)
class SuggestedRisk:
    key: str
    description: str
    cause: str
    mitigation: str
    likelihood: int
    impact: int


SUGGESTED_RISKS: tuple[SuggestedRisk, ...] = (
    SuggestedRisk(
        "less-personal-service",
        "Service becomes less personal for users and staff",
        "Services delivered remotely from a shared centre; disadvantaged groups lose out most.",
        "Keep local contact points; equality impact assessment; measure satisfaction by group.",
        3,
        4,
    ),
    SuggestedRisk(
        "loss-of-experienced-staff",
        "Experienced staff leave and local knowledge is lost",
        "Uncertainty, relocation or changed roles during the transition.",
        "Early engagement, retention plans for key roles, knowledge capture before go-live.",
        3,
        4,
    ),
    SuggestedRisk(
        "savings-not-realised",
        "Savings are not realised",
        "Optimistic estimates, delays, or costs that move elsewhere rather than disappear.",
        "Baselines agreed before go-live; benefits realisation reported against them.",
        3,
        4,
    ),
    SuggestedRisk(
        "workload-shifted",
        "Workload shifts to front-line supervisors and line managers",
        "Support tasks removed from the shared operation fall back on front-line managers.",
        "Map every task in the future process; agree who does each; monitor escalations.",
        3,
        3,
    ),
    SuggestedRisk(
        "admin-devalued",
        "Administrative work and the service are devalued",
        "Staff and public see the shared service as remote and second-class.",
        "Communicate the purpose; recognise staff; publish service standards and results.",
        2,
        3,
    ),
    SuggestedRisk(
        "deskilling-turnover",
        "De-skilling leads to low motivation and high staff turnover",
        "Narrower, process-driven roles in the shared operation.",
        "Career paths and training in the shared service; monitor turnover and sickness.",
        3,
        3,
    ),
    SuggestedRisk(
        "whole-organisation-knowledge",
        "Staff no longer understand how the whole organisation works",
        "Complex services split between the shared operation and each council.",
        "Clear service level agreement and named contacts in each partner.",
        2,
        3,
    ),
    SuggestedRisk(
        "unproven-technology",
        "New technology is unproven or costs more than expected",
        "Systems bought for the shared service have not been proved at this scale.",
        "Reference sites, staged implementation, optimism bias and contingency in the costs.",
        3,
        4,
    ),
    SuggestedRisk(
        "partner-withdraws",
        "A partner withdraws or the partners disagree",
        "Changes of political control, budget pressures or a dispute over sharing.",
        "An agreed dispute process, notice period and exit terms in the agreement.",
        2,
        5,
    ),
)

SUGGESTED_RISKS_BY_KEY = {r.key: r for r in SUGGESTED_RISKS}
