from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sharedservices.accounts"
    verbose_name = "Accounts and roles"
