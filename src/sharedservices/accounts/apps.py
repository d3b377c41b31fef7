from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sharedservices.accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from sharedservices.accounts import signals  # noqa: F401  (connects the receivers)
