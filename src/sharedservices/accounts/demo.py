"""Demo users: one per role for each council in the papers that still exists.

Carlisle (seeds 000 and 003) was abolished in 2023, so its successors
Cumberland and Westmorland and Furness stand in for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from sharedservices.accounts.models import User
from sharedservices.accounts.roles import Role
from sharedservices.accounts.services import user_create, user_set_roles
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
    given to all 55: Argon2id costs about a third of a second of a core per hash by
    design, which made each demo build spend 20 s hashing one password 55 times."""
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
    logins.append(DemoLogin(email=DEMO_ADMIN_EMAIL, council="(platform)", role="Administrator"))
    return logins
