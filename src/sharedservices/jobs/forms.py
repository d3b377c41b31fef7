"""The "Find partners" form: a service, an area, the cost model and the
constraints, turned into the ``coalitions`` input by ``partners.py``."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import (
    Button,
    Field,
    Fieldset,
    Layout,
    Size,
)
from django import forms
from django.utils.html import conditional_escape

from sharedservices.base.money import MoneyField
from sharedservices.base.text import lines
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council, Nation
from sharedservices.councils.naming import UnknownCouncil, council_by_name_or_code
from sharedservices.jobs import counties, known_costs, partners, selectors

AREA_COUNTY = "county"
AREA_NATION = "nation"
AREA_LIST = "list"
AREA_CEREMONIAL = "ceremonial"


def _resolve(text: str) -> Council:
    """A current council by GSS code or exact name (``councils/naming.py``)."""
    try:
        return council_by_name_or_code(text)
    except UnknownCouncil as exc:
        raise forms.ValidationError(exc.messages) from None


class FindPartnersForm(forms.Form):
    service_area = forms.ModelChoiceField(
        label="Service",
        queryset=ServiceArea.objects.order_by("name"),
        required=False,
        empty_label="Choose a service",
        help_text="The service you want to share. It names the search; the numbers come from "
        "the costs below.",
    )
    service_other = forms.CharField(
        label="Or describe another service",
        required=False,
        max_length=100,
    )
    area = forms.ChoiceField(
        label="Which councils should be considered?",
        choices=[
            (AREA_COUNTY, "The districts of a county"),
            (AREA_CEREMONIAL, "A ceremonial county: its districts and unitary councils"),
            (AREA_NATION, "Every council in a nation"),
            (AREA_LIST, "A list of councils"),
        ],
        initial=AREA_COUNTY,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which councils should be considered"},
    )
    county = forms.ModelChoiceField(
        label="County",
        help_text="If you chose the districts of a county.",
        queryset=Council.objects.none(),
        required=False,
        empty_label="Choose a county",
        to_field_name="code",
    )
    ceremonial_county = forms.ChoiceField(
        label="Ceremonial county",
        help_text="If you chose a ceremonial county: Lancashire includes Blackpool and Blackburn "
        "with Darwen (Lieutenancies Act 1997, Schedule 1).",
        choices=[],
        required=False,
    )
    nation = forms.ChoiceField(
        label="Nation",
        choices=[("", "Choose a nation"), *Nation.choices],
        required=False,
        help_text="If you chose every council in a nation. England has about 300: the search "
        "can take a minute.",
    )
    council_list = forms.CharField(
        label="Councils",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="If you chose a list: one per line, a GSS code such as E07000121 or the "
        "council's name.",
    )
    include_own = forms.BooleanField(
        label="Include my council",
        required=False,
        initial=True,
    )
    on = forms.DateField(
        label="On the date (optional)",
        required=False,
        help_text="The councils as they will be that day, as YYYY-MM-DD: on 2027-04-01, East "
        "Surrey and West Surrey instead of Surrey's county and districts. Empty: today.",
    )
    scale_exponent = forms.FloatField(
        label="How much cheaper a bigger service is",
        initial=partners.DEFAULT_SCALE_EXPONENT,
        min_value=0.01,
        max_value=1,
        help_text="A number between 0 and 1 (economists call it the scale exponent, b). At 1 "
        "a shared service costs exactly the sum of its parts. At 0.85, doubling the workload "
        "raises the cost by about 80% rather than 100%. Lower means bigger savings from sharing.",
        error_messages={
            "required": "Enter the economies-of-scale exponent, for example 0.85",
            "invalid": "Enter the economies-of-scale exponent as a number, for example 0.85",
            "min_value": "The economies-of-scale exponent must be more than 0",
            "max_value": "The economies-of-scale exponent must be 1 or less",
        },
    )
    governance_cost = MoneyField(
        label="Governance cost per extra partner (£ a year)",
        what="the governance cost per extra partner",
        example=40000,
        pence=True,
        initial=partners.DEFAULT_GOVERNANCE_COST,
        help_text="Joint committee, client-side officers, legal agreement and audit: what each "
        "partner beyond the first adds every year.",
    )
    distance_cost_per_km = MoneyField(
        label="Cost of distance (£ a year per km)",
        what="the cost of distance",
        example=500,
        pence=True,
        initial=partners.DEFAULT_DISTANCE_COST,
        help_text="Travel and lost time for each kilometre between a partner's centre and the "
        "hub (the partner with the largest workload).",
    )
    cost_per_postcode = MoneyField(
        label="Baseline cost per postcode (£ a year)",
        what="the baseline cost per postcode",
        example=300,
        pence=True,
        min_value=Decimal("0.01"),
        initial=partners.DEFAULT_COST_PER_POSTCODE,
        help_text="Used only for councils whose cost you do not give below: their baseline "
        "cost is this times their number of postcodes, and their size is their number of "
        "postcodes, a rough proxy for households (the ONS Postcode Directory counts no "
        "households, and a postcode holds about 12 on average).",
    )
    known_costs = forms.CharField(
        label="Known costs and households (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One council per line: name or GSS code, baseline cost in pounds a year, and "
        "optionally its number of households (from its council tax base, say). For example: "
        "Lancaster, 1850000, 64000. A council without a household count is sized by its "
        "postcodes.",
    )
    max_size = forms.IntegerField(
        label="Largest partnership (number of councils)",
        initial=partners.DEFAULT_MAX_SIZE,
        min_value=2,
        max_value=12,
        help_text="5 is usual. Larger partnerships take longer to search.",
        error_messages={
            "required": "Enter the largest partnership size, for example 5",
            "invalid": "Enter the largest partnership size as a whole number",
            "min_value": "A partnership needs at least 2 councils",
            "max_value": "The largest partnership can have at most 12 councils",
        },
    )
    connected = forms.BooleanField(
        label="Partners must share a boundary (each partnership joined up on the map)",
        required=False,
        initial=True,
    )
    same_county = forms.BooleanField(
        label="Partners within the same ceremonial county",
        required=False,
        help_text="Councils outside England's ceremonial counties then stand alone.",
    )
    existing = forms.ChoiceField(
        label="Councils that already share this service",
        choices=[
            (partners.EXISTING_IGNORE, "Treat them like any other council"),
            (partners.EXISTING_TOGETHER, "Keep each existing partnership together"),
            (partners.EXISTING_LEAVE_OUT, "Leave them out: they stand alone"),
        ],
        initial=partners.EXISTING_IGNORE,
        required=False,
        widget=forms.RadioSelect,
        help_text="From the register's live arrangements for the service you chose. A kept "
        "partnership may gain partners but is never split.",
    )
    opt_out = forms.CharField(
        label="Councils that will not share (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line, by GSS code or name. They are shown standing alone.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["county"].queryset = selectors.counties()
        self.fields["ceremonial_county"].choices = [("", "Choose a ceremonial county")] + [
            (name, name) for name in counties.names()
        ]
        own = getattr(user, "council", None)
        if own is not None:
            # Labels are rendered with |safe by crispy-forms-gds: escape what is not ours.
            self.fields["include_own"].label = conditional_escape(
                f"Include my council ({own.name})"
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                Field.select("service_area"),
                Field.text("service_other", field_width=20),
                legend="Service",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                # Plain radios, not conditional reveals: govuk-frontend's reveal
                # sets aria-expanded on the radio inputs, which axe-core rejects.
                Field.radios("area", legend_size=Size.SMALL),
                Field.select("county"),
                Field.select("ceremonial_county"),
                Field.select("nation"),
                Field.textarea("council_list"),
                Field.checkbox("include_own"),
                Field.text("on", field_width=10),
                legend="Area",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("scale_exponent", field_width=5),
                Field.text("governance_cost", field_width=10),
                Field.text("distance_cost_per_km", field_width=10),
                legend="How sharing changes costs",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("cost_per_postcode", field_width=10),
                Field.textarea("known_costs"),
                legend="What each council spends today",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("max_size", field_width=3),
                Field.checkbox("connected"),
                Field.checkbox("same_county"),
                Field.radios("existing", legend_size=Size.SMALL),
                Field.textarea("opt_out"),
                legend="Constraints",
                legend_size=Size.MEDIUM,
            ),
            Button("submit", "Find partners"),
        )

    # --- field checks -----------------------------------------------------
    def _councils(self, name: str) -> list[Council]:
        found, problems = [], []
        for text in lines(self.cleaned_data.get(name) or ""):
            try:
                found.append(_resolve(text))
            except forms.ValidationError as exc:
                problems.extend(exc.messages)
        if problems:
            raise forms.ValidationError(problems)
        return found

    def clean_council_list(self):
        return self._councils("council_list")

    def clean_opt_out(self):
        return self._councils("opt_out")

    def clean_known_costs(self):
        known, problems = known_costs.parse(self.cleaned_data.get("known_costs") or "")
        if problems:
            raise forms.ValidationError(problems)
        return known

    def clean_existing(self):
        return self.cleaned_data.get("existing") or partners.EXISTING_IGNORE

    def clean(self):
        data = super().clean()
        area = data.get("area")
        if area == AREA_COUNTY and not data.get("county"):
            self.add_error("county", "Choose a county")
        elif area == AREA_CEREMONIAL and not data.get("ceremonial_county"):
            self.add_error("ceremonial_county", "Choose a ceremonial county")
        elif area == AREA_NATION and not data.get("nation"):
            self.add_error("nation", "Choose a nation")
        elif area == AREA_LIST and "council_list" in data and not data["council_list"]:
            self.add_error("council_list", "Enter at least two councils, one per line")
        if not data.get("service_area") and not (data.get("service_other") or "").strip():
            self.add_error("service_area", "Choose a service, or describe another service")
        elif data.get("existing") != partners.EXISTING_IGNORE and not data.get("service_area"):
            self.add_error("existing", "Choose a service from the list to use its partnerships")
        if self.errors:
            return data
        councils = self.area_councils()
        if len(councils) < 2:
            self.add_error("area", "Choose an area with at least two councils")
        known = data["known_costs"]
        missing = [
            c.name
            for c in councils
            if not c.postcode_count and (c.code not in known or known[c.code][1] is None)
        ]
        if missing:
            self.add_error(
                "known_costs",
                "Give the baseline cost and households of "
                + ", ".join(missing)
                + ": there is no postcode count for "
                + ("it" if len(missing) == 1 else "them"),
            )
        codes = {c.code for c in councils}
        outside = [c.name for c in data["opt_out"] if c.code not in codes]
        if outside:
            self.add_error("opt_out", "Not among the councils considered: " + ", ".join(outside))
        self.existing = selectors.existing_partnerships(
            user=self.user, service_area=data.get("service_area"), codes=codes
        )
        if data["existing"] == partners.EXISTING_TOGETHER:
            for name, members in self.existing:
                if len(members) > data["max_size"]:
                    self.add_error(
                        "existing",
                        f"{name} has {len(members)} of these councils, more than the largest "
                        "partnership: raise the largest partnership, or treat them like any other",
                    )
        return data

    # --- what the form asks for --------------------------------------------
    def area_councils(self) -> list[Council]:
        data = self.cleaned_data
        area = data["area"]
        if area == AREA_COUNTY:
            found = list(selectors.councils_of_county(data["county"]))
        elif area == AREA_CEREMONIAL:
            codes = counties.members(data["ceremonial_county"])
            found = list(Council.objects.current().filter(code__in=codes))
        elif area == AREA_NATION:
            found = list(selectors.councils_of_nation(data["nation"]))
        else:
            found = list(data["council_list"])
        own = getattr(self.user, "council", None)
        if data.get("include_own") and own is not None:
            found.append(own)
        # the councils holding these areas on the date: never one abolished by then
        return selectors.councils_on_date(found, data.get("on"))

    def service_name(self) -> str:
        data = self.cleaned_data
        return (data.get("service_other") or "").strip() or str(data["service_area"])

    def area_name(self) -> str:
        data = self.cleaned_data
        if data["area"] == AREA_COUNTY:
            return f"the districts of {data['county'].name}" + selectors.on_words(data.get("on"))
        if data["area"] == AREA_CEREMONIAL:
            return f"the councils of {data['ceremonial_county']} (ceremonial county)"
        if data["area"] == AREA_NATION:
            return f"every council in {Nation(data['nation']).label}"
        return f"{len(data['council_list'])} chosen councils" + selectors.on_words(data.get("on"))

    def coalitions_input(self) -> dict:
        data = self.cleaned_data
        return partners.coalitions_input(
            councils=self.area_councils(),
            known_costs=data["known_costs"],
            cost_per_postcode=float(data["cost_per_postcode"]),
            scale_exponent=data["scale_exponent"],
            governance_cost=float(data["governance_cost"]),
            distance_cost_per_km=float(data["distance_cost_per_km"]),
            max_size=data["max_size"],
            connected=data["connected"],
            opt_out=[c.code for c in data["opt_out"]],
            existing=self.existing,
            existing_rule=data["existing"],
            same_county=data["same_county"],
        )
