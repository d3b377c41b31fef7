from django.apps import AppConfig


class BenefitsConfig(AppConfig):
    name = "sharedservices.benefits"
    verbose_name = "Benefits realisation"
