from django.contrib import admin

from sharedservices.registry.models import Arrangement, ArrangementPartner


class PartnerInline(admin.TabularInline):
    model = ArrangementPartner
    autocomplete_fields = ["council"]
    extra = 1


@admin.register(Arrangement)
class ArrangementAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "delivery_model", "start_year"]
    list_filter = ["status", "delivery_model"]
    search_fields = ["name"]
    inlines = [PartnerInline]
