"""The case itself: create, details, the five cases' text, sharing, staffing, comments."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sharedservices.cases import permissions
from sharedservices.cases.models import (
    BusinessCase,
    CaseComment,
    CaseSection,
    CaseStage,
    Option,
    SectionPart,
)
from sharedservices.cases.services.appraisal import case_appraise
from sharedservices.cases.services.common import check_revision, lock_case, record_version, require
from sharedservices.councils.models import Council


@transaction.atomic
def case_create(
    *,
    user,
    title: str,
    stage: str = CaseStage.SOC,
    summary: str = "",
    partner_councils: Iterable[Council] = (),
    lead_council: Council | None = None,
    start_year: int | None = None,
    is_demo: bool = False,
    **details,
) -> BusinessCase:
    """A new case led by the user's council, with the five cases and a do-nothing option."""
    require(is_demo or permissions.can_create_case(user))
    lead = lead_council or user.council
    if lead is None:
        raise ValidationError({"lead_council": "A business case needs a lead council"})
    year = start_year or timezone.localdate().year
    m2m = {k: details.pop(k) for k in ("service_areas", "partner_organisations") if k in details}
    case = BusinessCase.objects.create(
        title=title,
        stage=stage,
        summary=summary,
        lead_council=lead,
        start_year=year,
        price_base_year=details.pop("price_base_year", year),
        is_demo=is_demo,
        **details,
    )
    case.partner_councils.set([c for c in partner_councils if c.pk != lead.pk])
    for field, values in m2m.items():
        getattr(case, field).set(values)
    for part in SectionPart:
        CaseSection.objects.create(case=case, part=part)
    Option.objects.create(case=case, name="Do nothing", is_do_nothing=True, order=0)
    case_appraise(case)
    record_version(case, user, "Started the business case")
    return case


@transaction.atomic
def case_update(
    *, case: BusinessCase, user, expected_revision: int | None, m2m: dict | None = None
) -> BusinessCase:
    """Save the case's details as changed in memory by a form (title, stage, partners...)."""
    require(permissions.can_draft(user, case))
    lock_case(case)
    check_revision(case, expected_revision)
    if case.preferred_option_id and not case.options.filter(pk=case.preferred_option_id).exists():
        case.preferred_option = None
    case.save()
    for field, values in (m2m or {}).items():
        if field == "partner_councils":
            values = [c for c in values if c.pk != case.lead_council_id]
        getattr(case, field).set(values)
    case_appraise(case)
    record_version(case, user, "Changed the case details")
    return case


@transaction.atomic
def case_section_update(
    *, section: CaseSection, user, body: str, expected_revision: int | None
) -> CaseSection:
    case = section.case
    require(permissions.can_draft(user, case))
    lock_case(case)
    check_revision(section, expected_revision)
    section.body = body
    section.updated_by = user
    section.save()
    record_version(case, user, f"Edited the {section.get_part_display().lower()}")
    return section


@transaction.atomic
def case_share(*, case: BusinessCase, user, shared: bool = True) -> BusinessCase:
    """Share the case with its partner councils (or stop sharing it)."""
    require(permissions.can_draft(user, case))
    locked = lock_case(case)
    if shared and not case.partner_councils.exists():
        raise ValidationError("Add the partner councils before sharing the case with them")
    case.shared_with_partners = shared
    case.shared_at = timezone.now() if shared else None
    case.revision = locked.revision + 1
    case.save(update_fields=["shared_with_partners", "shared_at", "revision"])
    names = ", ".join(c.name for c in case.councils[1:])
    record_version(
        case, user, f"Shared the case with {names}" if shared else "Stopped sharing the case"
    )
    return case


@transaction.atomic
def case_preferred_option_update(
    *, case: BusinessCase, user, option: Option | None, reasons: str, expected_revision: int | None
) -> BusinessCase:
    require(permissions.can_draft(user, case))
    lock_case(case)
    check_revision(case, expected_revision)
    if option is not None and option.case_id != case.pk:
        raise ValidationError({"option": "Choose one of this case's options"})
    case.preferred_option = option
    case.preferred_reasons = reasons
    case.save(update_fields=["preferred_option", "preferred_reasons", "revision", "updated_at"])
    record_version(case, user, f"Chose the preferred option: {option or 'none'}")
    return case


@transaction.atomic
def case_staffing_update(
    *,
    case: BusinessCase,
    user,
    posts_affected: int | None,
    staffing_implications: str,
    job_protection: str,
    expected_revision: int | None,
) -> BusinessCase:
    require(permissions.can_draft(user, case))
    lock_case(case)
    check_revision(case, expected_revision)
    case.posts_affected = posts_affected
    case.staffing_implications = staffing_implications
    case.job_protection = job_protection
    case.save()
    record_version(case, user, "Changed the staffing implications")
    return case


@transaction.atomic
def case_comment_add(*, case: BusinessCase, user, text: str, part: str = "") -> CaseComment:
    require(permissions.can_comment(user, case))
    if not text.strip():
        raise ValidationError({"text": "Enter your comment"})
    return CaseComment.objects.create(
        case=case,
        council=user.council or case.lead_council,
        author=user,
        part=part,
        text=text.strip(),
    )
