"""Everything the workflow rules read about one case, loaded in a fixed number of
queries however many partners it has, and the rules that follow from it.

Used by the services (after locking the case), the API, the pages and the dashboard,
so "who has decided" and "is it in effect" are answered one way everywhere.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from sharedservices.cases.models import BusinessCase
from sharedservices.governance.models import (
    CallInOutcome,
    CaseGovernance,
    Decision,
    DecisionBasis,
    DecisionKind,
    PartnerExit,
    ScrutinyRecord,
    Withdrawal,
)

FINAL = (DecisionKind.APPROVE, DecisionKind.REJECT)
REDECIDE = (CallInOutcome.REFER_BACK, CallInOutcome.REFER_TO_COUNCIL)


def decision_in_effect(decision: Decision | None, today: datetime.date | None = None) -> bool:
    """A decision takes effect when its call-in period has passed with no call-in, or
    its call-in ended with no action (Lancaster, seed 001: decisions can be called in)."""
    if decision is None or decision.decision not in FINAL or superseded(decision):
        return False
    today = today or timezone.localdate()
    call_in = getattr(decision, "_call_in", None)
    if call_in is not None:
        return call_in.outcome == CallInOutcome.NO_ACTION
    return today > decision.call_in_ends_on


def superseded(decision: Decision | None) -> bool:
    """Taken on a different basis: partners left and this council's figures changed
    beyond the case's tolerance, so it decides again."""
    return decision is not None and decision.basis == DecisionBasis.SUPERSEDED


def referred(decision: Decision | None) -> bool:
    call_in = getattr(decision, "_call_in", None)
    return call_in is not None and call_in.outcome in REDECIDE


@dataclass
class CaseRecords:
    case: BusinessCase
    governance: CaseGovernance
    councils: list  # the case's councils now: the lead first, then the partners
    exits: dict = field(default_factory=dict)
    scrutiny: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=lambda: defaultdict(list))
    withdrawals: dict = field(default_factory=dict)

    @property
    def state(self) -> str:
        return self.governance.state

    @property
    def active(self) -> list:
        return [c for c in self.councils if c.pk not in self.exits]

    @property
    def everyone(self) -> list:
        """Every council of the case, those that left included (after the others)."""
        now = {c.pk for c in self.councils}
        return self.councils + [e.council for e in self.exits.values() if e.council_id not in now]

    def is_party(self, code: str) -> bool:
        return any(c.pk == code for c in self.active)

    def latest(self, code: str) -> Decision | None:
        made = self.decisions.get(code) or []
        return made[-1] if made else None

    def needs_decision(self, code: str) -> bool:
        latest = self.latest(code)
        return (
            latest is None
            or latest.decision == DecisionKind.DEFER
            or referred(latest)
            or superseded(latest)
            or latest.decision not in FINAL
        )

    def status(self, code: str) -> str:
        """``left``, ``pending`` (deferred) or ``active``: the API's partner status."""
        if code in self.exits:
            return "left"
        latest = self.latest(code)
        if latest is not None and latest.decision == DecisionKind.DEFER:
            return "pending"
        return "active"

    def open_call_in(self, code: str):
        latest = self.latest(code)
        call_in = getattr(latest, "_call_in", None)
        return call_in if call_in is not None and not call_in.outcome else None


def load_records(case: BusinessCase) -> CaseRecords:
    """Read the case's governance records: seven queries, whatever the partner count."""
    return load_records_many([case])[case.pk]


def load_records_many(cases) -> dict[int, CaseRecords]:
    """``load_records`` for many cases at once (the dashboard's list of what waits for
    the user): the same seven queries for all of them, not seven per case."""
    cases = list(cases)
    ids = [case.pk for case in cases]
    governance = {g.case_id: g for g in CaseGovernance.objects.filter(case_id__in=ids)}
    exits = defaultdict(dict)
    for e in PartnerExit.objects.filter(case_id__in=ids).select_related("council"):
        exits[e.case_id][e.council_id] = e
    scrutiny = defaultdict(dict)
    for s in ScrutinyRecord.objects.filter(case_id__in=ids).select_related("recorded_by"):
        scrutiny[s.case_id][s.council_id] = s
    decisions = defaultdict(lambda: defaultdict(list))
    for d in Decision.objects.filter(case_id__in=ids).select_related("call_in").order_by("pk"):
        try:
            d._call_in = d.call_in
        except Decision.call_in.RelatedObjectDoesNotExist:
            d._call_in = None
        decisions[d.case_id][d.council_id].append(d)
    withdrawals = defaultdict(dict)
    for w in Withdrawal.objects.filter(case_id__in=ids):
        withdrawals[w.case_id][w.council_id] = w
    loaded = {}
    for case in cases:
        councils = [case.lead_council] + sorted(
            (c for c in case.partner_councils.all() if c.pk != case.lead_council_id),
            key=lambda c: c.name,
        )
        records = CaseRecords(
            case=case,
            governance=governance.get(case.pk) or CaseGovernance(case=case),
            councils=councils,
        )
        records.exits = exits[case.pk]
        records.scrutiny = scrutiny[case.pk]
        records.decisions = decisions[case.pk]
        records.withdrawals = withdrawals[case.pk]
        loaded[case.pk] = records
    return loaded
