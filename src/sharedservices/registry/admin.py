from django.contrib import admin

from sharedservices.operations.admin_readonly import ReadOnlyAdmin, ReadOnlyTabularInline
from sharedservices.registry.models import Arrangement, ArrangementPartner


class PartnerInline(ReadOnlyTabularInline):
    model = ArrangementPartner


@admin.register(Arrangement)
class ArrangementAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "delivery_model", "start_year"]
    list_filter = ["status", "delivery_model"]
    search_fields = ["name"]
    inlines = [PartnerInline]
