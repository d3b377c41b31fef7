"""Carlisle City Council's twelve principles (its draft Shared Services Policy) and
the eight-point protocol of its ACE programme report."""

from __future__ import annotations

from sharedservices.cases.policy_templates.template import CriterionTemplate as C
from sharedservices.cases.policy_templates.template import PolicyTemplate

TWELVE_PRINCIPLES = PolicyTemplate(
    slug="twelve-principles",
    name="Twelve principles for shared services",
    source="Carlisle City Council, Shared Services Policy, draft 1.0, section 4.2",
    summary=(
        "A policy with named roles and twelve principles that every business case must show it"
        " meets before the council enters an arrangement."
    ),
    lead_officer="Deputy Chief Executive",
    lead_member="Portfolio Holder for Finance and Performance Management",
    scrutiny_committee="Corporate Resources Overview and Scrutiny Committee",
    decision_body="Executive",
    criteria=(
        C(
            "clear-benefit",
            "4.2.2",
            "Clear benefit to local people",
            "The case shows without ambiguity that residents of the council's area are better off.",
            "Who benefits and how; the net present social value for this council; any group that"
            " could lose out and what is done about it.",
        ),
        C(
            "free-and-willing",
            "4.2.3",
            "Free and willing partners",
            "Every partner joins freely, and each keeps its independence and statutory duties.",
            "Which statutory functions stay with each council; confirmation that each partner"
            " decides for itself.",
        ),
        C(
            "quality-not-compromised",
            "4.2.4",
            "Quality for the customer is not compromised",
            "The service to the end customer is at least as good, and the aim is to improve it.",
            "Quality baselines today, the service levels promised, and how they will be measured.",
        ),
        C(
            "differences-respected",
            "4.2.5",
            "Differences between partners respected",
            "Differences of culture, priorities and local circumstances are recognised and kept"
            " where they are legitimate.",
            "Where local practice will stay different and how the model allows for it.",
        ),
        C(
            "choice-of-partners",
            "4.2.6",
            "Freedom to choose partners",
            "The council may work with as few or as many willing partners as suits the service.",
            "Why these partners; whether others could join later.",
        ),
        C(
            "shared-on-agreed-basis",
            "4.2.7",
            "Costs, risks and benefits shared on an agreed basis",
            "How every cost, risk and benefit is divided is agreed in advance and written into"
            " the case.",
            "The sharing agreement: the basis for each line and each partner's resulting figures.",
        ),
        C(
            "management-and-scrutiny",
            "4.2.8",
            "Clear management and scrutiny",
            "The case defines how the arrangement is managed and how members scrutinise it.",
            "The management case: board, reporting, service level agreement, scrutiny route.",
        ),
        C(
            "disputes-and-withdrawal",
            "4.2.9",
            "Disputes and the right to withdraw",
            "There is an agreed way to resolve disputes that does not take away the right to"
            " withdraw.",
            "The dispute process, the notice period and the exit terms.",
        ),
        C(
            "open-to-other-sectors",
            "4.2.10",
            "Open to other sectors and places",
            "Nothing stops collaboration with the private or voluntary sector, other agencies or"
            " councils beyond the county or region.",
            "Options considered with other kinds of partner, and why they were kept or dropped.",
        ),
        C(
            "staff-consulted",
            "4.2.11",
            "Staff consulted and jobs protected",
            "Employees are consulted and involved, and job protection arrangements are made where"
            " appropriate.",
            "The consultation log with staff and unions; posts affected; the protection offered.",
        ),
        C(
            "local-identity",
            "4.2.12",
            "Local identity kept",
            "Residents can still see the council's name linked to the services delivered in its"
            " area.",
            "Branding, public contact points and how residents will know who is accountable.",
        ),
        C(
            "within-policy-framework",
            "4.1.5",
            "Decision within the policy framework",
            "The decision sits within the council's policy framework, taken by the body that holds"
            " that power.",
            "The decision route for each partner and the date of each meeting.",
        ),
    ),
)

EIGHT_POINT_PROTOCOL = PolicyTemplate(
    slug="eight-point-protocol",
    name="Eight-point protocol for shared services",
    source="Carlisle City Council, Executive report on the ACE programme",
    summary=(
        "A short protocol for officers to work within until a full policy is agreed; written to"
        " be offered to neighbouring councils so that all partners work the same way."
    ),
    scrutiny_committee="Overview and Scrutiny Committee",
    decision_body="Executive",
    criteria=(
        C(
            "free-and-willing",
            "1",
            "Free and willing agents",
            "The council takes part freely; its independence and statutory duties are respected.",
            "The functions each partner keeps and the decision each partner takes for itself.",
        ),
        C(
            "quality-not-compromised",
            "2",
            "Quality to the customer not compromised",
            "The quality of the service to the end customer does not fall.",
            "Quality baselines and the service levels the arrangement commits to.",
        ),
        C(
            "differences-respected",
            "3",
            "Differences respected",
            "Different cultures, priorities and legitimate local circumstances are respected.",
            "Where practice will stay local, and why.",
        ),
        C(
            "choice-of-partners",
            "4",
            "Any number of willing partners",
            "The council may join with as few or as many willing partners as it chooses.",
            "Why these partners were chosen.",
        ),
        C(
            "shared-on-agreed-basis",
            "5",
            "Costs, risks and benefits shared as agreed",
            "All costs, risks and benefits are shared on an agreed basis.",
            "The sharing agreement and each partner's figures.",
        ),
        C(
            "management-and-scrutiny",
            "6",
            "Management and scrutiny arrangements",
            "There are clear arrangements to manage and scrutinise the alliance.",
            "The management case and the scrutiny route.",
        ),
        C(
            "disputes-and-withdrawal",
            "7",
            "Disputes resolved, withdrawal kept",
            "Disputes are settled by an agreed process, keeping the right to withdraw.",
            "The dispute process and exit terms.",
        ),
        C(
            "staff-consulted",
            "8",
            "Employees consulted, jobs protected",
            "Employees are consulted and involved and job protection is introduced when needed.",
            "The consultation log and the staffing implications.",
        ),
    ),
)
