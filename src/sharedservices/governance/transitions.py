"""Every move a case can make, who may make it, and from which states: one table.

An explicit table rather than a state-machine library (django-fsm-2, viewflow): the moves
here are few, several are taken per partner council rather than per case, and some
states follow from the partners' records (the case reaches "decisions" when every
partner's scrutiny is in). A table that the services, the pages, the API's
``allowed_actions`` and the tests all read says the rules once, in plain data, with no
model mixins, signals or decorators to learn. See docs/governance.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from sharedservices.accounts.roles import Role
from sharedservices.governance.models import CaseState as S

LEAD = "lead"  # a user of the lead council
OWN = "own"  # a user of the council named in the action, which must be a partner


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    states: frozenset[str]
    roles: frozenset[str]
    council: str
    to: str | None = None  # None: the next state follows from the records


BEFORE_APPROVAL = frozenset({S.DRAFT, S.SUBMITTED, S.SCRUTINY, S.DECISIONS, S.CALL_IN})

MOVES: dict[str, Move] = {
    m.action: m
    for m in [
        # Carlisle's policy (seed 003, 4.1.4): corporate directors develop business cases;
        # the lead officer sees that policy is complied with.
        Move(
            "submit",
            "Submit for scrutiny",
            frozenset({S.DRAFT}),
            frozenset({Role.DIRECTOR, Role.LEAD_OFFICER}),
            LEAD,
            S.SUBMITTED,
        ),
        # Overview & Scrutiny scrutinises every business case (seed 003, 4.1.5).
        Move(
            "record_scrutiny",
            "Record scrutiny findings",
            frozenset({S.SUBMITTED, S.SCRUTINY}),
            frozenset({Role.SCRUTINY_MEMBER}),
            OWN,
        ),
        # Each partner authority decides for itself (seed 000).
        Move(
            "record_decision",
            "Record the council's decision",
            frozenset({S.DECISIONS, S.CALL_IN}),
            frozenset({Role.EXECUTIVE_MEMBER}),
            OWN,
        ),
        # Decisions can be called in (seed 001).
        Move(
            "request_call_in",
            "Request a call-in",
            frozenset({S.DECISIONS, S.CALL_IN}),
            frozenset({Role.SCRUTINY_MEMBER}),
            OWN,
        ),
        Move(
            "resolve_call_in",
            "Resolve a call-in",
            frozenset({S.DECISIONS, S.CALL_IN}),
            frozenset({Role.SCRUTINY_MEMBER}),
            OWN,
        ),
        Move(
            "confirm",
            "Confirm the decisions",
            frozenset({S.CALL_IN}),
            frozenset({Role.DIRECTOR}),
            LEAD,
        ),
        Move(
            "start_implementation",
            "Start implementation",
            frozenset({S.APPROVED}),
            frozenset({Role.LEAD_OFFICER, Role.DIRECTOR}),
            LEAD,
            S.IMPLEMENTATION,
        ),
        Move(
            "go_live",
            "Go live",
            frozenset({S.IMPLEMENTATION}),
            frozenset({Role.LEAD_OFFICER, Role.DIRECTOR}),
            LEAD,
            S.LIVE,
        ),
        # Partners keep the right to withdraw (seed 000).
        Move(
            "withdraw",
            "Give notice of withdrawal",
            frozenset({S.LIVE}),
            frozenset({Role.EXECUTIVE_MEMBER, Role.DIRECTOR, Role.LEAD_OFFICER}),
            OWN,
        ),
        Move(
            "not_pursued",
            "Do not pursue",
            BEFORE_APPROVAL | {S.APPROVED, S.IMPLEMENTATION},
            frozenset({Role.DIRECTOR, Role.LEAD_OFFICER}),
            LEAD,
            S.NOT_PURSUED,
        ),
    ]
}
