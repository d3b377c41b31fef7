from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sharedservices.cases"
    verbose_name = "Business cases"
