"""What vesting day does to a shared service: pure functions, no Django.

Each council partner of an arrangement is mapped to the council(s) that hold its area after
vesting day (a district to its one successor, a county split between several to all of them, a
council the reorganisation leaves alone to itself). Then:

- ``within-one-council``: every partner ends up in one council, so the shared service becomes
  that council's own service (Woking and Guildford both go into West Surrey);
- ``partly``: some partners merge into one successor while the service still spans more than one
  council (Woking, Guildford and Hart: the first two merge, Hart stays);
- ``between-successors``: no two partners merge; the successors simply replace the partners
  (Woking and Elmbridge become West Surrey and East Surrey).

An arrangement none of whose partners the reorganisation abolishes is not affected (``None``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

WITHIN_ONE_COUNCIL = "within-one-council"
BETWEEN_SUCCESSORS = "between-successors"
PARTLY = "partly"
EFFECTS = (WITHIN_ONE_COUNCIL, BETWEEN_SUCCESSORS, PARTLY)


@dataclass(frozen=True)
class VestingEffect:
    effect: str
    councils_after: tuple[str, ...]  # every council holding a partner's area, sorted
    successors: tuple[str, ...]  # the new councils among them, sorted


def vesting_effect(
    partners: Iterable[str], successors: Mapping[str, Sequence[str]]
) -> VestingEffect | None:
    """The effect of one reorganisation on an arrangement between ``partners`` (council
    codes). ``successors`` maps each council the reorganisation abolishes to the councils that
    take over its area."""
    partners = list(dict.fromkeys(partners))
    affected = [p for p in partners if p in successors]
    if not affected:
        return None
    after_each = {p: tuple(successors.get(p) or (p,)) for p in partners}
    after = sorted({c for held in after_each.values() for c in held})
    new = sorted({c for p in affected for c in after_each[p]})
    if len(after) == 1:
        effect = WITHIN_ONE_COUNCIL
    else:
        seen: set[str] = set()
        merged = False
        for held in after_each.values():
            if seen & set(held):
                merged = True
            seen |= set(held)
        effect = PARTLY if merged else BETWEEN_SUCCESSORS
    return VestingEffect(effect, tuple(after), tuple(new))
