from django.contrib import admin

from sharedservices.operations.admin_readonly import ReadOnlyAdmin
from sharedservices.programme.models import Opportunity


@admin.register(Opportunity)
class OpportunityAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "stage"]
    list_filter = ["stage"]
    autocomplete_fields = ["council", "proposed_partners"]
