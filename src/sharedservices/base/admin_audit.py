"""Every write made in the Django admin also goes to the audit trail.

``django_admin_log`` is the admin's own record: a table anyone with the database can
change, and not the trail councils read. Each admin write (an addition, a change, a
password set, a deletion) is audited here too, through the one door (``base.audit``),
in the admin's own transaction. The admins that may write list what changed in more
detail themselves (the user's access and details, before and after: accounts/admin.py).
"""

from __future__ import annotations

from sharedservices.base.audit import audit_record


def _words(message) -> str:
    """The admin's change message (a JSON list, or text) as a person reads it."""
    if isinstance(message, list):
        parts = []
        for item in message:
            for verb, detail in item.items():
                fields = ", ".join(detail.get("fields", [])) if isinstance(detail, dict) else ""
                parts.append(f"{verb} {fields}".strip())
        return "; ".join(parts)
    return str(message or "")


class AuditedAdmin:
    """Mix into a ModelAdmin that may add, change or delete: each write is audited as
    ``admin.added``, ``admin.changed`` or ``admin.deleted`` (the object as it was
    named before the deletion, so the trail keeps it)."""

    def log_addition(self, request, obj, message):
        audit_record(
            user=request.user, action="admin.added", obj=obj, after={"change": _words(message)}
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(
            user=request.user, action="admin.changed", obj=obj, after={"change": _words(message)}
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(
                user=request.user,
                action="admin.deleted",
                obj=obj,
                before=self.deleted_snapshot(obj),
            )
        return super().log_deletions(request, queryset)

    def deleted_snapshot(self, obj) -> dict:
        """What the trail keeps of a deleted object: its name, at least."""
        return {"name": str(obj)}
