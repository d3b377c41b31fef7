from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from sharedservices.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "council", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "groups", "council__nation"]
    search_fields = ["email", "full_name"]
    autocomplete_fields = ["council"]
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
