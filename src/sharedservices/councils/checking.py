"""``load_councils --check``: is the curated council file still true?

It compares the three sources (the ONS 2021 lookup, the ONS Postcode Directory, the curated file)
with each other and with the database, and names every problem of four kinds:

- ``disagreement``: the sources, or the sources and the database, say different things (a name,
  a kind, a date, an upper tier, a successor), or a record the loader would refuse;
- ``no-source``: a council the curated file speaks for whose row names no public source, or a
  council in the database without one;
- ``not-covered``: an abolished council whose successors do not take it over on the day after
  its last day, or do not lead to a council that exists today;
- ``date``: a date that contradicts what a package says about its own date, e.g. a code that is
  current in the November 2025 postcode directory but marked abolished before then.

Reading is pure (:func:`check_sources`, :func:`check_database`); the command prints and exits
non-zero on any problem, and CI runs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sharedservices.councils.loading import (
    POSTCODE_DIRECTORY_DATE,
    SCALAR_FIELDS,
    CouncilDataError,
    CouncilRecord,
    Sources,
    build_records,
)

# What each package says about its own date. The 2021 lookup is "April 2021"; the postcode
# package 2026.1.1 is the ONSPD of November 2025 (its generator reads ONSPD_NOV_2025 and the
# column lad25cd), so every council code in it existed on the day the directory was made.
LOOKUP_DATE = dt.date(2021, 4, 1)


@dataclass(frozen=True)
class Problem:
    kind: str  # disagreement | no-source | not-covered | date
    code: str
    message: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.code}: {self.message}"


def _existed_on(record: CouncilRecord, day: dt.date) -> bool:
    return (record.valid_from is None or record.valid_from <= day) and (
        record.valid_to is None or record.valid_to >= day
    )


def check_sources(sources: Sources) -> tuple[list[Problem], list[CouncilRecord]]:
    """Every problem within the sources, and the records when the loader can build them."""
    problems: list[Problem] = []
    lookup_names: dict[str, str] = {}
    for row in sources.lookup:
        lookup_names[row["LTLA21CD"]] = row["LTLA21NM"]
        lookup_names.setdefault(row["UTLA21CD"], row["UTLA21NM"])

    for code, row in sources.curated.items():
        if not row.get("source"):
            problems.append(Problem("no-source", code, "the curated row names no public source"))
        named = row.get("name")
        if named and code in lookup_names and lookup_names[code] != named:
            problems.append(
                Problem(
                    "disagreement",
                    code,
                    f"the curated file says {named!r}, the ONS 2021 lookup {lookup_names[code]!r}",
                )
            )

    try:
        records = build_records(sources)
    except CouncilDataError as exc:
        for message in exc.problems:
            about_dates = "postcode" in message  # abolished yet in the directory, or the reverse
            code = message.split(" ", 1)[0].rstrip(":")
            problems.append(Problem("date" if about_dates else "disagreement", code, message))
        return problems, []

    by_code = {r.code: r for r in records}
    for r in records:
        in_directory = r.code in sources.postcode_codes
        if in_directory and not _existed_on(r, POSTCODE_DIRECTORY_DATE):
            problems.append(
                Problem(
                    "date",
                    r.code,
                    f"{r.name} is in the postcode directory of {POSTCODE_DIRECTORY_DATE:%B %Y} "
                    f"but dated {r.valid_from or '…'} to {r.valid_to or 'now'}",
                )
            )
        if r.code in lookup_names and not _existed_on(r, LOOKUP_DATE):
            problems.append(
                Problem(
                    "date",
                    r.code,
                    f"{r.name} is in the ONS lookup of {LOOKUP_DATE:%B %Y} "
                    f"but dated {r.valid_from or '…'} to {r.valid_to or 'now'}",
                )
            )
        if r.valid_to is not None:
            problems += _coverage_problems(r, by_code)
    return problems, records


def _coverage_problems(record: CouncilRecord, by_code: dict[str, CouncilRecord]) -> list[Problem]:
    """An abolished council is covered when each successor exists on its first day without it,
    and the chain of successors reaches a council that exists today."""
    problems = []
    next_day = record.valid_to + dt.timedelta(days=1)
    if not record.successors:
        return [
            Problem("not-covered", record.code, f"{record.name} was abolished with no successor")
        ]
    for code in record.successors:
        successor = by_code.get(code)
        if successor is None:
            problems.append(Problem("not-covered", record.code, f"successor {code} is unknown"))
            continue
        if not _existed_on(successor, next_day):
            problems.append(
                Problem(
                    "not-covered",
                    record.code,
                    f"{record.name} ended on {record.valid_to} but its successor "
                    f"{successor.name} ({code}) did not exist on {next_day}",
                )
            )
        if not _reaches_today(successor, by_code):
            problems.append(
                Problem(
                    "not-covered",
                    record.code,
                    f"the successors of {record.name} through {code} lead to no current council",
                )
            )
    return problems


def _reaches_today(record: CouncilRecord, by_code: dict[str, CouncilRecord]) -> bool:
    seen: set[str] = set()
    todo = [record]
    while todo:
        r = todo.pop()
        if r.code in seen:
            continue
        seen.add(r.code)
        if r.valid_to is None:
            return True
        todo += [by_code[s] for s in r.successors if s in by_code]
    return False


def check_database(records: Iterable[CouncilRecord]) -> list[Problem]:
    """Every difference between the records the sources build and the database."""
    from sharedservices.councils.models import Council

    problems: list[Problem] = []
    want = {r.code: r for r in records}
    have = {c.code: c for c in Council.objects.all()}
    successors: dict[str, set[str]] = {}
    for a, b in Council.successors.through.objects.values_list("from_council_id", "to_council_id"):
        successors.setdefault(a, set()).add(b)
    for code in sorted(set(want) - set(have)):
        problems.append(Problem("disagreement", code, "in the sources but not in the database"))
    for code in sorted(set(have) - set(want)):
        problems.append(Problem("disagreement", code, "in the database but in no source"))
    for code in sorted(set(want) & set(have)):
        r, c = want[code], have[code]
        for f in (*SCALAR_FIELDS, "upper_tier_id"):
            theirs = getattr(c, f)
            ours = r.upper_tier if f == "upper_tier_id" else getattr(r, f)
            if theirs != ours:
                problems.append(
                    Problem(
                        "disagreement",
                        code,
                        f"{f.removesuffix('_id')}: the database has {theirs!r}, "
                        f"the sources {ours!r}",
                    )
                )
        if successors.get(code, set()) != set(r.successors):
            problems.append(
                Problem(
                    "disagreement",
                    code,
                    f"successors: the database has {sorted(successors.get(code, ()))}, "
                    f"the sources {sorted(r.successors)}",
                )
            )
        if not c.source and c.valid_to is None:
            problems.append(Problem("no-source", code, f"{c.name} is current with no source"))
    return problems
