"""Options and their cost and benefit lines; each change re-runs the appraisal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from sharedservices.cases import permissions
from sharedservices.cases.appraisal_input import line_values
from sharedservices.cases.models import (
    Option,
    OptionLine,
)
from sharedservices.cases.models.options import BENEFIT_CATEGORIES
from sharedservices.cases.services.appraisal import case_appraise
from sharedservices.cases.services.common import check_revision, lock_case, record_version, require


@transaction.atomic
def option_save(*, option: Option, user, expected_revision: int | None = None) -> Option:
    case = option.case
    require(permissions.can_draft(user, case))
    lock_case(case)
    created = option.pk is None
    check_revision(option, expected_revision)
    if created:
        option.order = (case.options.aggregate(n=Max("order"))["n"] or 0) + 1
    option.full_clean()
    option.save()
    case_appraise(case)
    record_version(case, user, f"{'Added' if created else 'Changed'} the option {option.name}")
    return option


@transaction.atomic
def option_delete(*, option: Option, user) -> None:
    case = option.case
    require(permissions.can_draft(user, case))
    if option.is_do_nothing:
        raise ValidationError("The do-nothing option is the baseline every option is compared to")
    lock_case(case)
    name = option.name
    option.delete()
    case.refresh_from_db()
    case_appraise(case)
    record_version(case, user, f"Removed the option {name}")


def _line_clean(line: OptionLine) -> None:
    line.kind = "benefit" if line.category in BENEFIT_CATEGORIES else "cost"
    case = line.option.case
    line.values = line_values(line.values, case.start_year, case.end_year)


@transaction.atomic
def option_line_save(*, line: OptionLine, user, expected_revision: int | None = None) -> OptionLine:
    case = line.option.case
    require(permissions.can_draft(user, case))
    lock_case(case)
    created = line.pk is None
    check_revision(line, expected_revision)
    _line_clean(line)
    line.full_clean()
    line.save()
    case_appraise(case)
    record_version(
        case,
        user,
        f"{'Added' if created else 'Changed'} {line.get_kind_display().lower()} line"
        f" {line.name} in {line.option.name}",
    )
    return line


@transaction.atomic
def option_line_delete(*, line: OptionLine, user) -> None:
    case = line.option.case
    require(permissions.can_draft(user, case))
    lock_case(case)
    label = f"{line.name} in {line.option.name}"
    line.delete()
    case_appraise(case)
    record_version(case, user, f"Removed the line {label}")
