"""``{% published_reports council %}``: a council's published committee reports, for its
public forward plan page (the governance app shows it without importing reports)."""

from django import template
from django.urls import reverse

from sharedservices.reports.models import PublishedReport
from sharedservices.reports.selectors import published_for_council

register = template.Library()


@register.inclusion_tag("reports/_published_list.html")
def published_reports(council):
    return {"council": council, "published": list(published_for_council(council))}


@register.simple_tag
def published_report_url(case_id, council_code) -> str:
    """The public address of the latest report ``council_code`` published on the case,
    or "" (a forward plan entry taken links to the report that went to the meeting)."""
    latest = (
        PublishedReport.objects.public()
        .filter(case_id=case_id, council_id=council_code)
        .order_by("-published_at")
        .values_list("pk", flat=True)
        .first()
    )
    return reverse("reports:published", args=[latest]) if latest else ""
