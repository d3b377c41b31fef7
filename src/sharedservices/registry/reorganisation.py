"""What vesting day does to each arrangement (the rule is ``analysis/reorganisation.py``).

An arrangement is affected by a reorganisation when one of its council partners (as the
council is today: a recoded one counts as its current code) is a council the reorganisation
abolishes. Ended and not-pursued arrangements are left out: nothing is left to change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sharedservices.analysis.reorganisation import EFFECTS, vesting_effect
from sharedservices.councils.dates import CouncilsOn, successor_map
from sharedservices.councils.models import Reorganisation
from sharedservices.registry.models import Arrangement, ArrangementStatus

CLOSED = (ArrangementStatus.ENDED, ArrangementStatus.NOT_PURSUED)

EFFECT_LABELS = {
    "within-one-council": "Within one council: the shared service becomes one council's own",
    "between-successors": "Continues between the successor councils",
    "partly": "Partly: some partners merge into one council, the service continues",
}


@dataclass(frozen=True)
class ArrangementEffect:
    reorganisation: Reorganisation
    on: dt.date
    effect: str
    successors: tuple[str, ...]
    councils_after: tuple[str, ...]

    @property
    def label(self) -> str:
        return EFFECT_LABELS[self.effect]


def partner_codes_today(arrangement: Arrangement, today: CouncilsOn) -> list[str]:
    return [
        holder
        for p in arrangement.partners.all()
        if p.council_id
        for holder in today.holders(p.council_id)
    ]


def arrangement_effects(
    arrangement: Arrangement,
    reorganisations: list[Reorganisation],
    today: CouncilsOn | None = None,
) -> list[ArrangementEffect]:
    """One entry per reorganisation that abolishes a partner, by vesting day."""
    if arrangement.status in CLOSED:
        return []
    today = today or CouncilsOn.build()
    partners = partner_codes_today(arrangement, today)
    effects = []
    for r in reorganisations:
        result = vesting_effect(partners, successor_map(r))
        if result is not None:
            effects.append(
                ArrangementEffect(
                    r, r.vesting_on, result.effect, result.successors, result.councils_after
                )
            )
    return effects


@dataclass
class NationalPicture:
    rows: list[tuple[Arrangement, ArrangementEffect]]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(EFFECTS, 0)
        for _, e in self.rows:
            out[e.effect] += 1
        return out

    def savings_at_stake(self) -> int:
        """Annual savings of the affected live arrangements (each counted once)."""
        seen = {}
        for a, _ in self.rows:
            if a.status == ArrangementStatus.LIVE and a.annual_savings_gbp:
                seen[a.pk] = a.annual_savings_gbp
        return sum(seen.values())

    def councils(self) -> set[str]:
        return {c for _, e in self.rows for c in e.councils_after}


def national_picture(arrangements, reorganisations: list[Reorganisation]) -> NationalPicture:
    """Every affected arrangement of ``arrangements`` (already narrowed to what the viewer
    may see) with its effect, by vesting day then name."""
    today = CouncilsOn.build()
    rows = []
    for a in arrangements.exclude(status__in=CLOSED).prefetch_related("partners"):
        for effect in arrangement_effects(a, reorganisations, today):
            rows.append((a, effect))
    rows.sort(key=lambda row: (row[1].on, row[0].name))
    return NationalPicture(rows)


def named_effects(effects: list[ArrangementEffect]) -> list[tuple[ArrangementEffect, list[str]]]:
    """Each effect with its successor councils' names (a scenario's new councils too)."""
    from sharedservices.councils.models import Council

    codes = {c for e in effects for c in e.successors}
    names = dict(Council.objects.filter(code__in=codes).values_list("code", "name"))
    for e in effects:
        names.update({c.code: c.name for c in e.reorganisation.created.all()})
    return [(e, [names.get(c, c) for c in e.successors]) for e in effects]
