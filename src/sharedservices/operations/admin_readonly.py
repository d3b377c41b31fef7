"""The Django admin may look at domain records but never change them.

Edits through the admin bypassed the services, so they wrote no history rows and
no case versions, and its deletes cascaded history away. Domain records are
changed only through the pages and the API, which go through the services (one
rule set, one history); the admin shows them read-only, for support.
"""

from django.contrib import admin


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """A model admin that shows records and their fields and changes nothing."""


class ReadOnlyTabularInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
