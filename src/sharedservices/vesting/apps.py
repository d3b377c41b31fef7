from django.apps import AppConfig


class VestingConfig(AppConfig):
    name = "sharedservices.vesting"
    verbose_name = "Vesting day: records moved to successor councils"
