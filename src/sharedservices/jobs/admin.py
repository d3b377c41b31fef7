from django.contrib import admin

from sharedservices.jobs.models import AnalysisJob
from sharedservices.operations.admin_readonly import ReadOnlyAdmin


@admin.register(AnalysisJob)
class AnalysisJobAdmin(ReadOnlyAdmin):
    list_display = ["pk", "kind", "title", "status", "progress", "council", "created_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["created_at", "started_at", "finished_at"]
    raw_id_fields = ["requested_by", "council"]
