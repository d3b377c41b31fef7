"""Writes to business cases and policies. One transaction each; every write to a case

* checks the writer may make it (``cases/permissions.py``);
* checks the record's ``revision`` against the one the writer started from, and raises
  ``EditConflict`` instead of overwriting someone else's save;
* re-runs the appraisal when options, lines or the appraisal period changed;
* appends a ``CaseVersion`` snapshot, so every save can be compared with earlier ones.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from sharedservices.analysis import appraisal
from sharedservices.analysis.errors import InputError
from sharedservices.cases import permissions
from sharedservices.cases.agreement import agreement_compute
from sharedservices.cases.appraisal_input import appraisal_input, line_values
from sharedservices.cases.guidance import SUGGESTED_RISKS_BY_KEY
from sharedservices.cases.models import (
    BusinessCase,
    CaseComment,
    CaseSection,
    CaseStage,
    CaseVersion,
    Criterion,
    CriterionEvidence,
    Option,
    OptionLine,
    Policy,
    PolicyVersion,
    Risk,
    SectionPart,
)
from sharedservices.cases.models.agreement import SharingAgreement
from sharedservices.cases.models.options import BENEFIT_CATEGORIES
from sharedservices.cases.policy_templates import TEMPLATES
from sharedservices.cases.versions import case_snapshot
from sharedservices.councils.models import Council


class EditConflict(Exception):
    """Someone saved the record after the writer opened it. ``current`` is their version."""

    def __init__(self, current: models.Model):
        self.current = current
        super().__init__(f"{current} was changed by someone else")


# --- helpers every write uses -------------------------------------------------------


def _lock_case(case: BusinessCase) -> BusinessCase:
    """Lock the case row: versions are numbered one writer at a time."""
    return BusinessCase.objects.select_for_update().get(pk=case.pk)


def _check_revision(record: models.Model, expected: int | None) -> None:
    """Optimistic concurrency: refuse a save made from an out-of-date copy."""
    if record.pk is None:
        return
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if expected is not None and current.revision != expected:
        raise EditConflict(current)
    record.revision = current.revision + 1


def _record_version(case: BusinessCase, user, change: str) -> CaseVersion:
    number = (case.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    BusinessCase.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    case.refresh_from_db()
    return CaseVersion.objects.create(
        case=case,
        number=number,
        change=change[:300],
        saved_by=user if getattr(user, "is_authenticated", False) else None,
        snapshot=case_snapshot(case),
    )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _readable_path(path: str, data: dict) -> str:
    """``$.options[1].lines[0].values.2040`` → ``Shared service › ICT › values.2040``."""
    match = re.match(r"^\$\.options\[(\d+)\](?:\.lines\[(\d+)\])?\.?(.*)$", path)
    if not match:
        return path.removeprefix("$.")
    option = data["options"][int(match[1])]
    parts = [option["name"]]
    if match[2] is not None:
        parts.append(option["lines"][int(match[2])]["name"])
    if match[3]:
        parts.append(match[3])
    return " › ".join(parts)


def case_appraise(case: BusinessCase) -> BusinessCase:
    """Run the appraisal engine on the case as it is now and store the result on it."""
    data = appraisal_input(case)
    case.appraised_at = timezone.now()
    if len(data["options"]) < 2:
        case.appraisal = None
        case.appraisal_errors = [
            {
                "path": "options",
                "message": "Add at least one option besides doing nothing to see the appraisal",
            }
        ]
    else:
        try:
            case.appraisal = appraisal.run(data)
            case.appraisal_errors = []
        except InputError as error:
            case.appraisal = None
            case.appraisal_errors = [
                {"path": _readable_path(p.path, data), "message": p.message} for p in error.problems
            ]
    case.save(update_fields=["appraisal", "appraisal_errors", "appraised_at"])
    _agreement_refresh(case)
    return case


def _agreement_refresh(case: BusinessCase) -> None:
    """Keep the sharing agreement in step with the appraisal it splits."""
    agreement = SharingAgreement.objects.filter(case=case).select_related("option").first()
    if agreement is None:
        return
    if agreement.option is None:
        agreement.result, agreement.errors = (
            None,
            [{"path": "option", "message": "The option this agreement split was deleted"}],
        )
    else:
        agreement.result, agreement.errors = agreement_compute(
            case, agreement.option, agreement.bases, agreement.custom_pct
        )
    agreement.save(update_fields=["result", "errors"])


@transaction.atomic
def sharing_agreement_save(
    *,
    case: BusinessCase,
    user,
    option: Option,
    bases: dict[str, str],
    custom_pct: dict[str, float],
    expected_revision: int | None,
) -> SharingAgreement:
    """Record how each line of ``option`` is split, compute the split and whether
    every partner is better off than going alone."""
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    if option.case_id != case.pk or option.is_do_nothing:
        raise ValidationError(
            {"option": "Choose one of this case's options other than doing nothing"}
        )
    agreement = SharingAgreement.objects.filter(case=case).first() or SharingAgreement(case=case)
    _check_revision(agreement, expected_revision)
    agreement.option = option
    agreement.bases = bases
    agreement.custom_pct = custom_pct
    agreement.updated_by = user
    agreement.result, agreement.errors = agreement_compute(case, option, bases, custom_pct)
    agreement.save()
    _record_version(case, user, f"Updated the sharing agreement for {option.name}")
    return agreement


# --- the case ---------------------------------------------------------------------


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
    _require(is_demo or permissions.can_create_case(user))
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
    _record_version(case, user, "Started the business case")
    return case


@transaction.atomic
def case_update(
    *, case: BusinessCase, user, expected_revision: int | None, m2m: dict | None = None
) -> BusinessCase:
    """Save the case's details as changed in memory by a form (title, stage, partners...)."""
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    _check_revision(case, expected_revision)
    if case.preferred_option_id and not case.options.filter(pk=case.preferred_option_id).exists():
        case.preferred_option = None
    case.save()
    for field, values in (m2m or {}).items():
        if field == "partner_councils":
            values = [c for c in values if c.pk != case.lead_council_id]
        getattr(case, field).set(values)
    case_appraise(case)
    _record_version(case, user, "Changed the case details")
    return case


@transaction.atomic
def case_section_update(
    *, section: CaseSection, user, body: str, expected_revision: int | None
) -> CaseSection:
    case = section.case
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    _check_revision(section, expected_revision)
    section.body = body
    section.updated_by = user
    section.save()
    _record_version(case, user, f"Edited the {section.get_part_display().lower()}")
    return section


@transaction.atomic
def case_share(*, case: BusinessCase, user, shared: bool = True) -> BusinessCase:
    """Share the case with its partner councils (or stop sharing it)."""
    _require(permissions.can_draft(user, case))
    locked = _lock_case(case)
    if shared and not case.partner_councils.exists():
        raise ValidationError("Add the partner councils before sharing the case with them")
    case.shared_with_partners = shared
    case.shared_at = timezone.now() if shared else None
    case.revision = locked.revision + 1
    case.save(update_fields=["shared_with_partners", "shared_at", "revision"])
    names = ", ".join(c.name for c in case.councils[1:])
    _record_version(
        case, user, f"Shared the case with {names}" if shared else "Stopped sharing the case"
    )
    return case


@transaction.atomic
def case_preferred_option_update(
    *, case: BusinessCase, user, option: Option | None, reasons: str, expected_revision: int | None
) -> BusinessCase:
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    _check_revision(case, expected_revision)
    if option is not None and option.case_id != case.pk:
        raise ValidationError({"option": "Choose one of this case's options"})
    case.preferred_option = option
    case.preferred_reasons = reasons
    case.save(update_fields=["preferred_option", "preferred_reasons", "revision", "updated_at"])
    _record_version(case, user, f"Chose the preferred option: {option or 'none'}")
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
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    _check_revision(case, expected_revision)
    case.posts_affected = posts_affected
    case.staffing_implications = staffing_implications
    case.job_protection = job_protection
    case.save()
    _record_version(case, user, "Changed the staffing implications")
    return case


@transaction.atomic
def case_comment_add(*, case: BusinessCase, user, text: str, part: str = "") -> CaseComment:
    _require(permissions.can_comment(user, case))
    if not text.strip():
        raise ValidationError({"text": "Enter your comment"})
    return CaseComment.objects.create(
        case=case,
        council=user.council or case.lead_council,
        author=user,
        part=part,
        text=text.strip(),
    )


# --- options and lines: every save re-runs the appraisal ------------------------------


@transaction.atomic
def option_save(*, option: Option, user, expected_revision: int | None = None) -> Option:
    case = option.case
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    created = option.pk is None
    _check_revision(option, expected_revision)
    if created:
        option.order = (case.options.aggregate(n=Max("order"))["n"] or 0) + 1
    option.save()
    case_appraise(case)
    _record_version(case, user, f"{'Added' if created else 'Changed'} the option {option.name}")
    return option


@transaction.atomic
def option_delete(*, option: Option, user) -> None:
    case = option.case
    _require(permissions.can_draft(user, case))
    if option.is_do_nothing:
        raise ValidationError("The do-nothing option is the baseline every option is compared to")
    _lock_case(case)
    name = option.name
    option.delete()
    case.refresh_from_db()
    case_appraise(case)
    _record_version(case, user, f"Removed the option {name}")


def _line_clean(line: OptionLine) -> None:
    line.kind = "benefit" if line.category in BENEFIT_CATEGORIES else "cost"
    case = line.option.case
    line.values = line_values(line.values, case.start_year, case.end_year)


@transaction.atomic
def option_line_save(*, line: OptionLine, user, expected_revision: int | None = None) -> OptionLine:
    case = line.option.case
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    created = line.pk is None
    _check_revision(line, expected_revision)
    _line_clean(line)
    line.save()
    case_appraise(case)
    _record_version(
        case,
        user,
        f"{'Added' if created else 'Changed'} {line.get_kind_display().lower()} line"
        f" {line.name} in {line.option.name}",
    )
    return line


@transaction.atomic
def option_line_delete(*, line: OptionLine, user) -> None:
    case = line.option.case
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    label = f"{line.name} in {line.option.name}"
    line.delete()
    case_appraise(case)
    _record_version(case, user, f"Removed the line {label}")


# --- what partners contribute ---------------------------------------------------------


@transaction.atomic
def criterion_evidence_save(
    *, evidence: CriterionEvidence, user, expected_revision: int | None = None
) -> CriterionEvidence:
    case = evidence.case
    _require(permissions.can_contribute_for(user, case, evidence.council))
    if evidence.criterion.version.policy.council_id != evidence.council_id:
        raise ValidationError("Evidence is given against the council's own policy")
    _lock_case(case)
    _check_revision(evidence, expected_revision)
    evidence.updated_by = user
    evidence.save()
    _record_version(
        case, user, f"Gave evidence for {evidence.council.name}: {evidence.criterion.title}"
    )
    return evidence


@transaction.atomic
def case_record_save(
    *, case: BusinessCase, record: models.Model, user, expected_revision: int | None = None
) -> models.Model:
    """Save a baseline, risk or consultation entry of ``case``."""
    from sharedservices.cases.models import Baseline

    if isinstance(record, Baseline):
        _require(permissions.can_contribute_for(user, case, record.council))
    else:
        _require(permissions.can_draft(user, case))
    _lock_case(case)
    created = record.pk is None
    _check_revision(record, expected_revision)
    record.case = case
    record.full_clean()
    record.save()
    noun = record._meta.verbose_name
    _record_version(case, user, f"{'Added' if created else 'Changed'} a {noun}: {_title(record)}")
    return record


def _title(record) -> str:
    for attr in ("measure", "description", "who"):
        if getattr(record, attr, None):
            return str(getattr(record, attr))[:80]
    return str(record)


@transaction.atomic
def case_record_delete(*, case: BusinessCase, record: models.Model, user) -> None:
    from sharedservices.cases.models import Baseline

    if isinstance(record, Baseline):
        _require(permissions.can_contribute_for(user, case, record.council))
    else:
        _require(permissions.can_draft(user, case))
    _lock_case(case)
    label = f"{record._meta.verbose_name}: {_title(record)}"
    record.delete()
    _record_version(case, user, f"Removed a {label}")


@transaction.atomic
def risks_add_suggested(*, case: BusinessCase, user, keys: Iterable[str]) -> list[Risk]:
    """Start the register from the suggested risks (seed 002's union concerns)."""
    _require(permissions.can_draft(user, case))
    _lock_case(case)
    have = set(case.risks.values_list("suggestion", flat=True))
    added = []
    for key in keys:
        s = SUGGESTED_RISKS_BY_KEY.get(key)
        if s is None or key in have:
            continue
        added.append(
            Risk.objects.create(
                case=case,
                description=s.description,
                cause=s.cause,
                mitigation=s.mitigation,
                likelihood=s.likelihood,
                impact=s.impact,
                residual_likelihood=max(1, s.likelihood - 1),
                residual_impact=s.impact,
                suggestion=s.key,
            )
        )
    if added:
        _record_version(case, user, f"Added {len(added)} suggested risks")
    return added


# --- policies ------------------------------------------------------------------------


@transaction.atomic
def policy_adopt_template(
    *,
    council: Council,
    template: str,
    user=None,
    in_force_from: datetime.date | None = None,
    is_demo: bool = False,
) -> Policy:
    """Adopt a template as the council's policy (its first version, or a new version)."""
    if not is_demo:
        _require(permissions.can_manage_policy(user, council))
    chosen = TEMPLATES[template]
    policy, _ = Policy.objects.get_or_create(
        council=council,
        defaults={"title": chosen.name, "template": chosen.slug, "is_demo": is_demo},
    )
    policy_version_create(
        policy=policy,
        user=user,
        in_force_from=in_force_from or timezone.localdate(),
        change_note=f"Adopted from the template '{chosen.name}'",
        lead_officer=chosen.lead_officer,
        lead_member=chosen.lead_member,
        scrutiny_committee=chosen.scrutiny_committee,
        decision_body=chosen.decision_body,
        criteria=[
            {
                "key": c.key,
                "reference": c.reference,
                "title": c.title,
                "text": c.text,
                "guidance": c.guidance,
            }
            for c in chosen.criteria
        ],
        is_demo=is_demo,
    )
    return policy


@transaction.atomic
def policy_version_create(
    *,
    policy: Policy,
    user=None,
    in_force_from: datetime.date,
    criteria: list[dict],
    change_note: str = "",
    lead_officer: str = "",
    lead_member: str = "",
    scrutiny_committee: str = "",
    decision_body: str = "",
    is_demo: bool = False,
) -> PolicyVersion:
    """A new version of the policy. Earlier versions are never changed."""
    if not is_demo:
        _require(permissions.can_manage_policy(user, policy.council))
    if not criteria:
        raise ValidationError({"criteria": "A policy needs at least one criterion"})
    keys = [c["key"] for c in criteria]
    if len(set(keys)) != len(keys):
        raise ValidationError({"criteria": "Each criterion needs its own key"})
    Policy.objects.select_for_update().get(pk=policy.pk)
    number = (policy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PolicyVersion.objects.create(
        policy=policy,
        number=number,
        in_force_from=in_force_from,
        lead_officer=lead_officer,
        lead_member=lead_member,
        scrutiny_committee=scrutiny_committee,
        decision_body=decision_body,
        change_note=change_note,
        adopted_by=user if getattr(user, "is_authenticated", False) else None,
    )
    Criterion.objects.bulk_create(
        Criterion(version=version, order=i, **c) for i, c in enumerate(criteria, start=1)
    )
    return version
