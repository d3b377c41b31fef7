"""Policy templates a council can adopt and then edit, drawn from the papers.

The wording is ours: each criterion restates a principle of the source paper as a test
a business case can pass, with the evidence a scrutiny committee would expect. The
``source`` of each template names the paper (``../shared/seeds/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CriterionTemplate:
    key: str
    reference: str
    title: str
    text: str
    guidance: str


@dataclass(frozen=True)
class PolicyTemplate:
    slug: str
    name: str
    source: str
    summary: str
    lead_officer: str = ""
    lead_member: str = ""
    scrutiny_committee: str = ""
    decision_body: str = ""
    criteria: tuple[CriterionTemplate, ...] = field(default_factory=tuple)


C = CriterionTemplate

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

STRATEGY_PRINCIPLES = PolicyTemplate(
    slug="strategy-principles",
    name="Principles for a shared services strategy",
    source="Wyre Forest District Council, Cabinet, 25 January 2007, section 5",
    summary=(
        "Principles drawn from partnership discussions and public and private sector practice,"
        " with a strong emphasis on baselines, benefits realisation and employees."
    ),
    scrutiny_committee="Overview and Scrutiny Committee",
    decision_body="Cabinet",
    criteria=(
        C(
            "efficient-and-effective",
            "5.1",
            "Efficient and effective services",
            "The service is delivered in the most efficient and effective way available.",
            "The options appraisal and why the preferred option is best value.",
        ),
        C(
            "leadership",
            "5.2",
            "Leadership and commitment",
            "Politicians and senior managers lead and commit to the arrangement.",
            "Named sponsors, the lead member, and the decisions already taken.",
        ),
        C(
            "no-favoured-model",
            "5.3",
            "No favoured delivery model",
            "Public, private and mixed models were all considered; the aim is value for money.",
            "The long list of delivery models and the reasons for the shortlist.",
        ),
        C(
            "sharing-not-an-end",
            "5.4",
            "Sharing is a means, not an end",
            "The test is whether sharing improves the cost and quality of the service.",
            "Cost and quality compared with doing nothing.",
        ),
        C(
            "no-standalone-investment",
            "5.5",
            "Against new standalone systems",
            "Each partner decides for itself, but new investment in standalone support systems is"
            " avoided where a shared one costs less.",
            "Systems each partner would otherwise buy, and their cost.",
        ),
        C(
            "robust-business-case",
            "5.7",
            "Accurate costs, benefits and savings",
            "The business case sets out accurate costs and benefits and the efficiency savings it"
            " will deliver.",
            "The cost and benefit lines by year, their sources, and the savings per partner.",
        ),
        C(
            "build-on-existing",
            "5.8",
            "Build on existing investment",
            "Existing technology and skills that could serve more users were considered.",
            "What each partner already has and whether it can be extended.",
        ),
        C(
            "baselines",
            "5.9",
            "Baselines for cost and quality",
            "Accurate baseline measures of cost and service quality are collected, and benefits"
            " will be reported against them.",
            "Each partner's cost and quality baselines with date and source.",
        ),
        C(
            "customer-role",
            "5.10",
            "Customers shape the service",
            "Governance gives the customers of the shared service a defined role in its"
            " specification and development.",
            "The governance structure and where service users are represented.",
        ),
        C(
            "change-management",
            "5.11",
            "Change management resourced",
            "Change is planned and resourced, and builds public sector skills.",
            "The implementation plan, its budget and the team.",
        ),
        C(
            "employment-practice",
            "5.12",
            "Best employment practice",
            "Reductions in staff follow best practice: keep key skills, and prefer natural wastage,"
            " retraining and redeployment to compulsory redundancy.",
            "Posts affected and the job protection arrangements.",
        ),
        C(
            "open-communication",
            "5.13",
            "Open communication with employees",
            "Employees and their representatives are kept informed openly throughout.",
            "The consultation log with staff and trade unions.",
        ),
        C(
            "scalable-systems",
            "5.14",
            "Scalable systems and transferable licences",
            "Systems bought can take new users later, and licences transfer between public bodies.",
            "Contract terms on new users and licence transfer.",
        ),
        C(
            "interoperability",
            "5.15",
            "Interoperability from the start",
            "Interoperability requirements are set at the beginning of any ICT procurement.",
            "The interoperability requirements in the specification.",
        ),
        C(
            "standard-software",
            "5.16",
            "Standard software",
            "Software is implemented in standard form, with customisation avoided.",
            "Any customisation planned and why it is needed.",
        ),
        C(
            "open-location",
            "5.17",
            "Open location decisions",
            "Where the shared service is based is decided openly, without needless concentration.",
            "The location options and the reasons for the choice.",
        ),
        C(
            "sla",
            "5.18",
            "Contracts or service level agreements",
            "The arrangement is run through a contract or service level agreement with cost and"
            " quality indicators and each partner's responsibilities.",
            "The draft agreement and its indicators.",
        ),
        C(
            "independent-review",
            "5.19",
            "Independent review",
            "Significant projects are reviewed independently, or in an equivalent way.",
            "Who reviews the project and when.",
        ),
        C(
            "continuous-improvement",
            "5.20",
            "Performance and continuous improvement",
            "The shared operation measures its key indicators and develops its people.",
            "The performance framework and the staff development plan.",
        ),
    ),
)

SUCCESS_ELEMENTS = PolicyTemplate(
    slug="success-elements",
    name="Elements of a successful shared service",
    source=(
        "BuyIT Shared Services Advisory Group, as quoted by Wyre Forest District Council,"
        " 25 January 2007"
    ),
    summary="Eight elements the advisory group told government a shared service needs in place.",
    criteria=(
        C(
            "vision",
            "1",
            "A common, clear and compelling vision",
            "Partners share a vision that draws them towards the shared service.",
            "The vision statement agreed by all partners.",
        ),
        C(
            "leadership",
            "2",
            "Strong, committed leadership",
            "Leaders in every partner are committed and visible.",
            "Named sponsors in each partner.",
        ),
        C(
            "case-for-change",
            "3",
            "A compelling case for change",
            "The reasons the current arrangements cannot continue are clear.",
            "The strategic case: pressures on cost, resilience and quality.",
        ),
        C(
            "fast-governance",
            "4",
            "Governance that decides quickly",
            "The governance model lets the partners make decisions quickly.",
            "The decision-making structure and delegations.",
        ),
        C(
            "change-programme",
            "5",
            "An organisation-wide change programme",
            "Culture, people, processes and IT are changed together, inside and outside the shared"
            " operation.",
            "The change and implementation plan.",
        ),
        C(
            "learning-from-others",
            "6",
            "Learning from others",
            "The design draws on what worked elsewhere.",
            "Comparable arrangements in the national register and what was learnt.",
        ),
        C(
            "user-focused-design",
            "7",
            "User-focused design",
            "The service is designed around its users, rationalised and streamlined.",
            "User research and the future process design.",
        ),
        C(
            "outcomes-measured",
            "8",
            "Outcomes and continuous improvement",
            "Success is measured by outcomes and continuous improvement, not one-off delivery.",
            "The benefits realisation plan and its indicators.",
        ),
    ),
)

TEMPLATES: dict[str, PolicyTemplate] = {
    t.slug: t
    for t in (TWELVE_PRINCIPLES, EIGHT_POINT_PROTOCOL, STRATEGY_PRINCIPLES, SUCCESS_ELEMENTS)
}
