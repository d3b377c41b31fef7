"""Programmes and clusters: create and change them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from sharedservices.base.revisions import UNCHECKED
from sharedservices.base.tenancy import acting_council_ids, is_superuser
from sharedservices.councils.models import Council
from sharedservices.programme import permissions
from sharedservices.programme.models import Programme
from sharedservices.programme.services.common import check_revision, raise_if, record, require


@dataclass
class ProgrammeInput:
    name: str
    members: Sequence[Council]
    parent: Programme | None = None
    project_manager: str = ""
    method: str = ""
    start_date: date | None = None
    end_date: date | None = None
    description: str = ""
    private_notes: str = ""
    is_demo: bool = False
    extra: dict = field(default_factory=dict)


def programme_check(data: ProgrammeInput, *, programme: Programme | None = None) -> dict:
    errors: dict[str, list[str]] = {}

    def add(key, message):
        errors.setdefault(key, []).append(message)

    if not data.name.strip():
        add("name", "Enter the name of the programme")
    elif len(data.name) > 200:
        add("name", "Name must be 200 characters or fewer")
    if not data.members:
        add("members", "Name at least one member council")
    elif len({c.pk for c in data.members}) != len(data.members):
        add("members", "A council is listed more than once")
    for key, limit in (("project_manager", 200), ("method", 200)):
        if len(getattr(data, key)) > limit:
            add(key, f"Must be {limit} characters or fewer")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        add("end_date", "The end date must be on or after the start date")
    if programme is not None and data.parent is not None:
        ancestor = data.parent
        while ancestor is not None:
            if ancestor.pk == programme.pk:
                add("parent", "A programme cannot sit inside itself or one of its clusters")
                break
            ancestor = ancestor.parent
    return errors


def _acts_for_a_member(user, members) -> bool:
    if user is None or is_superuser(user):
        return True
    return bool(acting_council_ids(user) & {c.pk for c in members})


def _apply(programme: Programme, data: ProgrammeInput) -> None:
    programme.name = data.name.strip()
    programme.parent = data.parent
    programme.project_manager = data.project_manager.strip()
    programme.method = data.method.strip()
    programme.start_date = data.start_date
    programme.end_date = data.end_date
    programme.description = data.description.strip()
    programme.private_notes = data.private_notes.strip()


@transaction.atomic
def programme_create(
    *, user, data: ProgrammeInput, submission_token: uuid.UUID | None = None
) -> Programme:
    """A new programme or cluster; the user's council must be one of its members."""
    if submission_token and (
        found := Programme.objects.filter(submission_token=submission_token).first()
    ):
        return found
    require(user is None or permissions.can_write(user), "Your role cannot start a programme")
    errors = programme_check(data)
    if not errors and not _acts_for_a_member(user, data.members):
        errors["members"] = ["Your council must be one of the member councils"]
    raise_if(errors)
    programme = Programme(is_demo=data.is_demo, submission_token=submission_token)
    _apply(programme, data)
    programme.save()
    programme.members.set(data.members)
    record(
        programme,
        user,
        f"Started the programme with {len(data.members)} member councils",
        action="programme.created",
    )
    return programme


@transaction.atomic
def programme_update(
    *, user, programme: Programme, data: ProgrammeInput, expected_revision=UNCHECKED
) -> Programme:
    require(
        user is None or permissions.can_edit_programme(user, programme),
        "Only officers of a member council may change this programme",
    )
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    check_revision(locked, expected_revision)
    errors = programme_check(data, programme=locked)
    if not errors and not _acts_for_a_member(user, data.members):
        errors["members"] = ["Your council must stay one of the member councils"]
    raise_if(errors)
    before = set(locked.members.values_list("name", flat=True))
    _apply(locked, data)
    locked.revision += 1
    locked.save()
    locked.members.set(data.members)
    after = {c.name for c in data.members}
    summary = "Changed the programme's details"
    if before != after:
        joined, left = sorted(after - before), sorted(before - after)
        summary += "".join(
            [
                f"; joined: {', '.join(joined)}" if joined else "",
                f"; left: {', '.join(left)}" if left else "",
            ]
        )
    record(locked, user, summary, action="programme.saved")
    return locked
