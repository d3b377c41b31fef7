from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "sharedservices.governance"
    verbose_name = "Governance"
