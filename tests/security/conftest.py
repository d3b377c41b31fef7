"""One demo world for the module's tests, built once and rolled back at the end."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.security import world as world_module


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        world_module.build_world()
        yield
        transaction.set_rollback(True)
