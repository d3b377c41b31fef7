from django.contrib import admin

from sharedservices.cases.models import BusinessCase


@admin.register(BusinessCase)
class BusinessCaseAdmin(admin.ModelAdmin):
    list_display = ["title", "lead_council", "stage", "shared_with_partners"]
    list_filter = ["stage", "shared_with_partners"]
    autocomplete_fields = ["lead_council", "partner_councils"]
