from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "sharedservices.jobs"
    verbose_name = "Analysis jobs"
