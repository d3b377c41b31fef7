import pytest


@pytest.fixture(autouse=True)
def _reset_axes(db):
    """Each test starts with no failed sign-ins on record."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
