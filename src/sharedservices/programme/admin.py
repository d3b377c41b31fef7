from django.contrib import admin

from sharedservices.programme.models import Opportunity


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "council", "stage"]
    list_filter = ["stage"]
    autocomplete_fields = ["council", "proposed_partners"]
