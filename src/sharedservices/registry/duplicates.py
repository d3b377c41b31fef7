"""When two rows are one arrangement: the same name (whatever its case) and the same
partner councils. The importer refuses such a row.

Checking before writing is not enough when two imports of one file run at the same
moment: both check, find nothing, and both write (600 rows from a 300-row file, issue
12 item 5). So the final check and the write are one transaction that first locks the
partner councils' rows; the second import waits, then finds the first one's rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from sharedservices.councils.models import Council
from sharedservices.registry.models import Arrangement, ArrangementPartner
from sharedservices.registry.services import ArrangementInput

ALREADY_REGISTERED = "Already in the register (same name and councils)"

Key = tuple[str, frozenset[str]]


def duplicate_key(data: ArrangementInput) -> Key:
    return (data.name.strip().casefold(), frozenset(c.pk for c in data.councils))


def registered_keys(arrangements=None) -> set[Key]:
    """The key of every arrangement in the register (or in ``arrangements``)."""
    arrangements = Arrangement.objects.all() if arrangements is None else arrangements
    names = dict(arrangements.values_list("pk", "name"))
    councils: dict[int, set[str]] = {}
    for arrangement_id, code in ArrangementPartner.objects.filter(
        council__isnull=False, arrangement__in=arrangements
    ).values_list("arrangement_id", "council_id"):
        councils.setdefault(arrangement_id, set()).add(code)
    return {(names[pk].casefold(), frozenset(councils.get(pk, ()))) for pk in names}


def lock_councils(codes: Iterable[str]) -> None:
    """Hold the councils' rows until the transaction ends. Two writers with the same
    councils queue here; locking in code order means they cannot deadlock. ``FOR NO KEY
    UPDATE`` leaves other writes alone: inserting a row that points at a council takes
    only a key-share lock. SQLite has no row locks; there the ``IMMEDIATE`` transactions
    of ``settings.py`` take the database's write lock at the start, which queues the
    same way."""
    locked = Council.objects.select_for_update(no_key=True).filter(pk__in=set(codes))
    list(locked.order_by("pk").values_list("pk", flat=True))


def lines_already_registered(good: list[tuple[int, ArrangementInput]]) -> list[int]:
    """Lock the rows' councils, then name the lines whose arrangement is now in the
    register. Call inside the transaction that writes them."""
    lock_councils(c.pk for _, data in good for c in data.councils)
    registered = registered_keys()
    return [line for line, data in good if duplicate_key(data) in registered]
