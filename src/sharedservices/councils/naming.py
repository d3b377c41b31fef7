"""Finding councils by what people type: a GSS code or the council's name.

The one resolver for every form, importer and API that takes councils as text. Current
councils come first; an abolished one is found (the register keeps its arrangements)
but where only a current council makes sense the message names its successors.

A name matches whole ("Lancaster", any case) or without the words councils add to it
("Lancaster City Council", "City of Bristol Council" for ONS's "Bristol, City of"). Text
that matches no council, or several, is refused with the nearest names, so a typing
slip is one correction away.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from django.db.models import Q

from sharedservices.base.text import lines
from sharedservices.councils.models import Council

# Words a council's everyday name adds to, or puts around, its ONS name.
_EXTRA_WORDS = frozenset(
    (
        "the",
        "council",
        "city",
        "of",
        "borough",
        "district",
        "county",
        "metropolitan",
        "royal",
        "london",
    )
)
_NEAREST = 3


class UnknownCouncil(ValueError):
    """Text that names no council the caller accepts; ``messages`` say why, in words."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def name_key(text: str) -> str:
    """A council's name without case, punctuation or the words councils add to it."""
    words = re.sub(r"[^a-z0-9]+", " ", text.casefold().replace("&", " and ")).split()
    kept = [w for w in words if w not in _EXTRA_WORDS]
    return " ".join(kept or words)


def _current_first(councils: Iterable[Council]) -> list[Council]:
    return sorted(councils, key=lambda c: (not c.is_current, c.code))


def _listed(names: list[str]) -> str:
    quoted = [f"“{n}”" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


class CouncilNames:
    """Every council, looked up by code, name or name key in memory: the importer
    resolves thousands of rows with one query."""

    def __init__(self, councils: Iterable[Council]):
        self.by_code: dict[str, Council] = {}
        self.by_name: dict[str, list[Council]] = {}
        self.by_key: dict[str, list[Council]] = {}
        for council in councils:
            self.by_code[council.code.upper()] = council
            self.by_name.setdefault(council.name.casefold(), []).append(council)
            self.by_key.setdefault(name_key(council.name), []).append(council)

    @classmethod
    def load(cls) -> CouncilNames:
        return cls(Council.objects.only("code", "name", "valid_from", "valid_to"))

    def find(self, text: str, *, current_only: bool = True) -> Council:
        text = text.strip()
        if council := self.by_code.get(text.upper()):
            return _accepted(council, current_only)
        matches = self.by_name.get(text.casefold()) or self.by_key.get(name_key(text)) or []
        matches = _current_first(matches)
        if len(matches) > 1 and matches[1].is_current:
            raise UnknownCouncil(
                [
                    f"“{text}” could be {_listed([_labelled(c) for c in matches])}:"
                    " enter its GSS code or its full name"
                ]
            )
        if matches:
            return _accepted(matches[0], current_only)
        nearest = self.nearest(text, current_only=current_only)
        if nearest:
            raise UnknownCouncil(
                [
                    f"There is no council “{text}”. Did you mean {_listed(nearest)}?"
                    " Enter its name or GSS code"
                ]
            )
        raise UnknownCouncil(
            [f"There is no council “{text}”: enter its name or GSS code, like E07000123"]
        )

    def nearest(self, text: str, *, current_only: bool) -> list[str]:
        """Up to three council names closest to ``text``: the names that contain it,
        then the closest spellings."""
        key = name_key(text)
        names = sorted(
            {
                c.name
                for group in self.by_key.values()
                for c in group
                if c.is_current or not current_only
            }
        )
        keyed = {name_key(n): n for n in names}
        containing = [n for k, n in keyed.items() if len(key) >= 3 and key in k]
        close = [keyed[k] for k in difflib.get_close_matches(key, keyed, n=_NEAREST, cutoff=0.7)]
        return list(dict.fromkeys(containing[:_NEAREST] + close))[:_NEAREST]


def _labelled(council: Council) -> str:
    return f"{council.name} ({council.code})"


def _accepted(council: Council, current_only: bool) -> Council:
    if current_only and not council.is_current:
        successors = " or ".join(s.name for s in council.successors.all())
        choose = f"choose its successor, {successors}" if successors else "choose its successor"
        raise UnknownCouncil([f"{council.name} no longer exists: {choose}"])
    return council


def council_by_name_or_code(text: str, *, current_only: bool = True) -> Council:
    """The council whose GSS code or name is ``text`` (any case)."""
    stripped = text.strip()
    exact = _current_first(
        Council.objects.filter(Q(code__iexact=stripped) | Q(name__iexact=stripped))
    )
    if len(exact) == 1 or (len(exact) > 1 and not exact[1].is_current):
        return _accepted(exact[0], current_only)
    return CouncilNames.load().find(stripped, current_only=current_only)


def councils_by_names_or_codes(text: str, *, current_only: bool = True) -> list[Council]:
    """Councils one per line (or semicolon). A line that names no council but has commas
    is read as a comma-separated list ("Lancaster, Preston"), while a name with a comma
    in it ("Bristol, City of") still matches whole. Every unknown item is reported."""
    found: list[Council] = []
    problems: list[str] = []
    for line in lines(text):
        try:
            found.append(council_by_name_or_code(line, current_only=current_only))
            continue
        except UnknownCouncil as whole:
            parts = [p.strip() for p in line.split(",") if p.strip()]
            if len(parts) < 2:
                problems.extend(whole.messages)
                continue
        for part in parts:
            try:
                found.append(council_by_name_or_code(part, current_only=current_only))
            except UnknownCouncil as exc:
                problems.extend(exc.messages)
    if problems:
        raise UnknownCouncil(problems)
    return list(dict.fromkeys(found))
