"""The benefits page's table of figures in their unit (`analysis.money.format_figure`) and a
status as words with colour."""

from __future__ import annotations

from decimal import Decimal
from html import escape as _escape

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from sharedservices.analysis.benefits import PeriodError, parse_period
from sharedservices.analysis.money import format_figure
from sharedservices.registry.links import web_address_problem

register = template.Library()

STATUS_TAGS = {"green": ("Green", "green"), "amber": ("Amber", "yellow"), "red": ("Red", "red")}


@register.filter
def plain(value) -> str:
    """A figure as the chart reads it: no separators."""
    return "" if value is None else str(Decimal(value).normalize())


@register.simple_tag
def status_tag(status: str):
    if status not in STATUS_TAGS:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "No figures")
    words, colour = STATUS_TAGS[status]
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, words)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


def _cell(cell, unit: str, label: str) -> str:
    """One figure's cell. Thousands of these make a page of every period, so the figure
    is normalised once and escaped with the standard library's ``html.escape`` (what
    Django's ``escape`` calls, without its lazy-string wrapper)."""
    if cell is None:
        return '<td class="govuk-table__cell govuk-table__cell--numeric">-</td>'
    status = cell["status"]
    words, colour = STATUS_TAGS.get(status, ("No figures", "grey"))
    figure = Decimal(cell["value"]).normalize()
    html = (
        f'<td class="govuk-table__cell govuk-table__cell--numeric" '
        f'data-value="{figure}" data-status="{_escape(status)}">'
        f"{_escape(format_figure(figure, unit))} "
        f'<strong class="govuk-tag govuk-tag--{colour}">{words}</strong>'
    )
    url = cell["evidence_url"]
    if url and not web_address_problem(url):
        html += (
            f' <a class="govuk-link" href="{_escape(url)}" rel="noopener noreferrer">evidence'
            f'<span class="govuk-visually-hidden"> for {_escape(label)}</span></a>'
        )
    if cell["note"]:
        html += f'<br><span class="govuk-body-s">{_escape(cell["note"])}</span>'
    return html + "</td>"


@register.filter
def table_rows(view) -> str:
    """The table's body in one go: five years of monthly figures from ten partners is a
    thousand rows and ten thousand cells, too many for template tags or even a template
    loop. Every piece of text is escaped here; a link is shown only if it is http or https."""
    unit = view.indicator.unit
    html = []
    for row in view.rows:
        label = row["label"]
        html.append(
            '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f"{_escape(label)}</th>"
        )
        html.extend(_cell(c, unit, label) for c in row["cells"])
        html.append("</tr>")
    return mark_safe("".join(html))  # noqa: S308


def _day(d) -> str:
    return f"{d.day} {d:%B %Y}"


@register.filter
def header_cells(view) -> str:
    """The table's column headers: each partner, with its baseline in the actuals' terms
    for the chart (ten partners on twenty indicators: too many template tags)."""
    html = []
    for c in view.councils:
        base = view.chart_baselines.get(c.pk)
        html.append(
            '<th scope="col" class="govuk-table__header govuk-table__header--numeric" '
            f'data-baseline="{"" if base is None else plain(base)}">{escape(c.name)}</th>'
        )
    return mark_safe("".join(html))  # noqa: S308 (every piece of text is escaped)


@register.filter
def baseline_summary(view, settable=frozenset()) -> str:
    """Each partner's baseline, its date and source, one to a line; for the councils in
    ``settable`` (whose baselines the reader may set), a link to enter or correct it."""
    unit = view.indicator.unit
    lines = []
    for c in view.councils:
        b = view.baselines.get(c.pk)
        if b is None:
            line = f"{escape(c.name)}: not recorded"
        else:
            source = f" ({escape(b.source)})" if b.source else ""
            figure = escape(format_figure(b.value, unit))
            line = f"{escape(c.name)}: {figure} at {_day(b.as_at)}{source}"
        if c.pk in settable:
            href = reverse(
                "benefits:baseline", args=[view.indicator.arrangement_id, view.indicator.pk, c.pk]
            )
            line += (
                f' <a class="govuk-link" href="{escape(href)}">{"Correct" if b else "Enter"}'
                f'<span class="govuk-visually-hidden"> {escape(c.name)}\'s baseline</span></a>'
            )
        lines.append(line)
    return mark_safe("<br>".join(lines))  # noqa: S308 (every piece of text is escaped)


@register.filter
def period_label(period: str) -> str:
    """A stored period as councils read it: "2027/28 Q1, April to June 2027"."""
    try:
        return parse_period(period).label
    except PeriodError:
        return period


@register.filter
def financial_year(year) -> str:
    """2027 as "2027/28", the year's own name from 1 April to 31 March."""
    if year is None or year == "":
        return ""
    return f"{int(year)}/{(int(year) + 1) % 100:02d}"
