"""Councils: the tenants of the service and the reference geography of the UK.

Built by ``manage.py load_councils`` from ONS open data (OGL v3), never typed in
by hand (see ``councils/loading.py``). Keyed by the ONS GSS code; councils
abolished before GSS codes existed (the 2009 reorganisation) keep their legacy
ONS code. Dated like EveryElection's organisations: ``valid_from``/``valid_to``.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

GSS_CODE = RegexValidator(
    r"^([A-Z][0-9]{8}|[A-Z][0-9]{2}P[0-9]{5}|[0-9]{2}(U[A-Z]{2})?)$",
    "Enter an ONS GSS code such as E07000121 (or a legacy ONS code such as 15UB)",
)
# A council a reorganisation creates before ONS has coded it: the prefix of its kind, then
# "P" and a number (E06P00001). ONS codes are a letter and eight digits, so the two can
# never collide; ``load_councils`` replaces it when the curated file gives ONS's code.
PROVISIONAL_CODE = re.compile(r"^[A-Z][0-9]{2}P[0-9]{5}$")


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class CouncilKind(models.TextChoices):
    COUNTY = "county", "County council"
    DISTRICT = "district", "District council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN_BOROUGH = "metropolitan-borough", "Metropolitan borough"
    LONDON_BOROUGH = "london-borough", "London borough"
    WELSH_PRINCIPAL_AREA = "welsh-principal-area", "Welsh principal area"
    SCOTTISH_COUNCIL_AREA = "scottish-council-area", "Scottish council area"
    NI_DISTRICT = "ni-district", "Northern Ireland district"


class CouncilQuerySet(models.QuerySet):
    def current(self, on=None):
        """Councils in existence on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on),
        )

    def abolished(self, on=None):
        on = on or timezone.localdate()
        return self.filter(valid_to__lt=on)


class Council(models.Model):
    code = models.CharField("GSS code", max_length=9, primary_key=True, validators=[GSS_CODE])
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=32, choices=CouncilKind.choices)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    upper_tier = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="districts",
        help_text="The county council above a district council, where there is one.",
    )
    valid_from = models.DateField(
        null=True, blank=True, help_text="Empty when older than our sources."
    )
    valid_to = models.DateField(
        null=True, blank=True, help_text="Last day of existence; empty while current."
    )
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors"
    )
    source = models.CharField(max_length=1000, help_text="Where this record's facts come from.")
    shadow_from = models.DateField(
        null=True,
        blank=True,
        help_text="A council a reorganisation creates: the day its shadow authority was "
        "elected (its users see the predecessors' records from then).",
    )

    # Geography, derived from the ONS Postcode Directory (councils/geography).
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    easting = models.FloatField(
        null=True, blank=True, help_text="British National Grid (Irish Grid in NI)"
    )
    northing = models.FloatField(null=True, blank=True)
    postcode_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Postcodes in the ONS Postcode Directory: a proxy for households.",
    )
    neighbours = models.ManyToManyField("self", symmetrical=True, blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name", "code"]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["nation"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:detail", args=[self.code])

    @property
    def is_current(self) -> bool:
        return self.exists_on(timezone.localdate())

    def exists_on(self, day) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_to is None or self.valid_to >= day)

    @property
    def is_abolished(self) -> bool:
        """Its last day has passed (a council still to come is not abolished)."""
        return bool(self.valid_to and self.valid_to < timezone.localdate())

    @property
    def is_future(self) -> bool:
        """Created by a reorganisation whose vesting day is still to come."""
        return bool(self.valid_from and self.valid_from > timezone.localdate())

    @property
    def is_provisional_code(self) -> bool:
        """Created by a reorganisation and not yet coded by ONS (E06P00001)."""
        return bool(PROVISIONAL_CODE.match(self.code))

    @property
    def is_shadow(self) -> bool:
        """A shadow authority today: elected, not yet vested."""
        today = timezone.localdate()
        return bool(
            self.shadow_from
            and self.shadow_from <= today
            and self.valid_from
            and self.valid_from > today
        )

    @property
    def abolished_on(self):
        """The first day without this council (``valid_to`` is its last day)."""
        return self.valid_to + timedelta(days=1) if self.valid_to else None

    @property
    def kind_phrase(self) -> str:
        """The kind inside a sentence: "district council", "Scottish council area"."""
        label = self.get_kind_display()
        proper = label.split()[0] in ("London", "Welsh", "Scottish", "Northern")
        return label if proper else label[:1].lower() + label[1:]

    @property
    def status_label(self) -> str:
        if self.is_current:
            return "Current"
        if self.is_provisional_code and self.valid_to and self.valid_to < self.valid_from:
            return "Provisional code, replaced by ONS's"
        if self.valid_to and self.valid_to < timezone.localdate():
            return f"Abolished {self.abolished_on:%-d %B %Y}"
        if self.is_shadow:
            return f"Shadow authority until {self.valid_from:%-d %B %Y}"
        return f"From {self.valid_from:%-d %B %Y}"


class BoundarySet(models.Model):
    """The approximate polygons of every current council, as one GeoJSON document.

    Kept in the database (not a file on one machine) so every web server serves
    the same boundaries; one row per geography data version, the newest served.
    """

    data_version = models.CharField(max_length=100, unique=True)
    geojson = models.TextField(help_text="GeoJSON FeatureCollection, WGS84")
    feature_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Boundaries {self.data_version} ({self.feature_count} councils)"


class ReorganisationStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    DECIDED = "decided", "Decided by the Secretary of State"
    ORDER_MADE = "order-made", "Order made"
    IN_FORCE = "in-force", "In force"


class Reorganisation(models.Model):
    """A dated, cited change to the councils (Surrey on 1 April 2027), curated in
    ``councils/data/reorganisations.json`` and loaded by ``load_councils``. A proposed one
    changes nothing unless a page or the API is asked for it as a scenario."""

    slug = models.SlugField(primary_key=True, max_length=60)
    name = models.CharField(max_length=120)
    vesting_on = models.DateField(help_text="Vesting day: the first day of the new councils.")
    status = models.CharField(max_length=20, choices=ReorganisationStatus.choices)
    source = models.TextField(
        help_text="The order's title and SI number when made; otherwise the decision letter "
        "or announcement, with its date.",
    )
    source_url = models.URLField(max_length=300, blank=True)
    shadow_from = models.DateField(null=True, blank=True)
    abolished = models.ManyToManyField(Council, related_name="abolished_by", blank=True)
    applied_at = models.DateTimeField(
        null=True, blank=True, help_text="When apply_reorganisations moved the records."
    )

    class Meta:
        ordering = ["vesting_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("national:reorganisations") + f"#{self.slug}"

    @property
    def is_proposed(self) -> bool:
        return self.status == ReorganisationStatus.PROPOSED


class CreatedCouncil(models.Model):
    """A council a reorganisation creates, and the councils whose areas it covers."""

    reorganisation = models.ForeignKey(
        Reorganisation, on_delete=models.CASCADE, related_name="created"
    )
    code = models.CharField(max_length=9, validators=[GSS_CODE])
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=32, choices=CouncilKind.choices)
    predecessors = models.ManyToManyField(Council, related_name="+", blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["reorganisation", "code"], name="created_code_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_provisional_code(self) -> bool:
        return bool(PROVISIONAL_CODE.match(self.code))
