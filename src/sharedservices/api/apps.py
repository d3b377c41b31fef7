from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sharedservices.api"
    verbose_name = "JSON API"
