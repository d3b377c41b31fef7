"""Re-running the appraisal (and the sharing agreement that splits it) after a change."""

from __future__ import annotations

import re

from django.utils import timezone

from sharedservices.analysis import appraisal
from sharedservices.analysis.errors import InputError
from sharedservices.cases.agreement import agreement_compute
from sharedservices.cases.appraisal_input import appraisal_input
from sharedservices.cases.models import (
    BusinessCase,
)
from sharedservices.cases.models.agreement import SharingAgreement


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
    agreement_refresh(case)
    return case


def agreement_refresh(case: BusinessCase) -> None:
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
