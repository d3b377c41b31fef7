from django.contrib import admin

from sharedservices.councils.models import Council


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    """Read-only: councils, their successors and neighbours come from ONS data through
    load_councils (an edit here would be undone by its next run, and recorded nowhere)."""

    list_display = ["code", "name", "kind", "nation", "upper_tier", "valid_to"]
    list_filter = ["kind", "nation"]
    search_fields = ["code", "name"]
    readonly_fields = [f.name for f in Council._meta.fields]
    filter_horizontal = []

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
