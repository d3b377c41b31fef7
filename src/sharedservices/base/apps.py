from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "sharedservices.base"
    label = "base"
    verbose_name = "Shared foundations"
