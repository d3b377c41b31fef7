"""What an import cell may say: a council by name or GSS code (``councils/naming.py``), a
service area, delivery model, status or savings basis by its code or by the label the pages
show. The downloads write names and labels, with the codes in their own columns
(``council_codes``...); a code column, when filled, is what the row means, and a name
column that says otherwise is an error rather than a guess."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.councils.naming import CouncilNames, UnknownCouncil
from sharedservices.registry.columns import LIST_SEPARATOR

Add = Callable[[str, str], None]


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def choice_value(choices: type[models.TextChoices], cell: str) -> str:
    """The stored value for a code or an on-screen label (any case); unknown text is
    returned lower-cased for the domain check to name."""
    text = cell.strip().casefold()
    for value, label in choices.choices:
        if text in (value.casefold(), str(label).casefold()):
            return value
    return text


class ImportValues:
    def __init__(self):
        self.councils = CouncilNames.load()
        self.service_areas: dict[str, ServiceArea] = {}
        for area in ServiceArea.objects.all():
            self.service_areas[area.slug.casefold()] = area
            self.service_areas.setdefault(area.name.casefold(), area)

    def _council(self, text: str, column: str, add: Add) -> Council | None:
        try:
            return self.councils.find(text, current_only=False)
        except UnknownCouncil as exc:
            for message in exc.messages:
                add(column, message)
            return None

    def councils_in(self, names: str, codes: str, add: Add) -> list[Council]:
        """The partner councils of a row, from ``council_codes`` if filled, else ``councils``."""
        by_code = [self._council(c, "council_codes", add) for c in split_list(codes)]
        by_name = [self._council(n, "councils", add) for n in split_list(names)]
        both = codes.strip() and names.strip() and None not in by_code + by_name
        if both and {c.pk for c in by_code} != {c.pk for c in by_name}:
            add("councils", "The councils and council_codes columns name different councils")
        chosen = by_code if codes.strip() else by_name
        return [c for c in chosen if c is not None]

    def lead_in(self, name: str, code: str, add: Add) -> Council | None:
        by_code = self._council(code, "lead_council_code", add) if code.strip() else None
        by_name = self._council(name, "lead_council", add) if name.strip() else None
        if by_code and by_name and by_code.pk != by_name.pk:
            add("lead_council", "The lead_council and lead_council_code columns disagree")
        return by_code or by_name

    def service_areas_in(self, names: str, codes: str, add: Add) -> list[ServiceArea]:
        column = "service_area_codes" if codes.strip() else "service_areas"
        areas = []
        for text in split_list(codes if codes.strip() else names):
            area = self.service_areas.get(text.casefold())
            if area is None:
                add(column, f"Unknown service area '{text}'")
            else:
                areas.append(area)
        return areas
