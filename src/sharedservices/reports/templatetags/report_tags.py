"""``{% published_reports council %}``: a council's published committee reports, for its
public forward plan page (the governance app shows it without importing reports)."""

from django import template

from sharedservices.reports.selectors import published_for_council

register = template.Library()


@register.inclusion_tag("reports/_published_list.html")
def published_reports(council):
    return {"council": council, "published": list(published_for_council(council))}
