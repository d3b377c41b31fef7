"""A case's journey through every partner council's scrutiny, decision and call-in.

``CaseGovernance`` holds the case's state (one row per case, made when it is first
needed); scrutiny records, decisions and call-ins are each one council's own. A partner
that rejected or withdrew keeps a ``PartnerExit``, so it is shown as having left.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sharedservices.cases.models.case import CaseOwnedQuerySet
from sharedservices.governance import limits
from sharedservices.governance.tenancy import CouncilOwnedQuerySet


class CaseState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for scrutiny"
    SCRUTINY = "scrutiny", "In scrutiny"
    DECISIONS = "decisions", "Awaiting decisions"
    CALL_IN = "call-in", "Call-in period"
    APPROVED = "approved", "Approved"
    IMPLEMENTATION = "implementation", "Implementation"
    LIVE = "live", "Live"
    ENDED = "ended", "Ended"
    NOT_PURSUED = "not-pursued", "Not pursued"


class Recommendation(models.TextChoices):
    SUPPORT = "support", "Support"
    SUPPORT_WITH_CHANGES = "support-with-changes", "Support with changes"
    DO_NOT_SUPPORT = "do-not-support", "Do not support"


class DecisionKind(models.TextChoices):
    APPROVE = "approve", "Approve"
    REJECT = "reject", "Reject"
    DEFER = "defer", "Defer"


class DecisionBasis(models.TextChoices):
    """A decision stands on the case as it was put to the council; when partners leave and
    the council's own figures change beyond the case's tolerance, it was taken on a
    different basis and the council decides again (``services/regrouping.py``)."""

    CURRENT = "current", "On the case as it stands"
    SUPERSEDED = "superseded", "Taken on a different basis"


# What a decision was, as a record says it ("Approved on 16 November 2026").
DECIDED = {"approve": "Approved", "reject": "Rejected", "defer": "Deferred"}


class ExceptionRoute(models.TextChoices):
    """The 2012 Executive Arrangements regulations: reg 10 (general exception) and
    reg 11 (special urgency), when 28 clear days' notice was not given (reg 9)."""

    NONE = "", "None: on the forward plan in time"
    GENERAL_EXCEPTION = "general-exception", "General exception (regulation 10)"
    SPECIAL_URGENCY = "special-urgency", "Special urgency (regulation 11)"


class CallInOutcome(models.TextChoices):
    OPEN = "", "Not yet resolved"
    NO_ACTION = "no-action", "No action: the decision takes effect"
    REFER_BACK = "refer-back", "Referred back to the decision maker"
    REFER_TO_COUNCIL = "refer-to-council", "Referred to full council"


class ExitKind(models.TextChoices):
    REJECTED = "rejected", "Rejected the case"
    WITHDREW = "withdrew", "Withdrew from the arrangement"


class OwnCouncilQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(council__in=council_codes)


class CaseGovernance(models.Model):
    case = models.OneToOneField(
        "cases.BusinessCase", on_delete=models.CASCADE, primary_key=True, related_name="governance"
    )
    state = models.CharField(max_length=20, choices=CaseState.choices, default=CaseState.DRAFT)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    submitted_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The case version put to the councils."
    )
    reason = models.TextField(blank=True, help_text="Why it was not pursued or ended.")
    notice_months = models.PositiveSmallIntegerField(
        default=12, help_text="Notice of withdrawal, from the management case."
    )

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = "case governance"

    def __str__(self) -> str:
        return f"{self.case}: {self.get_state_display()}"


class CouncilGovernance(models.Model):
    """A council's own rules: how many clear working days its call-in period lasts."""

    council = models.OneToOneField(
        "councils.Council", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    call_in_working_days = models.PositiveSmallIntegerField(default=5)

    objects = OwnCouncilQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.council}: call-in {self.call_in_working_days} working days"


class CouncilRecord(models.Model):
    """A record made by one council on a case."""

    case = models.ForeignKey("cases.BusinessCase", on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OwnCouncilQuerySet.as_manager()

    class Meta:
        abstract = True


class ScrutinyRecord(CouncilRecord):
    recommendation = models.CharField(max_length=30, choices=Recommendation.choices)
    met_on = models.DateField()
    findings = models.TextField()

    class Meta:
        ordering = ["case", "council__name"]
        constraints = [
            models.UniqueConstraint(fields=["case", "council"], name="one_scrutiny_per_council")
        ]

    def __str__(self) -> str:
        return f"{self.council} scrutiny: {self.get_recommendation_display()}"


class Decision(CouncilRecord):
    decision = models.CharField(max_length=10, choices=DecisionKind.choices)
    decided_on = models.DateField()
    published_on = models.DateField()
    minute_reference = models.CharField(max_length=limits.MINUTE_REFERENCE)
    key_decision = models.BooleanField(default=True)
    exception_route = models.CharField(
        max_length=20, choices=ExceptionRoute.choices, blank=True, default=""
    )
    exception_reason = models.TextField(blank=True)
    call_in_ends_on = models.DateField(
        help_text="The last clear working day of the council's call-in period."
    )
    basis = models.CharField(
        max_length=12, choices=DecisionBasis.choices, default=DecisionBasis.CURRENT
    )

    class Meta:
        ordering = ["case", "council__name", "pk"]
        constraints = [
            # A repeated identical record is not a second record (double submit).
            models.UniqueConstraint(
                fields=["case", "council", "decision", "decided_on", "minute_reference"],
                name="decision_natural_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.council}: {self.outcome} on {self.decided_on:%d %B %Y}"

    @property
    def outcome(self) -> str:
        return DECIDED.get(self.decision, self.get_decision_display())


class CallIn(models.Model):
    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="call_in")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=20, choices=CallInOutcome.choices, blank=True, default="")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    met_on = models.DateField(
        null=True, blank=True, help_text="The scrutiny meeting that resolved the call-in."
    )
    minute_reference = models.CharField(max_length=limits.MINUTE_REFERENCE, blank=True)

    objects = OwnCouncilQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Call-in of {self.decision}"


class PartnerExit(models.Model):
    # cases' tenancy reads ``exits`` (by name, no import): a council that left keeps
    # sight of the case it decided on.
    case = models.ForeignKey("cases.BusinessCase", on_delete=models.CASCADE, related_name="exits")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ExitKind.choices)
    left_on = models.DateField()
    reason = models.TextField(blank=True)

    objects = OwnCouncilQuerySet.as_manager()

    class Meta:
        ordering = ["case", "left_on", "council__name"]
        constraints = [
            models.UniqueConstraint(fields=["case", "council"], name="one_exit_per_council")
        ]

    def __str__(self) -> str:
        return f"{self.council} left {self.case} ({self.get_kind_display().lower()})"
