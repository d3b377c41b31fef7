from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "sharedservices.programme"
    verbose_name = "Programmes and opportunities"
