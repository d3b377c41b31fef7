from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    name = "sharedservices.benefits"
    verbose_name = "Benefits realisation"

    def ready(self):
        from sharedservices.benefits import panels  # noqa: F401  (registers the register's panels)
