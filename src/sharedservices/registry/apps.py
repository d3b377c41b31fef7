from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sharedservices.registry"
    verbose_name = "Register of arrangements"
