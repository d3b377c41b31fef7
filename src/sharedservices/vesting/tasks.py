from celery import shared_task

from sharedservices.vesting.services import apply_reorganisations


@shared_task(name="sharedservices.vesting.apply_reorganisations")
def apply_reorganisations_task() -> dict:
    """Daily, as ``manage.py apply_reorganisations`` (the same work)."""
    return vars(apply_reorganisations())
