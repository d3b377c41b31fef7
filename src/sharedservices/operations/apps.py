from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "sharedservices.operations"
    verbose_name = "Operations"
