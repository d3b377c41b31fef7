from django.contrib import admin

from sharedservices.councils.models import Council


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    """Read-mostly: councils come from ONS data through load_councils."""

    list_display = ["code", "name", "kind", "nation", "upper_tier", "valid_to"]
    list_filter = ["kind", "nation"]
    search_fields = ["code", "name"]
    readonly_fields = [f.name for f in Council._meta.fields]
    filter_horizontal = []

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
