"""Reads of business cases, in one place: which cases a user may see, and the rules a
page applies when it reads (which option the sharing agreement is about, and which
evidence a criterion starts from). Views call these; services write."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404

from sharedservices.cases.models import (
    BusinessCase,
    Criterion,
    CriterionEvidence,
    Option,
    ShareBasis,
    SharingAgreement,
)


def cases_visible_to(user):
    """The cases ``user`` may read, with what every case page shows about them."""
    return (
        BusinessCase.objects.visible_to(user)
        .select_related("lead_council", "arrangement", "opportunity", "preferred_option")
        .prefetch_related("partner_councils")
    )


def case_for(user, pk) -> BusinessCase:
    """One case the user may read; any other id (another council's, or none) is a 404."""
    return get_object_or_404(cases_visible_to(user), pk=pk)


def evidence_for(case: BusinessCase, criterion: Criterion, council) -> CriterionEvidence:
    """The case's evidence for ``criterion``. When the council has changed its policy
    since, the evidence given for the same criterion under the earlier version is
    carried forward (unsaved), so nobody types it twice."""
    evidence = CriterionEvidence.objects.filter(case=case, criterion=criterion).first()
    if evidence is not None:
        return evidence
    earlier = (
        CriterionEvidence.objects.filter(
            case=case,
            criterion__key=criterion.key,
            criterion__version__policy=criterion.version.policy,
        )
        .order_by("-criterion__version__number")
        .first()
    )
    return CriterionEvidence(
        case=case,
        criterion=criterion,
        council=council,
        evidence=earlier.evidence if earlier else "",
        where_shown=earlier.where_shown if earlier else "",
        where_detail=earlier.where_detail if earlier else "",
    )


def saved_agreement(case: BusinessCase) -> SharingAgreement | None:
    return SharingAgreement.objects.filter(case=case).select_related("option").first()


def agreement_option(
    case: BusinessCase, agreement: SharingAgreement | None, wanted: str | None
) -> tuple[Option | None, list[Option]]:
    """The option the agreement page is about, and the options to choose from: the one
    asked for, else the agreement's, else the preferred one, else the first that is not
    doing nothing. Doing nothing has nothing to share."""
    choices = [o for o in case.options.prefetch_related("lines") if not o.is_do_nothing]
    by_pk = {str(o.pk): o for o in choices}
    for candidate in (
        by_pk.get(wanted or ""),
        agreement.option if agreement else None,
        case.preferred_option,
    ):
        if candidate is not None and str(candidate.pk) in by_pk:
            return by_pk[str(candidate.pk)], choices
    return (choices[0] if choices else None), choices


def agreement_lines(result: dict | None, councils) -> list[dict]:
    """Each shared line of a worked-out agreement, with every council's share in the
    order of ``councils`` (the table's columns)."""
    labels = dict(ShareBasis.choices)
    return [
        {
            "name": line["name"],
            "kind": line["kind"],
            "amount": line["amount"],
            "basis": labels.get(line["basis"], line["basis"]),
            "shares": [line["shares"].get(c.code, 0) for c in councils],
            "explanations": [line["explanations"].get(c.code, "") for c in councils],
        }
        for line in (result or {}).get("lines", [])
    ]


def workflow_states() -> list[tuple[str, str]]:
    """The workflow states as governance records them (``CaseGovernance.state``), read
    through the case's relation: governance sits above cases and owns the list."""
    governance = BusinessCase._meta.get_field("governance").related_model
    return list(governance._meta.get_field("state").choices)


def case_list(user, *, state: str = ""):
    """The cases the user may see, each with its workflow state; ``state`` keeps those in
    it (a case governance has not touched yet is a draft)."""
    cases = (
        cases_visible_to(user)
        .select_related("lead_council", "governance")
        .prefetch_related("partner_councils")
    )
    if state:
        draft = workflow_states()[0][0]
        cases = cases.filter(governance__state=state)
        if state == draft:
            cases = (
                cases_visible_to(user)
                .filter(Q(governance__state=state) | Q(governance__isnull=True))
                .select_related("lead_council", "governance")
                .prefetch_related("partner_councils")
            )
    return cases


def workflow_state_label(case: BusinessCase) -> str:
    governance = getattr(case, "governance", None)
    if governance is None:
        return workflow_states()[0][1]
    return governance.get_state_display()
