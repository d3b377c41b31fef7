"""The councils as they are (or will be) on a chosen date, ``?on=2027-04-01``.

The register holds every decided reorganisation already (councils' ``valid_from``/``valid_to``
and successors), so a date is enough for those. A reorganisation that is only proposed changes
nothing unless it is asked for by its id as a scenario (``?scenario=east-sussex-...``): then its
abolished councils end the day before its vesting day and its new councils (which are not in
the register) appear from it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from sharedservices.councils.models import (
    Council,
    Nation,
    Reorganisation,
    ReorganisationStatus,
)

LATEST_DATE = dt.date(2100, 12, 31)


class DateError(ValueError):
    """A ``?on=`` or ``?scenario=`` the product cannot answer for (a 400, never a 500)."""


def parse_on(value: str | None) -> dt.date:
    """``?on=YYYY-MM-DD``; today when empty."""
    if not value:
        return timezone.localdate()
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DateError(f"{value!r} is not a date: use YYYY-MM-DD, e.g. 2027-04-01") from None
    if not dt.date(1974, 4, 1) <= day <= LATEST_DATE:
        raise DateError("Choose a date from 1 April 1974 to 2100")
    return day


def parse_scenario(values: Iterable[str]) -> tuple[Reorganisation, ...]:
    """The proposed reorganisations asked for by id (a decided one needs no asking)."""
    slugs = [v.strip() for value in values for v in value.split(",") if v.strip()]
    if not slugs:
        return ()
    found = {r.slug: r for r in Reorganisation.objects.filter(slug__in=slugs)}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        raise DateError(f"No reorganisation with the id {unknown[0]!r}")
    return tuple(found[s] for s in slugs if found[s].is_proposed)


def reorganisations_in_view(scenario: Iterable[Reorganisation] = ()) -> list[Reorganisation]:
    """Every reorganisation the register applies (decided or further on), then the asked-for
    proposed ones, by vesting day."""
    chosen = {r.slug for r in scenario}
    rows = Reorganisation.objects.prefetch_related("abolished", "created__predecessors")
    return [r for r in rows if not r.is_proposed or r.slug in chosen]


def successor_map(reorganisation: Reorganisation) -> dict[str, list[str]]:
    """Each council the reorganisation abolishes, and the new councils that take its area
    (its own one, or all of them for a county none of them lists as a predecessor)."""
    created = list(reorganisation.created.all())
    out = {}
    for council in reorganisation.abolished.all():
        mine = [c.code for c in created if council in c.predecessors.all()]
        out[council.code] = mine or [c.code for c in created]
    return out


@dataclass
class CouncilsOn:
    """Who holds each council's area on ``on``: follows successors whose vesting day has come
    (the register's and the scenario's)."""

    on: dt.date
    scenario: tuple[Reorganisation, ...] = ()
    _next: dict[str, list[str]] = field(default_factory=dict)
    _last_day: dict[str, dt.date] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, on: dt.date | None = None, scenario: Iterable[Reorganisation] = ()):
        self = cls(on=on or timezone.localdate(), scenario=tuple(scenario))
        nxt: dict[str, list[str]] = defaultdict(list)
        for a, b in Council.successors.through.objects.values_list(
            "from_council_id", "to_council_id"
        ):
            nxt[a].append(b)
        self._next = dict(nxt)
        for code, name, valid_to in Council.objects.values_list("code", "name", "valid_to"):
            self.names[code] = name
            if valid_to:
                self._last_day[code] = valid_to
        for r in self.scenario:
            for created in r.created.all():
                self.names[created.code] = created.name
            for code, successors in successor_map(r).items():
                self._next[code] = successors
                self._last_day[code] = r.vesting_on - dt.timedelta(days=1)
        return self

    def holders(self, code: str) -> list[str]:
        """The councils holding ``code``'s area on the date (itself while it exists)."""
        seen: set[str] = set()
        out: list[str] = []

        def walk(c: str) -> None:
            if c in seen:
                return
            seen.add(c)
            last = self._last_day.get(c)
            if last is None or last >= self.on or not self._next.get(c):
                out.append(c)
                return
            for n in self._next[c]:
                walk(n)

        walk(code)
        return out

    def abolished_codes(self) -> set[str]:
        """Councils with no existence on the date (the scenario's included)."""
        return {c for c, last in self._last_day.items() if last < self.on}


def councils_on(on: dt.date, scenario: Iterable[Reorganisation] = ()) -> list[Council]:
    """The councils that exist on ``on``: the register's, less a scenario's abolished ones,
    plus its new councils (unsaved, with their provisional codes)."""
    scenario = tuple(scenario)
    councils = list(Council.objects.current(on).select_related("upper_tier"))
    if not scenario:
        return councils
    gone = {c for r in scenario if r.vesting_on <= on for c in successor_map(r)}
    councils = [c for c in councils if c.code not in gone]
    for r in scenario:
        if r.vesting_on > on:
            continue
        for created in r.created.all():
            councils.append(
                Council(
                    code=created.code,
                    name=created.name,
                    kind=created.kind,
                    nation=Nation.ENGLAND,
                    valid_from=r.vesting_on,
                    source=r.source[:300],
                )
            )
    return sorted(councils, key=lambda c: (c.name, c.code))


def status_label(reorganisation: Reorganisation) -> str:
    return ReorganisationStatus(reorganisation.status).label
