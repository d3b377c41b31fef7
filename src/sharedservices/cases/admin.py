from django.contrib import admin

from sharedservices.cases.models import BusinessCase
from sharedservices.operations.admin_readonly import ReadOnlyAdmin


@admin.register(BusinessCase)
class BusinessCaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "lead_council", "stage", "shared_with_partners"]
    list_filter = ["stage", "shared_with_partners"]
    autocomplete_fields = ["lead_council", "partner_councils"]
