from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from sharedservices.accounts import services
from sharedservices.accounts.models import CouncilSignInPolicy, User
from sharedservices.base.admin_audit import AuditedAdmin


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    """Registered here, before django-otp's own (which then steps aside): that one shows
    each user's secret and QR code to any administrator. Devices are only listed here;
    a lost one is reset from the user list, through the audited service."""

    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__email"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedSave:
    """Admin forms that change what people may do write many-to-many fields (groups,
    permissions) and flags themselves, bypassing the audited services. The state before
    is read in ``save_model`` (before anything is written) and compared in
    ``save_related`` (after the many-to-many fields are), inside the admin's one
    transaction; it travels on the instance, as one admin object serves every request."""

    def snapshot(self, obj):
        raise NotImplementedError

    def record(self, obj, before, by):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        before = self.snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        obj._audit_before = before

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.record(form.instance, getattr(form.instance, "_audit_before", None), request.user)


@admin.register(User)
class UserAdmin(AuditedAdmin, AuditedSave, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "council", "is_active", "is_superuser", "two_step"]
    list_filter = ["is_active", "is_superuser", "groups", "council__nation"]
    search_fields = ["email", "full_name"]
    autocomplete_fields = ["council"]
    actions = ["reset_two_step"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "council"]}),
        ("Roles and permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "council", "password1", "password2"],
            },
        ),
    ]

    def snapshot(self, user):
        return services.user_access(user)

    def deleted_snapshot(self, user):
        # The deleted user's own events keep their name (AuditEvent.user_name); this
        # event says who was deleted, and by whom.
        return {"email": user.email, "name": user.full_name, "council": user.council_id}

    def record(self, user, before, by):
        services.user_access_record(user=user, before=before, by=by)

    @admin.display(boolean=True, description="two-step sign-in")
    def two_step(self, user: User) -> bool:
        return TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    @admin.action(description="Reset two-step sign-in (lost phone and recovery codes)")
    def reset_two_step(self, request, queryset):
        for user in queryset:
            services.mfa_reset(user=user, by=request.user)
        self.message_user(
            request,
            f"Two-step sign-in reset for {queryset.count()} user(s): they set it up again "
            "at their next sign-in if they must use it.",
            messages.SUCCESS,
        )


@admin.register(CouncilSignInPolicy)
class CouncilSignInPolicyAdmin(AuditedAdmin, admin.ModelAdmin):
    """Each council's own sign-in rule, saved through the service (so it is audited)."""

    list_display = ["council", "mfa_required"]
    list_filter = ["mfa_required"]
    search_fields = ["council__name", "council__code"]
    autocomplete_fields = ["council"]

    def get_readonly_fields(self, request, obj=None):
        return ["council"] if obj else []

    def save_model(self, request, obj, form, change):
        services.council_sign_in_policy_set(
            council=obj.council, mfa_required=obj.mfa_required, by=request.user
        )

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, AuditedSave, BaseGroupAdmin):
    """A role's permissions, changed in the admin, go to the audit trail."""

    def snapshot(self, group):
        return services.role_permissions(group)

    def record(self, group, before, by):
        services.role_permissions_record(group=group, before=before, by=by)


def _audit_third_party_admins() -> None:
    """django-axes's lists (deleting an attempt unlocks an account) are writes too."""
    from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model, base in (
        (AccessAttempt, AccessAttemptAdmin),
        (AccessLog, AccessLogAdmin),
        (AccessFailureLog, AccessFailureLogAdmin),
    ):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
            admin.site.register(model, type(f"Audited{base.__name__}", (AuditedAdmin, base), {}))


_audit_third_party_admins()
