from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sharedservices.registry"
    verbose_name = "Register of arrangements"

    def ready(self):
        from sharedservices.registry import panels  # noqa: F401  (registers the council panel)
