from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "sharedservices.governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        # Every app writes to the audit trail through base.audit; this is the trail.
        from sharedservices.base import audit as door
        from sharedservices.governance import audit as trail

        door.plug_in(record=trail.audit_record, record_bulk=trail.audit_record_bulk)
        # A council's rejections and cases not pursued, in its "not pursued" list.
        from sharedservices.governance import not_pursued  # noqa: F401
