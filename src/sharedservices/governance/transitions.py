"""Every move a case can make, declared once, beside the service that makes it.

A move says its name, its label, the fields it takes (a typed schema from
``move_fields.py``), who may take it (roles, and whether a user of the lead council or
of the council named in the action), from which states, the service that makes it, and
the service's own check of the records (``ready``: "this council has already decided",
"the call-in period ended on ..."). Each service registers its move with ``@move(...)``;
the services package then holds the whole table (``services.MOVES``), which the pages,
the API (its body schema and dispatch) and ``allowed_actions`` all read: a rule is never
restated elsewhere.

An explicit table rather than a state-machine library (django-fsm-2, viewflow): the moves
here are few, several are taken per partner council rather than per case, and some
states follow from the partners' records (the case reaches "decisions" when every
partner's scrutiny is in). See docs/governance.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sharedservices.governance.models import CaseState as S
from sharedservices.governance.move_fields import MoveFields

LEAD = "lead"  # a user of the lead council
OWN = "own"  # a user of the council named in the action, which must be a partner

# ``ready(records, council, today)`` raises ``NotAllowedNow`` when the case's records do
# not allow the move now (and says, where it waits on a date, which date).
Ready = Callable[..., None]


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    states: frozenset[str]
    roles: frozenset[str]
    council: str
    fields: type[MoveFields]
    done: str  # what the page says once it is made
    service: Callable
    ready: Ready | None = None
    to: str | None = None  # None: the next state follows from the records


BEFORE_APPROVAL = frozenset({S.DRAFT, S.SUBMITTED, S.SCRUTINY, S.DECISIONS, S.CALL_IN})

# Filled by ``@move`` as the services are imported, in the order of the case's life;
# read it as ``services.MOVES``, which is complete.
MOVES: dict[str, Move] = {}


def move(
    action: str,
    label: str,
    *,
    states,
    roles,
    council: str,
    fields: type[MoveFields] = MoveFields,
    done: str,
    ready: Ready | None = None,
    to: str | None = None,
):
    """Declare the move the decorated service makes."""

    def declare(service: Callable) -> Callable:
        if action in MOVES:
            raise ValueError(f"The move {action!r} is declared twice")
        MOVES[action] = Move(
            action=action,
            label=label,
            states=frozenset(states),
            roles=frozenset(roles),
            council=council,
            fields=fields,
            done=done,
            service=service,
            ready=ready,
            to=to,
        )
        return service

    return declare


def in_order() -> dict[str, Move]:
    """The declared moves in the order of the case's life: by the earliest state each
    is taken in, then as declared (so "submit" comes before "not pursued")."""
    life = list(S.values)
    return dict(sorted(MOVES.items(), key=lambda item: min(life.index(s) for s in item[1].states)))
