"""Demo users: one per role for each council in the papers that still exists.

Carlisle (seeds 000 and 003) was abolished in 2023, so its successors
Cumberland and Westmorland and Furness stand in for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from sharedservices.accounts.models import StatutoryPost, User
from sharedservices.accounts.roles import Role
from sharedservices.accounts.services import user_create, user_set_roles
from sharedservices.accounts.statutory import statutory_officer_set
from sharedservices.base.revisions import UNCHECKED
from sharedservices.councils.models import Council

DEMO_COUNCILS = {
    "E07000121": "lancaster",  # seed 001
    "E07000123": "preston",  # seed 001's first partner
    "E07000239": "wyre-forest",  # seed 002
    "E10000024": "nottinghamshire",  # seed 004
    "E06000063": "cumberland",  # Carlisle's successor (seeds 000, 003)
    "E06000064": "westmorland-furness",  # Carlisle's other Cumbrian successor
    # The rest of Team Lancashire's Mid Lancashire cluster (seed 001).
    "E07000126": "south-ribble",
    "E07000118": "chorley",
    "E07000127": "west-lancashire",
}
DEMO_ADMIN_EMAIL = "admin@demo.example.org"


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD", "shared-services-demo")


@dataclass(frozen=True)
class DemoLogin:
    email: str
    council: str
    role: str


def demo_email(slug: str, role: Role) -> str:
    return f"{role.value}@{slug}.demo.example.org"


@transaction.atomic
def load_demo_users() -> list[DemoLogin]:
    """Create (or refresh) the demo users; safe to run again.

    Every demo user has the same, published password, so it is hashed once and the hash
    given to all of them: Argon2id costs about a third of a second of a core per hash by
    design, which made each demo build spend 20 s hashing one password for each."""
    password = make_password(demo_password())
    logins: list[DemoLogin] = []
    councils = Council.objects.in_bulk(list(DEMO_COUNCILS))
    for code, slug in DEMO_COUNCILS.items():
        council = councils[code]
        for role in Role:
            email = demo_email(slug, role)
            user = User.objects.filter(email=email).first()
            if user is None:
                user = user_create(
                    email=email,
                    full_name=f"Demo {role.label.lower()}, {council.name}",
                    password=None,
                    council=council,
                    roles=[role],
                )
                user.password = password
                user.save(update_fields=["password"])
            else:
                user.password = password
                user.council = council
                user.save()
                user_set_roles(user=user, roles=[role])
            logins.append(DemoLogin(email=email, council=council.name, role=role.label))
    admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first() or user_create(
        email=DEMO_ADMIN_EMAIL,
        full_name="Demo platform administrator",
        password=None,
        is_superuser=True,
    )
    admin.password = password
    admin.save(update_fields=["password"])
    logins += _statutory_officers(councils, password, admin)
    logins.append(DemoLogin(email=DEMO_ADMIN_EMAIL, council="(platform)", role="Administrator"))
    return logins


# Each demo council's statutory officers: a user of that council for each post, recorded
# by the platform administrator through the same service a corporate director uses.
STATUTORY_SLUGS = {
    StatutoryPost.CHIEF_FINANCE: ("s151-officer", "chief finance officer"),
    StatutoryPost.MONITORING: ("monitoring-officer", "monitoring officer"),
    StatutoryPost.HEAD_OF_PAID_SERVICE: ("head-of-paid-service", "head of paid service"),
}


def _statutory_officers(councils, password: str, admin: User) -> list[DemoLogin]:
    logins = []
    for code, slug in DEMO_COUNCILS.items():
        council = councils[code]
        for post, (prefix, words) in STATUTORY_SLUGS.items():
            email = f"{prefix}@{slug}.demo.example.org"
            user = User.objects.filter(email=email).first() or user_create(
                email=email,
                full_name=f"Demo {words}, {council.name}",
                password=None,
                council=council,
                roles=[Role.DIRECTOR],
            )
            user.password = password
            user.save(update_fields=["password"])
            statutory_officer_set(
                council=council,
                post=post,
                holder=user,
                deputy=None,
                by=admin,
                expected_revision=UNCHECKED,
            )
            logins.append(
                DemoLogin(email=email, council=council.name, role=StatutoryPost(post).label)
            )
    return logins
