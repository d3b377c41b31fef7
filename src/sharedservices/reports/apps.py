from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sharedservices.reports"
    verbose_name = "Committee reports"
