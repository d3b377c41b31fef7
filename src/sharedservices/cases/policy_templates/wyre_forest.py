"""Wyre Forest District Council's strategy principles (Cabinet, 25 January 2007), and
the elements of success it quotes from the BuyIT Shared Services Advisory Group."""

from __future__ import annotations

from sharedservices.cases.policy_templates.template import CriterionTemplate as C
from sharedservices.cases.policy_templates.template import PolicyTemplate

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
