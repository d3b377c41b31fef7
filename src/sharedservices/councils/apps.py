from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "sharedservices.councils"
    verbose_name = "Councils"
