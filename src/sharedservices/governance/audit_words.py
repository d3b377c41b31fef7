"""The audit trail in the councils' words: ``decision.recorded`` is stored (a stable code
the API returns), "Decision recorded" is shown. A code without words here (a new app's)
still reads as a sentence, from its own parts."""

from __future__ import annotations

from sharedservices.governance.models import CaseState

WORDS = {
    "case.saved": "Case changed",
    "case.state": "Case moved on",
    "case.went_on_with_the_willing": "Case went on with the councils that approved",
    "scrutiny.recorded": "Scrutiny findings recorded",
    "decision.recorded": "Decision recorded",
    "call_in.requested": "Call-in requested",
    "call_in.resolved": "Call-in resolved",
    "partner.left": "Partner council left",
    "forward_plan.published": "Added to the forward plan",
    "milestone.saved": "Implementation milestone saved",
    "withdrawal.notice_given": "Notice of withdrawal given",
    "dispute.opened": "Dispute opened",
    "dispute.step": "Dispute resolution step taken",
    "dispute.closed": "Dispute closed",
    "policy.version_created": "Policy criteria changed",
    "user.roles_set": "Roles changed",
    "user.access_changed": "User's details or access changed by an administrator",
    "admin.added": "Added in the admin",
    "admin.changed": "Changed in the admin",
    "admin.deleted": "Deleted in the admin",
    "role.permissions_changed": "A role's permissions changed by an administrator",
    "report.published": "Committee report published",
    "report.details_saved": "Committee report details saved",
    "report.exempt_information_marked": "Exempt information marked in a committee report",
    "report.implication_signed_off": "Implication in a committee report signed off",
    "report.template_uploaded": "Council's report template uploaded",
    "report.implication_saved": "Implication in a committee report written",
    "report.implication_sign_off_voided": "Implication's sign-off voided: its text changed",
    "council.statutory_officer_set": "Statutory officer recorded",
    "benefits.indicator.created": "Indicator added",
    "benefits.baseline.set": "Indicator baseline set",
    "benefits.actual.entered": "Actual figure entered",
    "benefits.actual.corrected": "Actual figure corrected",
    "benefits.actual.imported": "Actual figures imported",
    "benefits.review.recorded": "Review recorded",
    "benefits.cost_share_review.held": "Annual cost-share review held",
    "arrangement.imported": "Register record imported",
    "arrangement.created_on_going_live": "Register record created on going live",
    "programme.created": "Programme started",
    "programme.saved": "Programme details changed",
    "programme.pot.added": "Funding pot added",
    "programme.allocation.made": "Funding allocated",
    "programme.spend.recorded": "Spend recorded against an allocation",
    "programme.criterion.added": "Prioritisation criterion added",
    "programme.weights.saved": "Prioritisation weights saved",
    "opportunity.created": "Opportunity recorded",
    "opportunity.updated": "Opportunity changed",
    "opportunity.forward": "Opportunity moved on",
    "opportunity.back": "Opportunity sent back a stage",
    "opportunity.not_pursued": "Opportunity not pursued",
    "opportunity.revived": "Opportunity taken up again",
    "opportunity.scored": "Opportunity scored",
}


def headline(action: str, after: dict | None = None) -> str:
    """What happened, in words: "Case moved on: Awaiting decisions"."""
    if action == "case.state" and isinstance(after, dict) and after.get("state"):
        state = after["state"]
        label = CaseState(state).label if state in CaseState.values else state
        return f"Case moved on: {label}"
    if action in WORDS:
        return WORDS[action]
    words = " ".join(action.replace("_", " ").split(".")).strip()
    return words[:1].upper() + words[1:]
