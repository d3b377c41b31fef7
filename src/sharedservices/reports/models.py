"""Committee reports: what a report holds beyond its case, and the versions published.

Most of a report is read from its case when it is rendered (``reports/body.py``). What
the case does not hold lives here: the meeting details, the officers' implications with
their sign-off, the exempt-information marks, and each council's Word template. A
published version is frozen as the bytes of its four files (public and private, DOCX
and PDF) with their SHA-256, so later edits to the case or the report never change it.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from sharedservices.accounts.models import StatutoryPost
from sharedservices.base.tenancy import CouncilOwnedQuerySet, OwnedThroughQuerySet
from sharedservices.cases.models.case import Revisioned
from sharedservices.governance.models import ExceptionRoute


class Meeting(models.TextChoices):
    SCRUTINY = "scrutiny", "Scrutiny"
    EXECUTIVE = "executive", "Cabinet (executive)"


class ImplicationKind(models.TextChoices):
    """The implications every council report carries (Lancaster City Council, Cabinet,
    2009; Wyre Forest District Council, Cabinet, 2007), in their usual order."""

    FINANCIAL = "financial", "Financial"
    LEGAL = "legal", "Legal"
    STAFFING = "staffing", "Staffing"
    PROPERTY = "property", "Property"
    ICT = "ict", "ICT"
    EQUALITY = "equality", "Equality and diversity"
    HUMAN_RIGHTS = "human-rights", "Human rights"
    ENVIRONMENTAL = "environmental", "Environmental and sustainability"
    CRIME = "crime", "Crime and disorder"
    RISK = "risk", "Risk"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    CUSTOMERS = "customers", "Impact on customers"


def implication_heading(kind: str) -> str:
    """The heading as council reports print it: "ICT implications", but "Impact on
    customers" and "Risk management" on their own (Carlisle City Council, 2009)."""
    label = ImplicationKind(kind).label
    return label if kind == ImplicationKind.CUSTOMERS else f"{label} implications"


# Who is expected to sign each implication off; financial and legal carry the statutory
# officers' own comments, and only the holder of that post (or the named deputy) signs
# them (accounts.StatutoryOfficer).
SIGNATORY = {
    ImplicationKind.FINANCIAL: "Section 151 officer",
    ImplicationKind.LEGAL: "Monitoring officer",
}
SIGNING_POST = {
    ImplicationKind.FINANCIAL: StatutoryPost.CHIEF_FINANCE,
    ImplicationKind.LEGAL: StatutoryPost.MONITORING,
}


class Schedule12A(models.IntegerChoices):
    """Local Government Act 1972, Schedule 12A, Part 1: descriptions of exempt information."""

    P1 = 1, "Paragraph 1: information relating to any individual"
    P2 = 2, "Paragraph 2: information likely to reveal the identity of an individual"
    P3 = 3, "Paragraph 3: financial or business affairs of any particular person"
    P4 = 4, "Paragraph 4: labour relations (consultations or negotiations)"
    P5 = 5, "Paragraph 5: legal professional privilege"
    P6 = 6, "Paragraph 6: notices, orders or directions"
    P7 = 7, "Paragraph 7: prevention, investigation or prosecution of crime"


class ReportQuerySet(OwnedThroughQuerySet):
    """A report is seen by whoever sees its case (the lead and, once shared, partners)."""

    owner_path = "case"


class Report(Revisioned):
    case = models.ForeignKey("cases.BusinessCase", on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    meeting = models.CharField(max_length=10, choices=Meeting.choices)
    meeting_date = models.DateField(null=True, blank=True)
    report_of = models.CharField("Report of", max_length=200, blank=True)
    portfolio = models.CharField("Cabinet member or portfolio", max_length=200, blank=True)
    wards = models.CharField("Wards affected", max_length=300, blank=True, default="All")
    corporate_plan = models.TextField("Link to the corporate plan", blank=True)
    budget_framework = models.CharField(
        "Within the budget and policy framework",
        max_length=3,
        blank=True,
        choices=[("yes", "Yes"), ("no", "No")],
    )
    delegate_to = models.CharField(
        "Officer the decision's implementation is delegated to", max_length=200, blank=True
    )
    conclusions = models.TextField(blank=True)
    background_papers = models.TextField(blank=True)
    contact_name = models.CharField("Contact officer", max_length=200, blank=True)
    contact_phone = models.CharField("Telephone", max_length=40, blank=True)
    contact_email = models.EmailField("E-mail", blank=True)
    # How the key decision meets the 28 clear days rule when the forward plan entry came
    # too late (2012 Executive Arrangements regulations, reg 10 or reg 11, with the reason).
    exception_route = models.CharField(
        "Key decision taken under",
        max_length=20,
        blank=True,
        choices=ExceptionRoute.choices,
    )
    exception_reason = models.TextField(
        "Why the forward plan's notice could not be given", blank=True
    )
    # Block key -> Schedule 12A paragraph, e.g. {"implication-staffing": 4}.
    exempt = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["case", "council__name", "meeting"]
        constraints = [
            models.UniqueConstraint(fields=["case", "council", "meeting"], name="one_report")
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.council} {self.get_meeting_display().lower()} report"


class ImplicationQuerySet(OwnedThroughQuerySet):
    owner_path = "report__case"


class Implication(Revisioned):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="implications")
    kind = models.CharField(max_length=20, choices=ImplicationKind.choices)
    text = models.TextField()
    officer_comments = models.TextField(
        blank=True, help_text="The section 151 or monitoring officer's own comments."
    )
    # The sign-off: who, in which capacity (their statutory post, or their roles), when,
    # and the SHA-256 of the words signed. Words changed afterwards void it (``is_signed``).
    signed_off_by = models.CharField(max_length=200, blank=True)
    signed_off_role = models.CharField(max_length=200, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_sha256 = models.CharField(max_length=64, blank=True)

    objects = ImplicationQuerySet.as_manager()

    class Meta:
        ordering = ["report", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="one_implication_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} implications"

    @property
    def digest(self) -> str:
        """What a sign-off covers: the implications and the officer's comments."""
        return implication_digest(self.text, self.officer_comments)

    @property
    def is_signed(self) -> bool:
        return bool(self.signed_off_at) and self.signed_sha256 == self.digest


def implication_digest(text: str, comments: str) -> str:
    return hashlib.sha256(f"{text}\n\x00\n{comments}".encode()).hexdigest()


class PublishedQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        from sharedservices.cases.models import BusinessCase

        return self.filter(case__in=BusinessCase.objects.owned_by(council_codes).values("pk"))

    def public(self):
        """Published reports are public papers (their public edition: the private
        edition is served only to the case's councils, by the view)."""
        return self.all()


class PublishedReport(models.Model):
    """One frozen version. Kept at least six years (Local Government Act 1972, s100D):
    nothing in the product deletes it; the report it came from is protected."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="published")
    case = models.ForeignKey("cases.BusinessCase", on_delete=models.PROTECT, related_name="+")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    meeting = models.CharField(max_length=10, choices=Meeting.choices)
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    case_version = models.PositiveIntegerField(help_text="The case version it was written from.")
    report_revision = models.PositiveIntegerField()
    has_exempt = models.BooleanField(default=False)
    # Who signed which implication off, in which capacity and when, as published:
    # [{"implication", "signed_off_by", "capacity", "signed_off_at", "sha256"}].
    sign_offs = models.JSONField(default=list, blank=True)
    key_decision = models.CharField(max_length=500, blank=True, help_text="The route stated.")
    public_docx = models.BinaryField()
    public_pdf = models.BinaryField()
    private_docx = models.BinaryField()
    private_pdf = models.BinaryField()
    sha256 = models.JSONField(help_text="File name -> SHA-256 of its bytes.")

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "council__name", "meeting", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="published_report_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.number}"


class TemplateQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(council__in=council_codes)


class CouncilTemplate(models.Model):
    """A council's own Word template: its styles and letterhead."""

    council = models.OneToOneField(
        "councils.Council", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    docx = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    objects = TemplateQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.council} report template"
