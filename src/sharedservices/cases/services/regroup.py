"""The case for the councils that remain when others leave: a new version, appraised
afresh (``analysis/regrouping.py`` says how each line scales)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from sharedservices.analysis.errors import InputError
from sharedservices.analysis.regrouping import Member, regroup
from sharedservices.cases.agreement import baseline_costs
from sharedservices.cases.models import BusinessCase, LineKind
from sharedservices.cases.services.appraisal import case_appraise
from sharedservices.cases.services.common import lock_case, record_version


def _members(case: BusinessCase, councils) -> dict[str, Member]:
    baselines = baseline_costs(case)
    return {
        c.pk: Member(
            c.pk,
            float(baselines[c.pk]) if c.pk in baselines else None,
            float(c.postcode_count) if c.postcode_count else None,
        )
        for c in councils
    }


def _line_data(line) -> dict:
    return {
        "name": line.name,
        "kind": "cost" if line.kind == LineKind.COST else "saving",
        "partner": line.partner_id,
        "scaling": line.scaling,
        "exponent": float(line.scale_exponent),
        "values": line.values,
    }


@transaction.atomic
def case_regroup(*, case: BusinessCase, user, remaining, change: str) -> BusinessCase:
    """Take the leaving councils off the case: their own lines go, every shared line of
    every option scales as the line says, the partners change, and the appraisal and
    the sharing agreement are run again. Called by governance after its own checks (a
    rejection confirmed, a withdrawal taking effect); a line that cannot be scaled (a
    baseline missing) refuses the whole change, naming the line."""
    lock_case(case)
    group = case.councils
    members = _members(case, group)
    before = [members[c.pk] for c in group]
    after = [members[c.pk] for c in remaining]
    for option in case.options.filter(is_do_nothing=False).prefetch_related("lines"):
        lines = list(option.lines.all())
        try:
            scaled = regroup([_line_data(line) for line in lines], before, after)
        except InputError as error:
            raise ValidationError(
                {
                    "lines": [
                        f"{option.name}: {_line_name(p.path, lines)} {p.message}"
                        for p in error.problems
                    ]
                }
            ) from None
        kept = {line["name"]: line for line in scaled}
        for line in lines:
            if line.name not in kept:
                line.delete()
            elif kept[line.name]["factor"] != 1.0:
                line.values = {
                    year: round(amount, 2) for year, amount in kept[line.name]["values"].items()
                }
                line.revision += 1
                line.save(update_fields=["values", "revision"])
    case.partner_councils.set([c for c in remaining if c.pk != case.lead_council_id])
    case_appraise(case)
    record_version(case, user, change)
    return case


def _line_name(path: str, lines) -> str:
    try:
        return f"the line {lines[int(path.split('[')[1].split(']')[0])].name}:"
    except (IndexError, ValueError):
        return ""
