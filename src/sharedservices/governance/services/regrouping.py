"""When partners leave: the case is appraised again for the councils that remain, each
remaining council's own net present value before and after is recorded, and a council
whose figures fall beyond the case's tolerance (or turn negative) must decide again,
because it decided on a different basis."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from sharedservices.analysis.regrouping import material_changes
from sharedservices.cases.models import SharingAgreement
from sharedservices.cases.services.regroup import case_regroup
from sharedservices.governance.audit import audit_record
from sharedservices.governance.errors import NotAllowedNow
from sharedservices.governance.models import DecisionBasis, PartnerChange
from sharedservices.governance.records import CaseRecords


def partner_values(case) -> dict[str, float] | None:
    """Each council's own net present value from the preferred option: its share of the
    shared lines under the sharing agreement plus its own lines (``cases/agreement.py``)."""
    agreement = SharingAgreement.objects.filter(case=case).first()
    if agreement is None or not agreement.result:
        return None
    return {p["code"]: float(p["net"]) for p in agreement.result.get("partners", [])}


def regroup_case(
    records: CaseRecords, user, *, leaving: list, kind: str, on: datetime.date
) -> PartnerChange:
    """Appraise the case afresh for the councils that remain after ``leaving`` go."""
    case = records.case
    gone = {c.pk for c in leaving}
    remaining = [c for c in records.active if c.pk not in gone]
    before = partner_values(case) or {}
    names = " and ".join(c.name for c in leaving)
    try:
        case_regroup(
            case=case,
            user=user,
            remaining=remaining,
            change=f"Appraised again for the councils that remain after {names} left",
        )
    except ValidationError as error:
        raise NotAllowedNow(
            [("lines", message) for message in error.message_dict.get("lines", [])]
        ) from None
    case.refresh_from_db()
    after = partner_values(case) or {}
    tolerance = case.material_change_pct
    staying = {c.pk for c in remaining}
    material = material_changes({k: v for k, v in before.items() if k in staying}, after, tolerance)
    # A council that had figures but has none now (the agreement can no longer be worked
    # out, e.g. agreed percentages that counted the leaver): nobody can say its basis
    # held, so it decides again.
    material.update({code: "unknown" for code in staying if code in before and code not in after})
    version = case.versions.order_by("-number").values_list("number", flat=True).first()
    figures = {
        code: {"before": before.get(code), "after": after.get(code) if code in staying else None}
        for code in [c.pk for c in records.active]
    }
    change = PartnerChange.objects.create(
        case=case,
        kind=kind,
        happened_on=on,
        left=sorted(gone),
        remaining=[c.pk for c in remaining],
        version=version,
        tolerance_pct=tolerance,
        figures=figures,
        material=material,
    )
    superseded = []
    for code in material:
        latest = records.latest(code)
        if latest is not None and latest.basis == DecisionBasis.CURRENT:
            latest.basis = DecisionBasis.SUPERSEDED
            latest.save(update_fields=["basis"])
            superseded.append(code)
    audit_record(
        user=user,
        action="case.went_on_with_the_willing",
        obj=case,
        before={"councils": [c.pk for c in records.active]},
        after={
            "councils": [c.pk for c in remaining],
            "left": sorted(gone),
            "version": version,
            "tolerance_pct": tolerance,
            "figures": figures,
            "material_change": material,
            "decisions_superseded": superseded,
        },
        case=case,
    )
    return change
