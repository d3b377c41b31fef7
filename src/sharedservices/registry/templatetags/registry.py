"""Template helpers for the register: web addresses, and a council's arrangements in the
sections Wyre Forest's paper uses (seed 002 §3.4-3.6)."""

from __future__ import annotations

from django import template

from sharedservices.registry.links import web_address_problem
from sharedservices.registry.models import ArrangementStatus

register = template.Library()


@register.filter
def web_address(url) -> str:
    """The address when it may be a link (http or https), else "": a record stored
    before the rule was enforced everywhere is then shown as text, never as a link."""
    return url if url and web_address_problem(str(url)) is None else ""


@register.simple_tag
def council_sections(arrangements) -> dict:
    """Split a council's arrangements into what it shares now, what it explores,
    what it considered and did not pursue (with the reason), and what ended."""
    sections = {"live": [], "exploring": [], "not_pursued": [], "ended": []}
    for a in arrangements:
        if a.status == ArrangementStatus.LIVE:
            sections["live"].append(a)
        elif a.status in (ArrangementStatus.EXPLORING, ArrangementStatus.BUSINESS_CASE):
            sections["exploring"].append(a)
        elif a.status == ArrangementStatus.NOT_PURSUED:
            sections["not_pursued"].append(a)
        else:
            sections["ended"].append(a)
    return sections


@register.simple_tag
def partner_council(council, arrangement) -> dict:
    """A partner council as the arrangement page shows it: named and linked as it is now, with
    the ONS code it had over the arrangement's years when that differs from today's (Barnsley in
    a 2024-25 arrangement: E08000016, recoded E08000038 on 1 April 2025)."""
    from sharedservices.councils.selectors import codes_during, council_now, financial_year_span

    now = council_now(council)
    first, last = financial_year_span(arrangement.start_year, arrangement.end_year)
    used = codes_during(council, first, last)
    note = ""
    if [u.code for u in used] != [now.code]:
        parts = []
        for i, u in enumerate(used):
            if len(used) == 1:
                parts.append(f"{u.code} at the time")
            elif i == len(used) - 1:
                parts.append(f"then {u.code}")
            else:
                parts.append(f"{u.code} until {u.valid_to:%-d %B %Y}")
        note = ", ".join(parts)
    return {"now": now, "note": note}


# The parts of an arrangement's record, as tabs under its heading: each is its own page
# (server-rendered, so the tabs are links and work without JavaScript).
RECORD_PAGES = [
    ("overview", "registry:detail", "Overview"),
    ("benefits", "benefits:page", "Benefits"),
    ("timeline", "governance:arrangement-timeline", "Timeline"),
]


@register.inclusion_tag("registry/includes/record_tabs.html")
def record_tabs(arrangement, current: str) -> dict:
    """The record's tabs; Benefits only once the arrangement has gone live."""
    from django.urls import reverse

    benefits = arrangement.status in (ArrangementStatus.LIVE, ArrangementStatus.ENDED)
    return {
        "arrangement": arrangement,
        "tabs": [
            {"href": reverse(url, args=[arrangement.pk]), "text": text, "current": key == current}
            for key, url, text in RECORD_PAGES
            if key != "benefits" or benefits
        ],
    }
