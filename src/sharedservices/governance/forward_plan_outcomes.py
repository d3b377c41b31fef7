"""What became of each forward plan entry, read from the decisions themselves so the
public record cannot disagree with them: ``taken`` once the council's decision is
recorded (approve or reject: the decision, its date and minute reference), ``withdrawn``
when the council left the case before deciding or the case was not pursued first, and
otherwise ``planned`` (a deferral keeps it planned)."""

from __future__ import annotations

from dataclasses import dataclass

from sharedservices.governance.models import CaseGovernance, CaseState, Decision, PartnerExit
from sharedservices.governance.records import FINAL

PAST = {"approve": "approved", "reject": "rejected", "defer": "deferred"}


@dataclass(frozen=True)
class Outcome:
    status: str  # planned | taken | withdrawn
    decision: Decision | None = None
    reason: str = ""

    @property
    def words(self) -> str:
        if self.status == "taken":
            d = self.decision
            return (
                f"Taken: {PAST[d.decision]} on {d.decided_on:%-d %B %Y}"
                f" (minute {d.minute_reference})"
            )
        if self.status == "withdrawn":
            return f"Withdrawn: {self.reason}"
        return "To come"


def outcomes(entries) -> dict[int, Outcome]:
    """``entry.pk`` -> its outcome, for entries of any councils and cases, in four queries."""
    entries = [e for e in entries if e.case_id]
    cases = {e.case_id for e in entries}
    latest: dict[tuple[int, str], Decision] = {}
    for d in Decision.objects.filter(case_id__in=cases).order_by("pk"):
        latest[(d.case_id, d.council_id)] = d
    exits = {(x.case_id, x.council_id): x for x in PartnerExit.objects.filter(case_id__in=cases)}
    stopped = dict(
        CaseGovernance.objects.filter(case_id__in=cases, state=CaseState.NOT_PURSUED).values_list(
            "case_id", "reason"
        )
    )
    out = {}
    for e in entries:
        key = (e.case_id, e.council_id)
        decision = latest.get(key)
        if decision is not None and decision.decision in FINAL:
            out[e.pk] = Outcome("taken", decision)
        elif key in exits:
            out[e.pk] = Outcome("withdrawn", reason=f"{e.council.name} left the case")
        elif e.case_id in stopped:
            out[e.pk] = Outcome(
                "withdrawn", reason=f"the case is not pursued: {stopped[e.case_id]}"
            )
        else:
            out[e.pk] = Outcome("planned")
    return out
